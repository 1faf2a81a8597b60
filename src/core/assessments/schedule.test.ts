import { describe, expect, it } from 'vitest';
import {
  AssessmentSettings,
  bandCounts,
  DEFAULT_ASSESSMENT_SETTINGS,
  distributionOf,
  entryRefusal,
  hasAnyAnswer,
  linkExpiry,
  linkState,
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
/** Noon in New York on a local date (EST, UTC-5, in winter; EDT, UTC-4, in summer). */
const at = (iso: string) => new Date(iso);
const stateAt = (now: string, f: ScheduleFacts = facts(), key = 'month_6') =>
  scheduleFor(DEFAULT_ASSESSMENT_SETTINGS, f, at(now), TZ).find((s) => s.key === key)!;

describe('settings', () => {
  it('defaults to baseline, 6 and 9 months with ±30 day follow-up windows', () => {
    expect(AssessmentSettings.parse(DEFAULT_ASSESSMENT_SETTINGS)).toEqual(DEFAULT_ASSESSMENT_SETTINGS);
    const [b, m6, m9] = DEFAULT_ASSESSMENT_SETTINGS.timepoints;
    expect(b).toMatchObject({ key: 'baseline', isBaseline: true, months: 0 });
    expect(m6).toMatchObject({ months: 6, windowBeforeDays: 30, windowAfterDays: 30 });
    expect(m9).toMatchObject({ months: 9, windowBeforeDays: 30, windowAfterDays: 30 });
  });
  it('refuses duplicate keys, two baselines, a baseline months after enrolment, no instruments', () => {
    const tp = DEFAULT_ASSESSMENT_SETTINGS.timepoints[1]!;
    expect(AssessmentSettings.safeParse({ timepoints: [tp, tp] }).success).toBe(false);
    const base = DEFAULT_ASSESSMENT_SETTINGS.timepoints[0]!;
    expect(AssessmentSettings.safeParse({ timepoints: [base, { ...base, key: 'b2' }] }).success).toBe(false);
    expect(AssessmentSettings.safeParse({ timepoints: [{ ...base, months: 3 }] }).success).toBe(false);
    expect(AssessmentSettings.safeParse({ timepoints: [{ ...tp, instruments: [] }] }).success).toBe(false);
    expect(AssessmentSettings.safeParse({ timepoints: [{ ...tp, key: 'Month 6' }] }).success).toBe(false);
  });
});

describe('scheduleFor: follow-up windows (6 months after 2026-01-15 = 2026-07-15, ±30 days)', () => {
  it('has no schedule before enrolment', () => {
    expect(scheduleFor(DEFAULT_ASSESSMENT_SETTINGS, facts({ enrolledOn: null }), at('2026-03-01T12:00:00Z'), TZ)).toEqual([]);
  });
  it('computes the window in local days', () => {
    const s = stateAt('2026-03-01T12:00:00Z');
    expect(s).toMatchObject({ dueOn: '2026-07-15', opensOn: '2026-06-15', closesOn: '2026-08-14', state: 'upcoming' });
    // The window opens at local midnight (EDT, UTC-4) and closes at the local midnight after its last day.
    expect(s.opensAt.toISOString()).toBe('2026-06-15T04:00:00.000Z');
    expect(s.closesAt!.toISOString()).toBe('2026-08-15T04:00:00.000Z');
  });
  it('opens exactly at local midnight of the first day', () => {
    expect(stateAt('2026-06-15T03:59:59.999Z').state).toBe('upcoming');
    expect(stateAt('2026-06-15T04:00:00.000Z').state).toBe('due');
  });
  it('is due through the due date and overdue from the next local day', () => {
    expect(stateAt('2026-07-16T03:59:59Z').state).toBe('due'); // 23:59 on 15 July in New York
    expect(stateAt('2026-07-16T04:00:00Z').state).toBe('overdue');
  });
  it('is missed from the local midnight after the last day, and stays missed', () => {
    expect(stateAt('2026-08-15T03:59:59Z').state).toBe('overdue');
    expect(stateAt('2026-08-15T04:00:00Z').state).toBe('missed');
    expect(stateAt('2027-08-15T04:00:00Z').state).toBe('missed');
  });
  it('is completed once every instrument has a response, even after the window', () => {
    const partial = facts({ responded: new Map([['month_6', new Set(['peg', 'phq9'])]]) });
    expect(stateAt('2026-07-01T12:00:00Z', partial)).toMatchObject({ state: 'due', doneInstruments: ['peg', 'phq9'] });
    expect(stateAt('2026-09-01T12:00:00Z', partial).state).toBe('missed');
    const all = facts({ responded: new Map([['month_6', new Set(['peg', 'phq9', 'gad7'])]]) });
    expect(stateAt('2026-09-01T12:00:00Z', all).state).toBe('completed');
  });
  it('stops windows that open after the participant left, and misses an open one', () => {
    const left = facts({ endedOn: '2026-07-01' });
    expect(stateAt('2026-09-01T12:00:00Z', left, 'month_9').state).toBe('stopped');
    expect(stateAt('2026-07-05T12:00:00Z', left, 'month_6').state).toBe('missed');
    expect(stateAt('2026-07-01T12:00:00Z', left, 'month_6').state).toBe('due');
  });
  it('opens and closes at local midnight across a daylight-saving change', () => {
    // Enrolled 8 May: due 8 November (after the clocks went back on 1 November), window 9 October (EDT) to 8 December (EST).
    const s = scheduleFor(DEFAULT_ASSESSMENT_SETTINGS, facts({ enrolledOn: '2026-05-08' }), at('2026-10-09T04:00:00Z'), TZ).find(
      (x) => x.key === 'month_6',
    )!;
    expect(s).toMatchObject({ state: 'due', dueOn: '2026-11-08', opensOn: '2026-10-09', closesOn: '2026-12-08' });
    expect(s.opensAt.toISOString()).toBe('2026-10-09T04:00:00.000Z');
    expect(s.closesAt!.toISOString()).toBe('2026-12-09T05:00:00.000Z');
    const justBefore = scheduleFor(
      DEFAULT_ASSESSMENT_SETTINGS,
      facts({ enrolledOn: '2026-05-08' }),
      at('2026-12-09T04:59:59Z'),
      TZ,
    );
    expect(justBefore.find((x) => x.key === 'month_6')!.state).toBe('overdue');
  });
  it('keeps each zone’s own midnight (Pacific/Auckland is ahead of UTC)', () => {
    const s = scheduleFor(DEFAULT_ASSESSMENT_SETTINGS, facts(), at('2026-06-14T12:30:00Z'), 'Pacific/Auckland').find(
      (x) => x.key === 'month_6',
    )!;
    // 00:30 on 15 June in Auckland (NZST, UTC+12): open.
    expect(s.state).toBe('due');
    expect(s.opensAt.toISOString()).toBe('2026-06-14T12:00:00.000Z');
  });
});

describe('scheduleFor: baseline from enrolment (nothing from pairing, ADR 0020)', () => {
  const base = (now: string, f: ScheduleFacts = facts()) => stateAt(now, f, 'baseline');
  it('is due for 14 days from enrolment, overdue 14 more, then missed', () => {
    expect(base('2026-01-15T12:00:00Z')).toMatchObject({
      state: 'due',
      opensOn: '2026-01-15',
      dueOn: '2026-01-29',
      closesOn: '2026-02-12',
    });
    expect(base('2026-01-30T04:59:59Z').state).toBe('due'); // 23:59 on 29 January (EST)
    expect(base('2026-01-30T05:00:00Z').state).toBe('overdue');
    expect(base('2026-02-13T04:59:59Z').state).toBe('overdue'); // 23:59 on 12 February
    expect(base('2026-02-13T05:00:00Z')).toMatchObject({ state: 'missed', closesAt: at('2026-02-13T05:00:00Z') });
    expect(base('2026-12-30T12:00:00Z').state).toBe('missed');
  });
  it('stays completed once every instrument is answered', () => {
    const done = facts({ responded: new Map([['baseline', new Set(['peg', 'phq9', 'gad7'])]]) });
    expect(base('2026-03-01T12:00:00Z', done).state).toBe('completed');
  });
  it('reads no pairing fact: the same enrolment gives the same window for everyone', () => {
    expect(Object.keys(facts())).not.toContain('firstPairedAt');
    const a = scheduleFor(DEFAULT_ASSESSMENT_SETTINGS, facts(), at('2026-01-20T12:00:00Z'), TZ);
    const b = scheduleFor(
      DEFAULT_ASSESSMENT_SETTINGS,
      { ...facts(), firstPairedAt: at('2026-01-18T12:00:00Z') } as ScheduleFacts,
      at('2026-01-20T12:00:00Z'),
      TZ,
    );
    expect(b).toEqual(a);
  });
  it('is upcoming before the enrolment day in local time', () => {
    expect(base('2026-01-15T04:59:59Z').state).toBe('upcoming');
  });
});

describe('entryRefusal', () => {
  it('allows new entries only while a window is open', () => {
    expect(entryRefusal({ state: 'due' })).toBeNull();
    expect(entryRefusal({ state: 'overdue' })).toBeNull();
    expect(entryRefusal({ state: 'completed' })).toBeNull();
    expect(entryRefusal({ state: 'upcoming' })).toBe('window_not_open');
    expect(entryRefusal({ state: 'missed' })).toBe('window_closed');
    expect(entryRefusal({ state: 'stopped' })).toBe('stopped');
  });
});

describe('links', () => {
  const made = at('2026-03-02T15:00:00Z');
  it('expire after 14 days or when the window closes, whichever is first', () => {
    expect(linkExpiry(made, null).toISOString()).toBe('2026-03-16T15:00:00.000Z');
    expect(linkExpiry(made, at('2026-03-05T05:00:00Z')).toISOString()).toBe('2026-03-05T05:00:00.000Z');
    expect(linkExpiry(made, at('2026-04-05T05:00:00Z')).toISOString()).toBe('2026-03-16T15:00:00.000Z');
  });
  it('are open until expiry; used and revoked win', () => {
    const link = { expiresAt: at('2026-03-16T15:00:00Z'), completedAt: null, revokedAt: null };
    expect(linkState(link, at('2026-03-16T14:59:59Z'))).toBe('open');
    expect(linkState(link, at('2026-03-16T15:00:00Z'))).toBe('expired');
    expect(linkState({ ...link, completedAt: made }, at('2026-03-20T00:00:00Z'))).toBe('used');
    expect(linkState({ ...link, revokedAt: made }, made)).toBe('revoked');
  });
});

describe('distributions', () => {
  it('summarises scores by quartiles', () => {
    expect(distributionOf([])).toBeNull();
    expect(distributionOf([5])).toEqual({ n: 1, min: 5, q1: 5, median: 5, q3: 5, max: 5, mean: 5 });
    expect(distributionOf([4, 1, 3, 2])).toEqual({ n: 4, min: 1, q1: 1.75, median: 2.5, q3: 3.25, max: 4, mean: 2.5 });
  });
  it('counts bands in order, ignoring unbanded scores', () => {
    const bands = [{ code: 'minimal' }, { code: 'mild' }];
    expect(bandCounts(bands, ['mild', null, 'mild', 'minimal', 'other'])).toEqual({ minimal: 1, mild: 2 });
  });
});

describe('hasAnyAnswer', () => {
  it('is false for no answers or only blank text, true for any number or text', () => {
    expect(hasAnyAnswer({})).toBe(false);
    expect(hasAnyAnswer({ note: '   ' })).toBe(false);
    expect(hasAnyAnswer({ 'peg-pain': 0 })).toBe(true);
    expect(hasAnyAnswer({ note: ' ok ' })).toBe(true);
  });
});
