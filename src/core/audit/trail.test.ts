import { describe, expect, it } from 'vitest';
import { auditCsvRows, describeAction, periodInstants, verbsOf } from './index';

describe('the audit trail in words', () => {
  it('names actions as people say them', () => {
    expect(describeAction('participant:read')).toBe('Viewed participant');
    expect(describeAction('coach_wellbeing:update')).toBe('Changed coach wellbeing');
    expect(describeAction('session:sign_in_failed')).toBe('Failed sign-in');
    expect(describeAction('something:odd')).toBe('something:odd');
  });

  it('gathers signing in, failing to and signing out under one filter', () => {
    expect(verbsOf('sign_in')).toEqual(['sign_in', 'sign_in_failed', 'sign_out']);
    expect(verbsOf('read')).toEqual(['read']);
  });
});

describe('a period of days in the program’s zone', () => {
  it('runs from the first day’s midnight to the midnight after the last day', () => {
    expect(periodInstants({ from: '2026-12-01', to: '2026-12-07' }, 'America/New_York')).toEqual({
      since: new Date('2026-12-01T05:00:00.000Z'),
      until: new Date('2026-12-08T05:00:00.000Z'),
    });
    // Across the change to summer time the day after still starts at local midnight.
    expect(periodInstants({ to: '2026-03-07' }, 'America/New_York')).toEqual({ until: new Date('2026-03-08T05:00:00.000Z') });
    expect(periodInstants({ to: '2026-03-08' }, 'America/New_York')).toEqual({ until: new Date('2026-03-09T04:00:00.000Z') });
    expect(periodInstants({}, 'America/New_York')).toEqual({});
  });

  it('refuses a last day before the first', () => {
    expect(periodInstants({ from: '2026-12-07', to: '2026-12-01' }, 'UTC')).toBeNull();
  });
});

describe('the audit spreadsheet', () => {
  const row = {
    id: 7,
    at: '2026-12-07T14:05:00.000Z',
    actorName: 'Dana Coordinator',
    action: 'participant:export',
    entityType: 'participant',
    entityId: 'b5c1e7a2-0000-4000-8000-000000000001',
    recordLabel: 'P-0042',
    ip: '127.0.0.1',
    requestId: 'req-1',
  };

  it('gives the moment in UTC and on the program’s clock, and the action in words', () => {
    const [header, first] = auditCsvRows([row], 'America/Chicago');
    expect(header).toEqual([
      'event',
      'at_utc',
      'local_time',
      'who',
      'action',
      'what',
      'record_kind',
      'record_id',
      'record',
      'address',
      'request',
    ]);
    expect(first).toEqual([
      '7',
      '2026-12-07T14:05:00.000Z',
      '2026-12-07 08:05',
      'Dana Coordinator',
      'participant:export',
      'Exported participant',
      'participant',
      'b5c1e7a2-0000-4000-8000-000000000001',
      'P-0042',
      '127.0.0.1',
      'req-1',
    ]);
  });

  it('keeps a name a spreadsheet would run as a formula from running', () => {
    const [, first] = auditCsvRows([{ ...row, actorName: '=HYPERLINK("http://x")' }], 'UTC');
    expect(first![3]).toBe('\'=HYPERLINK("http://x")');
    const [, nobody] = auditCsvRows(
      [{ ...row, actorName: null, entityId: null, recordLabel: null, ip: null, requestId: null }],
      'UTC',
    );
    expect(nobody!.slice(3)).toEqual(['', 'participant:export', 'Exported participant', 'participant', '', '', '', '']);
  });
});
