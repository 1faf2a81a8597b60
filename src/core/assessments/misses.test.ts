import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ASSESSMENT_SETTINGS,
  linkReminderDue,
  missesToRecord,
  orphanedTimepoints,
  scheduleFor,
  type ScheduleFacts,
} from './index';

const TZ = 'America/New_York';
const facts = (over: Partial<ScheduleFacts> = {}): ScheduleFacts => ({
  enrolledOn: '2026-01-15',
  endedOn: null,
  responded: new Map(),
  ...over,
});
const at = (iso: string) => new Date(iso);
const misses = (now: string, f: ScheduleFacts = facts(), settings = DEFAULT_ASSESSMENT_SETTINGS) =>
  missesToRecord(settings, f, at(now), TZ).map((m) => [
    m.timepointKey,
    m.windowOpenedAt.toISOString(),
    m.windowClosedAt.toISOString(),
  ]);
const ALL = new Set(['peg', 'phq9', 'gad7']);

describe('missesToRecord: which timepoints became missed by an instant', () => {
  // Enrolled 15 January 2026; 6 months due 15 July, window 15 June – 14 August (EDT, UTC-4).
  it('records a follow-up exactly at the close (the close is exclusive), not a moment before', () => {
    const paired = facts({ responded: new Map([['baseline', ALL]]) });
    expect(misses('2026-08-15T03:59:59.999Z', paired)).toEqual([]);
    expect(misses('2026-08-15T04:00:00.000Z', paired)).toEqual([
      ['month_6', '2026-06-15T04:00:00.000Z', '2026-08-15T04:00:00.000Z'],
    ]);
  });
  it('records a baseline at its close (28 days after enrolment) without every response, whatever the pairing', () => {
    const partly = facts({ responded: new Map([['baseline', new Set(['peg'])]]) });
    expect(misses('2026-02-13T04:59:59Z', partly)).toEqual([]);
    expect(misses('2026-02-13T05:00:00Z', partly)).toEqual([
      ['baseline', '2026-01-15T05:00:00.000Z', '2026-02-13T05:00:00.000Z'],
    ]);
  });
  it('does not record a timepoint completed just before the close', () => {
    const done = facts({
      responded: new Map([
        ['baseline', ALL],
        ['month_6', ALL],
      ]),
    });
    expect(misses('2026-08-15T04:00:00Z', done)).toEqual([]);
  });
  it('does not record again what is already recorded', () => {
    const paired = facts({ recordedMisses: new Set(['baseline']) });
    expect(misses('2026-08-15T04:00:00Z', paired).map((m) => m[0])).toEqual(['month_6']);
  });
  it('stops (does not miss) windows that open after the participant withdrew', () => {
    const left = facts({
      responded: new Map([['baseline', ALL]]),
      endedOn: '2026-03-01',
    });
    expect(misses('2027-06-01T12:00:00Z', left)).toEqual([]);
    expect(scheduleFor(DEFAULT_ASSESSMENT_SETTINGS, left, at('2027-06-01T12:00:00Z'), TZ).map((s) => s.state)).toEqual([
      'completed',
      'stopped',
      'stopped',
    ]);
  });
  it('misses a window open when the participant withdrew, closed at the local midnight after the last day', () => {
    const left = facts({
      responded: new Map([['baseline', ALL]]),
      endedOn: '2026-07-01',
    });
    expect(misses('2026-07-02T03:59:59Z', left)).toEqual([]);
    expect(misses('2026-07-02T04:00:00Z', left)).toEqual([['month_6', '2026-06-15T04:00:00.000Z', '2026-07-02T04:00:00.000Z']]);
  });
  it('closes at local midnight across a daylight-saving change (EST close after an EDT opening)', () => {
    // Enrolled 8 May: 6 months due 8 November; window 9 October (EDT) – 8 December (EST, UTC-5).
    const f = facts({
      enrolledOn: '2026-05-08',
      responded: new Map([['baseline', ALL]]),
    });
    expect(misses('2026-12-09T04:59:59Z', f)).toEqual([]);
    expect(misses('2026-12-09T05:00:00Z', f)).toEqual([['month_6', '2026-10-09T04:00:00.000Z', '2026-12-09T05:00:00.000Z']]);
  });
});

