import { describe, expect, it } from 'vitest';
import { frequencyCategory, groupMeasures, pairMeasures, type PairCounts } from './measures';

const DAY = 86_400_000;
const START = new Date('2026-01-01T12:00:00.000Z');
const rules = { lengthDays: 182, targetContacts: 12 };
const after = (days: number) => new Date(START.getTime() + days * DAY);
const counts = (o: Partial<PairCounts> = {}): PairCounts => ({
  interventionStartedAt: START,
  reachedCount: 0,
  attemptCount: 0,
  participantReached: 0,
  participantReachedOutside: 0,
  participantAttempts: 0,
  lastReachedAt: null,
  ...o,
});

describe('meeting-frequency category', () => {
  it('follows the thresholds of the decision record: 4, 2 and 1 reached contacts a month', () => {
    // 91.32 days = 3 months of 30.44 days.
    const threeMonths = 91.32;
    expect(frequencyCategory(12, threeMonths)).toBe('weekly');
    expect(frequencyCategory(11, threeMonths)).toBe('twice_monthly');
    expect(frequencyCategory(6, threeMonths)).toBe('twice_monthly');
    expect(frequencyCategory(5, threeMonths)).toBe('monthly');
    expect(frequencyCategory(3, threeMonths)).toBe('monthly');
    expect(frequencyCategory(2, threeMonths)).toBe('less_than_monthly');
    expect(frequencyCategory(0, threeMonths)).toBe('less_than_monthly');
  });

  it('names no category in the first four weeks', () => {
    expect(frequencyCategory(3, 27)).toBeNull();
    expect(frequencyCategory(3, 28)).toBe('twice_monthly');
  });

  it('puts the ECLIPSE protocol (12 contacts in 182 days) at twice a month', () => {
    expect(frequencyCategory(12, 182)).toBe('twice_monthly');
  });
});

describe('pair measures', () => {
  it('projects the reached contacts by the end of the program at the current rate', () => {
    const m = pairMeasures(
      counts({ reachedCount: 4, attemptCount: 8, participantReached: 4, participantAttempts: 8, lastReachedAt: after(50) }),
      rules,
      after(60.67),
    );
    expect(m).toEqual({
      reached: 4,
      attempts: 8,
      participantReached: 4,
      reachedOutsideWindow: 0,
      participantAttempts: 8,
      reachRate: 0.5,
      daysSinceReached: 10,
      activeDays: 60,
      projectedReached: 12,
      isAdherent: false,
      isOnCourse: true,
      frequency: 'twice_monthly',
    });
  });

  it('is adherent once the target is reached, counting contacts with an earlier coach too', () => {
    const m = pairMeasures(counts({ reachedCount: 2, attemptCount: 2, participantReached: 12 }), rules, after(150));
    expect(m).toMatchObject({ reached: 2, isAdherent: true, isOnCourse: true });
  });

  it('is off course when the rate will not reach the target, and stops counting days at the end', () => {
    const m = pairMeasures(counts({ reachedCount: 3, attemptCount: 10, participantReached: 3 }), rules, after(300));
    expect(m).toMatchObject({ activeDays: 182, projectedReached: 3, isOnCourse: false, frequency: 'less_than_monthly' });
    expect(pairMeasures(counts(), rules, START)).toMatchObject({ reachRate: null, daysSinceReached: null, projectedReached: 0 });
  });
});

describe('group measures', () => {
  it('sums a caseload: reach rate, median days since reached, adherence, categories and the funnel', () => {
    const now = after(100);
    const pairs = [
      counts({ reachedCount: 8, attemptCount: 10, participantReached: 8, lastReachedAt: after(96) }),
      counts({ reachedCount: 12, attemptCount: 14, participantReached: 13, lastReachedAt: after(90) }),
      counts({ reachedCount: 1, attemptCount: 6, participantReached: 4, lastReachedAt: after(40) }),
      counts({ reachedCount: 0, attemptCount: 4, participantReached: 0 }),
      counts({
        interventionStartedAt: after(90),
        reachedCount: 1,
        attemptCount: 1,
        participantReached: 1,
        lastReachedAt: after(92),
      }),
    ].map((p) => pairMeasures(p, rules, now));
    expect(groupMeasures(pairs, rules)).toEqual({
      pairs: 5,
      reached: 22,
      attempts: 35,
      reachRate: 22 / 35,
      medianDaysSinceReached: 9,
      neverReached: 1,
      adherent: 1,
      onCourse: 3,
      frequency: { weekly: 0, twice_monthly: 2, monthly: 1, less_than_monthly: 1, too_early: 1 },
      funnel: { paired: 5, firstContact: 4, halfTarget: 2, target: 1 },
    });
    expect(groupMeasures([], rules)).toMatchObject({ pairs: 0, reachRate: null, medianDaysSinceReached: null });
  });
});

describe('early projections', () => {
  it('takes the rate over two weeks at least, so the first days do not swing it', () => {
    const m = pairMeasures(counts({ reachedCount: 1, attemptCount: 1, participantReached: 1 }), rules, after(1));
    // 1 + (1 / 14) × 181 ≈ 13.9
    expect(m).toMatchObject({ projectedReached: 14, isOnCourse: true, frequency: null });
  });
});

describe('program figures after a change of coach (issue #12)', () => {
  it('count every pairing of the program’s participants; a coach’s figures count only his or her own', () => {
    // One participant re-paired: 3 reached of 5 attempts with the first coach, 2 of 2 with the second.
    const now = after(60);
    const pair = pairMeasures(
      counts({ reachedCount: 2, attemptCount: 2, participantReached: 5, participantAttempts: 7, lastReachedAt: after(55) }),
      rules,
      now,
    );
    expect(groupMeasures([pair], rules)).toMatchObject({ reached: 2, attempts: 2 });
    expect(groupMeasures([pair], rules, 'program')).toMatchObject({ reached: 5, attempts: 7, reachRate: 5 / 7 });
  });

  it('show reached contacts after the window apart, outside the dose, yet in the program’s logged total', () => {
    const pair = pairMeasures(
      counts({
        reachedCount: 13,
        attemptCount: 13,
        participantReached: 11,
        participantReachedOutside: 2,
        participantAttempts: 13,
      }),
      rules,
      after(200),
    );
    expect(pair).toMatchObject({ participantReached: 11, reachedOutsideWindow: 2, isAdherent: false, activeDays: 182 });
    expect(groupMeasures([pair], rules, 'program').reached).toBe(13);
  });
});
