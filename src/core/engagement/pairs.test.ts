import { describe, expect, it } from 'vitest';
import { sortPairs, type PairHelpView } from './index';

const pair = (name: string, o: Partial<PairHelpView>): PairHelpView => ({
  pairingId: '00000000-0000-4000-8000-000000000001',
  participantId: '00000000-0000-4000-8000-000000000002',
  participantName: name,
  coachId: '00000000-0000-4000-8000-000000000003',
  coachName: 'Carl Coach',
  pairedAt: '2026-03-02T15:00:00.000Z',
  lastReachedAt: null,
  daysQuiet: 0,
  attemptsSince: 0,
  step: 'none',
  stepSince: null,
  pausedUntil: null,
  checkInRecordedAt: null,
  nextAction: null,
  coachActivity: { attempts: 0, reached: 0, days: 14 },
  measures: {
    reached: 0,
    attempts: 0,
    participantReached: 0,
    reachedOutsideWindow: 0,
    participantAttempts: 0,
    reachRate: null,
    daysSinceReached: null,
    activeDays: 0,
    projectedReached: 0,
    isAdherent: false,
    isOnCourse: false,
    frequency: null,
  },
  ...o,
});

const pairs = [
  pair('Ann', { step: 'none', daysQuiet: 2, attemptsSince: 0, coachActivity: { attempts: 5, reached: 3, days: 14 } }),
  pair('Bo', { step: 'check_in', daysQuiet: 22, attemptsSince: 3, coachActivity: { attempts: 1, reached: 0, days: 14 } }),
  pair('Cy', {
    step: 'decision',
    daysQuiet: 40,
    attemptsSince: 1,
    coachName: 'Ada Coach',
    coachId: '00000000-0000-4000-8000-000000000009',
  }),
  pair('Di', { step: 'paused', daysQuiet: 30 }),
  pair('Ed', { step: 'check_in', daysQuiet: 25, attemptsSince: 6 }),
  pair('Fay', { step: 'reminder', daysQuiet: 15 }),
];
const names = (list: PairHelpView[]) => list.map((p) => p.participantName);

describe('sorting and filtering "Pairs that need help"', () => {
  it('puts the most urgent step first, the longest quiet first within a step, paused pairs last', () => {
    expect(names(sortPairs(pairs, { sort: 'urgency' }))).toEqual(['Cy', 'Ed', 'Bo', 'Fay', 'Ann', 'Di']);
  });

  it('sorts numbers largest first and names A to Z unless told otherwise', () => {
    expect(names(sortPairs(pairs, { sort: 'days_quiet' }))).toEqual(['Cy', 'Di', 'Ed', 'Bo', 'Fay', 'Ann']);
    expect(names(sortPairs(pairs, { sort: 'attempts' }))).toEqual(['Ed', 'Bo', 'Cy', 'Ann', 'Di', 'Fay']);
    expect(names(sortPairs(pairs, { sort: 'attempts', order: 'asc' }))).toEqual(['Ann', 'Di', 'Fay', 'Cy', 'Bo', 'Ed']);
    expect(names(sortPairs(pairs, { sort: 'coach' }))[0]).toBe('Cy');
    expect(names(sortPairs(pairs, { sort: 'coach_activity' })).slice(0, 4)).toEqual(['Cy', 'Di', 'Ed', 'Fay']);
  });

  it('filters by step, by "needs help" and by coach', () => {
    expect(names(sortPairs(pairs, { sort: 'urgency', step: 'check_in' }))).toEqual(['Ed', 'Bo']);
    expect(names(sortPairs(pairs, { sort: 'urgency', step: 'needs_help' }))).toEqual(['Cy', 'Ed', 'Bo', 'Fay']);
    expect(names(sortPairs(pairs, { sort: 'participant', coachId: '00000000-0000-4000-8000-000000000009' }))).toEqual(['Cy']);
  });
});
