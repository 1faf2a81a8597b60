import { describe, expect, it } from 'vitest';
import { earlierStartBody, earlierStartProblems } from './pairing-start';

describe('a pairing that began earlier (ADR 0037)', () => {
  const now = new Date(2026, 11, 7, 9, 30);

  it('accepts a past day or today with a reason, and sends the start of that day with the reason', () => {
    expect(earlierStartProblems({ on: '2026-11-02', reason: 'Paired at the clinic on paper' }, now)).toEqual({});
    expect(earlierStartProblems({ on: '2026-12-07', reason: 'Paper log' }, now)).toEqual({});
    const body = earlierStartBody({ on: '2026-11-02', reason: '  Paired at the clinic on paper ' });
    expect(new Date(body.startedAt).getTime()).toBe(new Date(2026, 10, 2).getTime());
    expect(body.enteredLate).toEqual({ reason: 'Paired at the clinic on paper' });
  });

  it('refuses a missing or impossible day, a future day and a missing reason, in words', () => {
    expect(earlierStartProblems({ on: '', reason: '' }, now)).toEqual({
      startedAt: 'Enter the day the pairing began',
      'enteredLate.reason': 'Say in a few words why it is entered late, such as “From the clinic’s paper log”',
    });
    expect(earlierStartProblems({ on: '2026-02-30', reason: 'Paper log' }, now).startedAt).toBe(
      'Enter the day the pairing began',
    );
    expect(earlierStartProblems({ on: '2026-12-08', reason: 'Paper log' }, now).startedAt).toBe('The day cannot be after today');
    expect(earlierStartProblems({ on: '2026-12-01', reason: 'ok' }, now)['enteredLate.reason']).toMatch(/^Say in a few words/);
    expect(earlierStartProblems({ on: '2026-12-01', reason: 'x'.repeat(501) }, now)['enteredLate.reason']).toBe(
      'Use 500 characters or fewer',
    );
  });

  it('reads the day where the program is, not on the device (issue #16)', () => {
    // 8:00 PM Mon 7 Dec in Los Angeles is already Tue 8 Dec in London.
    const evening = new Date('2026-12-08T04:00:00.000Z');
    expect(earlierStartProblems({ on: '2026-12-08', reason: 'Paper log' }, evening, 'America/Los_Angeles').startedAt).toBe(
      'The day cannot be after today',
    );
    expect(earlierStartProblems({ on: '2026-12-08', reason: 'Paper log' }, evening, 'Europe/London')).toEqual({});
    expect(earlierStartBody({ on: '2026-11-02', reason: 'Paper log' }, 'America/Los_Angeles').startedAt).toBe(
      '2026-11-02T08:00:00.000Z',
    );
    expect(earlierStartBody({ on: '2026-11-01', reason: 'Paper log' }, 'America/Los_Angeles').startedAt).toBe(
      '2026-11-01T07:00:00.000Z',
    );
  });
});
