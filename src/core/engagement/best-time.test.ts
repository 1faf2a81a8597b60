import { describe, expect, it } from 'vitest';
import type { ContactOutcome } from '../contacts';
import { bandCounts, suggestBestTimes, type AttemptAt, type CellCount, type ReachPreferences } from './best-time';
import type { LocalTime, Weekday } from '../shared/time';

const none: ReachPreferences = {
  preferredDays: [],
  preferredTimes: [],
  notBefore: null,
  notAfter: null,
  contactPausedUntil: null,
};
// Monday 2 March 2026, 10:00 local.
const now: LocalTime = { weekday: 'mon', hour: 10, minute: 0, dateOn: '2026-03-02' };
const tries = (weekday: Weekday, hour: number, outcomes: ContactOutcome[]): AttemptAt[] =>
  outcomes.map((outcome) => ({ weekday, hour, outcome }));

/** A program where evenings answer 60% of the time and mornings and afternoons 20%. */
const program: CellCount[] = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).flatMap((weekday) => [
  { weekday, band: 'morning' as const, attempts: 50, answered: 10 },
  { weekday, band: 'afternoon' as const, attempts: 50, answered: 10 },
  { weekday, band: 'evening' as const, attempts: 50, answered: 30 },
]);

describe('best time to try next', () => {
  it('falls back to the program-wide pattern when the participant has few attempts, and says so', () => {
    const r = suggestBestTimes({ attempts: [], program, preferences: none, now });
    expect(r.ownAttempts).toBe(0);
    expect(r.suggestions).toHaveLength(3);
    expect(r.suggestions.every((s) => s.band === 'evening')).toBe(true);
    // Soonest first among equals: Monday evening is still ahead today.
    expect(r.suggestions.map((s) => [s.weekday, s.nextOn])).toEqual([
      ['mon', '2026-03-02'],
      ['tue', '2026-03-03'],
      ['wed', '2026-03-04'],
    ]);
    expect(r.suggestions[0]!.reason).toBe('Few attempts yet: across the program 60% of calls on Monday evenings reach people.');
    expect(r.suggestions[0]).toMatchObject({ from: '17:00', to: '22:00', own: { attempts: 0, answered: 0 } });
  });

  it('learns from the participant’s own history once there is enough, quoting it', () => {
    const attempts = [
      ...tries('tue', 10, ['reached', 'reached', 'rescheduled', 'no_answer']),
      ...tries('mon', 19, ['no_answer', 'voicemail', 'no_answer', 'declined']),
      ...tries('wed', 19, ['no_answer', 'no_answer', 'no_answer']),
    ];
    const r = suggestBestTimes({ attempts, program, preferences: none, now });
    expect(r.ownAttempts).toBe(11);
    expect(r.suggestions[0]).toMatchObject({ weekday: 'tue', band: 'morning', own: { attempts: 4, answered: 3 } });
    expect(r.suggestions[0]!.reason).toBe('Reached 3 of 4 times on Tuesday mornings.');
    // Evenings the participant never answered drop below evenings not tried yet.
    expect(r.suggestions.map((s) => `${s.weekday}-${s.band}`)).not.toContain('mon-evening');
    expect(r.suggestions[1]!.reason).toMatch(/^Not tried much at this time \(never\); across the program 60% of calls on/);
  });

  it('shrinks a single lucky attempt toward the program pattern instead of trusting it', () => {
    const r = suggestBestTimes({ attempts: tries('sat', 9, ['reached']), program, preferences: none, now });
    // One answered Saturday morning (prior about 22%) scores (1 + 2·0.22) / 3 ≈ 0.48, still below an evening's 0.56.
    const sat = r.suggestions.find((s) => s.weekday === 'sat' && s.band === 'morning');
    expect(sat).toBeUndefined();
    expect(r.suggestions[0]!.score).toBeCloseTo(0.6, 1);
  });

  it('ignores wrong numbers and night-time attempts when learning', () => {
    const r = suggestBestTimes({
      attempts: [...tries('tue', 10, ['wrong_number', 'wrong_number']), ...tries('tue', 2, ['reached'])],
      program,
      preferences: none,
      now,
    });
    expect(r.ownAttempts).toBe(0);
  });

  it('keeps to the days and times the participant named, and to "not before / not after"', () => {
    const r = suggestBestTimes({
      attempts: [],
      program,
      preferences: { ...none, preferredDays: ['thu', 'sat'], preferredTimes: ['evening', 'morning'], notAfter: '19:30' },
      now,
    });
    expect(r.suggestions.map((s) => [s.weekday, s.band, s.from, s.to])).toEqual([
      ['thu', 'evening', '17:00', '19:30'],
      ['sat', 'evening', '17:00', '19:30'],
      ['thu', 'morning', '06:00', '12:00'],
    ]);
    const early = suggestBestTimes({ attempts: [], program, preferences: { ...none, notBefore: '21:45' }, now });
    expect(early.suggestions).toEqual([]);
  });

  it('offers nothing before a pause ends and says until when', () => {
    const r = suggestBestTimes({ attempts: [], program, preferences: { ...none, contactPausedUntil: '2026-03-12' }, now });
    expect(r.pausedUntil).toBe('2026-03-12');
    expect(r.suggestions.every((s) => s.nextOn >= '2026-03-12')).toBe(true);
    expect(r.suggestions[0]!.nextOn).toBe('2026-03-12');
    // A pause that has ended is not mentioned.
    expect(
      suggestBestTimes({ attempts: [], program, preferences: { ...none, contactPausedUntil: '2026-03-01' }, now }).pausedUntil,
    ).toBe(null);
  });

  it('moves a slot to next week when today’s window has passed', () => {
    const late: LocalTime = { weekday: 'mon', hour: 21, minute: 50, dateOn: '2026-03-02' };
    const r = suggestBestTimes({ attempts: [], program, preferences: { ...none, preferredDays: ['mon'] }, now: late });
    expect(r.suggestions[0]).toMatchObject({ weekday: 'mon', band: 'evening', nextOn: '2026-03-09' });
  });

  it('scores every slot one half before anything is logged anywhere', () => {
    const r = suggestBestTimes({ attempts: [], program: [], preferences: none, now });
    expect(r.suggestions.map((s) => s.score)).toEqual([0.5, 0.5, 0.5]);
    expect(r.suggestions[0]!.reason).toBe('Few attempts yet: no calls logged at this time across the program yet.');
  });

  it('groups hourly counts into weekday × band cells, leaving the night out', () => {
    expect(
      bandCounts([
        { weekday: 'tue', hour: 18, attempts: 2, answered: 1 },
        { weekday: 'tue', hour: 20, attempts: 3, answered: 3 },
        { weekday: 'tue', hour: 23, attempts: 9, answered: 9 },
        { weekday: 'wed', hour: 8, attempts: 1, answered: 0 },
      ]),
    ).toEqual([
      { weekday: 'tue', band: 'evening', attempts: 5, answered: 4 },
      { weekday: 'wed', band: 'morning', attempts: 1, answered: 0 },
    ]);
  });
});