describe('a recorded miss stays missed', () => {
  const paired = { responded: new Map([['baseline', ALL]]) };
  const wider = {
    timepoints: DEFAULT_ASSESSMENT_SETTINGS.timepoints.map((t) => (t.key === 'month_6' ? { ...t, windowAfterDays: 90 } : t)),
  };
  const month6 = (f: ScheduleFacts, settings = DEFAULT_ASSESSMENT_SETTINGS) =>
    scheduleFor(settings, f, at('2026-08-20T12:00:00Z'), TZ).find((s) => s.key === 'month_6')!;
  it('when the program widens the window later', () => {
    expect(month6(facts(paired), wider).state).toBe('overdue'); // derived only: it would flip back
    expect(month6(facts({ ...paired, recordedMisses: new Set(['month_6']) }), wider)).toMatchObject({
      state: 'missed',
      missRecorded: true,
    });
  });
  it('also over "stopped" and "upcoming", but not over a complete set of responses', () => {
    const later = {
      timepoints: DEFAULT_ASSESSMENT_SETTINGS.timepoints.map((t) => (t.key === 'month_6' ? { ...t, months: 8 } : t)),
    };
    expect(month6(facts({ ...paired, recordedMisses: new Set(['month_6']) }), later).state).toBe('missed');
    expect(month6(facts({ ...paired, endedOn: '2026-01-31', recordedMisses: new Set(['month_6']) })).state).toBe('missed');
    const complete = facts({
      ...paired,
      responded: new Map([...paired.responded, ['month_6', ALL]]),
      recordedMisses: new Set(['month_6']),
    });
    expect(month6(complete).state).toBe('completed');
  });
});

describe('orphanedTimepoints', () => {
  const used = new Set(['baseline', 'month_6']);
  it('names the used keys a change would remove or rename, with their labels', () => {
    const renamed = {
      timepoints: DEFAULT_ASSESSMENT_SETTINGS.timepoints.map((t) => (t.key === 'month_6' ? { ...t, key: 'six_months' } : t)),
    };
    expect(orphanedTimepoints(DEFAULT_ASSESSMENT_SETTINGS, renamed, used)).toEqual([{ key: 'month_6', label: '6 months' }]);
  });
  it('allows relabelling, retiming and removing unused timepoints', () => {
    const next = {
      timepoints: DEFAULT_ASSESSMENT_SETTINGS.timepoints
        .filter((t) => t.key !== 'month_9')
        .map((t) => ({ ...t, label: `${t.label}!`, windowAfterDays: 10 })),
    };
    expect(orphanedTimepoints(DEFAULT_ASSESSMENT_SETTINGS, next, used)).toEqual([]);
  });
});

describe('linkReminderDue', () => {
  const link = {
    createdAt: at('2026-03-02T15:00:00Z'),
    expiresAt: at('2026-03-16T15:00:00Z'),
    completedAt: null,
    revokedAt: null,
    emailed: true,
    openedAt: null,
    remindedAt: null,
  };
  it('is due from 3 days before expiry until expiry, for an e-mailed link never opened', () => {
    expect(linkReminderDue(link, at('2026-03-13T14:59:59Z'))).toBe(false);
    expect(linkReminderDue(link, at('2026-03-13T15:00:00Z'))).toBe(true);
    expect(linkReminderDue(link, at('2026-03-16T14:59:59Z'))).toBe(true);
    expect(linkReminderDue(link, at('2026-03-16T15:00:00Z'))).toBe(false);
  });
  it('is not due once opened, used, replaced, already reminded, or for a link not e-mailed', () => {
    const now = at('2026-03-14T12:00:00Z');
    expect(linkReminderDue({ ...link, openedAt: at('2026-03-03T12:00:00Z') }, now)).toBe(false);
    expect(linkReminderDue({ ...link, completedAt: at('2026-03-03T12:00:00Z') }, now)).toBe(false);
    expect(linkReminderDue({ ...link, revokedAt: at('2026-03-03T12:00:00Z') }, now)).toBe(false);
    expect(linkReminderDue({ ...link, remindedAt: at('2026-03-13T15:00:00Z') }, now)).toBe(false);
    expect(linkReminderDue({ ...link, emailed: false }, now)).toBe(false);
  });
  it('does not follow a short-lived link (its window closes soon) at once with a reminder', () => {
    const short = { ...link, expiresAt: at('2026-03-05T05:00:00Z') };
    expect(linkReminderDue(short, at('2026-03-04T12:00:00Z'))).toBe(false);
    const fourDays = { ...link, expiresAt: at('2026-03-06T15:00:00Z') };
    expect(linkReminderDue(fourDays, at('2026-03-03T15:00:00Z'))).toBe(true);
  });
});
