import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import {
  checkInStatus,
  checkPracticeDay,
  checkReview,
  countReviews,
  currentPlanOf,
  describePegChange,
  formatPoints,
  needsSmallerPlan,
  PlanInput,
  planAdvice,
  planVersions,
  practiceDays,
  practiceWrite,
  readinessAdvice,
  scoreCheckIn,
  PainCheckInInput,
  type PlanDraft,
} from './index';

const walk: PlanDraft = {
  what: 'Walk around the block',
  howMuch: '20 minutes',
  when: 'After lunch',
  daysPerWeek: 5,
  confidence: 5,
};

const reasonOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.reason;
    throw err;
  }
  return undefined;
};

describe('the confidence rule', () => {
  it('suggests a smaller plan below 7 and not at 7 or above', () => {
    expect([0, 5, 6, 7, 8, 10].map(needsSmallerPlan)).toEqual([true, true, true, false, false, false]);
  });

  it('words the suggestions from the plan: fewer days, less time, an easier step, barriers', () => {
    const advice = planAdvice(walk);
    expect(advice.isConfident).toBe(false);
    expect(advice.suggestions).toEqual([
      { kind: 'fewer_days', text: 'Fewer days: 3 days a week instead of 5.' },
      { kind: 'less_time', text: 'Less each time: 10 minutes instead of 20.' },
      {
        kind: 'easier_step',
        text: 'An easier step: a gentler or shorter version of “Walk around the block”, or just the first part of it.',
      },
      { kind: 'barriers', text: 'Ask what might get in the way, and plan around it.' },
    ]);
  });

  it('asks for one day fewer on few days, none below one, and halves time it cannot read', () => {
    expect(planAdvice({ ...walk, daysPerWeek: 3 }).suggestions[0]!.text).toBe('Fewer days: 2 days a week instead of 3.');
    expect(planAdvice({ ...walk, daysPerWeek: 2 }).suggestions[0]!.text).toBe('Fewer days: 1 day a week instead of 2.');
    expect(planAdvice({ ...walk, daysPerWeek: 1 }).suggestions.map((s) => s.kind)).toEqual([
      'less_time',
      'easier_step',
      'barriers',
    ]);
    expect(planAdvice({ ...walk, howMuch: 'two laps' }).suggestions[1]!.text).toBe('Less each time: about half of “two laps”.');
    expect(planAdvice({ ...walk, howMuch: '5 min' }).suggestions[1]!.text).toBe('Less each time: 3 minutes instead of 5.');
    expect(planAdvice({ ...walk, howMuch: '15 minutes' }).suggestions[1]!.text).toBe('Less each time: 10 minutes instead of 15.');
  });

  it('suggests nothing at 7 or above, but warns about every day at any confidence', () => {
    expect(planAdvice({ ...walk, confidence: 8 })).toEqual({ isConfident: true, suggestions: [], warnings: [] });
    const everyDay = planAdvice({ ...walk, daysPerWeek: 7, confidence: 9 });
    expect(everyDay.isConfident).toBe(true);
    expect(everyDay.warnings.map((w) => w.kind)).toEqual(['every_day']);
  });
});

describe('plan versions (the revision after a low confidence)', () => {
  it('keeps the original and the revised plan, numbered, with both confidences', () => {
    const revised = { ...walk, howMuch: '10 minutes', daysPerWeek: 3, confidence: 8 };
    expect(planVersions([walk], revised)).toEqual([
      { ...walk, version: 1 },
      { ...revised, version: 2 },
    ]);
  });

  it('is one version when nothing was revised, and drops a draft identical to the next', () => {
    expect(planVersions([], walk)).toEqual([{ ...walk, version: 1 }]);
    expect(planVersions([walk, walk], walk)).toEqual([{ ...walk, version: 1 }]);
    const smaller = { ...walk, daysPerWeek: 3, confidence: 6 };
    expect(planVersions([walk, smaller, smaller], { ...smaller, confidence: 7 }).map((v) => [v.version, v.confidence])).toEqual([
      [1, 5],
      [2, 6],
      [3, 7],
    ]);
  });

  it('takes only the draft fields, so nothing else rides along', () => {
    const extra = { ...walk, note: 'x' } as PlanDraft;
    expect(Object.keys(planVersions([], extra)[0]!).sort()).toEqual([
      'confidence',
      'daysPerWeek',
      'howMuch',
      'version',
      'what',
      'when',
    ]);
  });
});

describe('the plan input', () => {
  const key = '6f1c2f44-3f55-4e9a-9c1a-0c1e3c3f7a10';
  it('accepts an action plan and a small step, and refuses what is missing or out of range', () => {
    expect(PlanInput.safeParse({ kind: 'action_plan', clientKey: key, ...walk }).success).toBe(true);
    expect(
      PlanInput.safeParse({ kind: 'small_step', clientKey: key, readiness: 3, what: 'Read the pacing handout' }).success,
    ).toBe(true);
    expect(PlanInput.safeParse({ kind: 'action_plan', clientKey: key, ...walk, confidence: 11 }).success).toBe(false);
    expect(PlanInput.safeParse({ kind: 'action_plan', clientKey: key, ...walk, daysPerWeek: 0 }).success).toBe(false);
    expect(PlanInput.safeParse({ kind: 'action_plan', clientKey: key, ...walk, what: '   ' }).success).toBe(false);
    expect(PlanInput.safeParse({ kind: 'small_step', clientKey: key, what: 'Read' }).success).toBe(false);
  });
});

describe('the readiness ruler', () => {
  it('respects not being ready, suggests a small step in the middle, and a plan when ready', () => {
    expect([0, 3, 4, 6, 7, 10].map((r) => readinessAdvice(r).band)).toEqual([
      'not_now',
      'not_now',
      'thinking',
      'thinking',
      'ready',
      'ready',
    ]);
    expect(readinessAdvice(2).text).toContain('that is fine');
  });
});

describe('reviews', () => {
  it('reviews a plan once', () => {
    expect(reasonOf(() => checkReview({ isReviewed: false }))).toBeUndefined();
    expect(reasonOf(() => checkReview({ isReviewed: true }))).toBe('plan_already_reviewed');
  });

  it('takes the latest plan not yet reviewed as the current one', () => {
    const at = (d: string) => new Date(`2026-03-${d}T12:00:00Z`);
    const plans = [
      { id: 'a', madeAt: at('01'), isReviewed: true },
      { id: 'b', madeAt: at('10'), isReviewed: false },
      { id: 'c', madeAt: at('05'), isReviewed: false },
    ];
    expect(currentPlanOf(plans)?.id).toBe('b');
    expect(currentPlanOf([{ id: 'a', madeAt: at('01'), isReviewed: true }])).toBeNull();
  });

  it('counts plans made, reviewed and how they went', () => {
    const r = (outcome: 'done' | 'partly' | 'not_done') => ({ review: { outcome } });
    expect(countReviews([r('done'), r('done'), r('partly'), r('not_done'), { review: null }])).toEqual({
      made: 5,
      reviewed: 4,
      done: 2,
      partly: 1,
      notDone: 1,
    });
  });
});

describe('the practice log', () => {
  const ctx = { today: '2026-03-10', planMadeOn: '2026-03-05' };

  it('allows today and earlier days of the plan within the last week', () => {
    for (const on of ['2026-03-10', '2026-03-05']) expect(reasonOf(() => checkPracticeDay(on, ctx))).toBeUndefined();
    expect(reasonOf(() => checkPracticeDay('2026-03-11', ctx))).toBe('practice_in_future');
    expect(reasonOf(() => checkPracticeDay('2026-03-04', ctx))).toBe('practice_before_plan');
    expect(reasonOf(() => checkPracticeDay('2026-03-03', { ...ctx, planMadeOn: '2026-02-01' }))).toBe('practice_too_old');
    expect(reasonOf(() => checkPracticeDay('2026-03-04', { ...ctx, planMadeOn: '2026-02-01' }))).toBeUndefined();
  });

  it('is one entry per day: the same answer again changes nothing, another answer replaces it', () => {
    expect(practiceWrite(null, true)).toBe('create');
    expect(practiceWrite(null, false)).toBe('create');
    expect(practiceWrite(true, true)).toBe('unchanged');
    expect(practiceWrite(false, false)).toBe('unchanged');
    expect(practiceWrite(true, false)).toBe('update');
  });

  it('lays out the last seven days with what was logged', () => {
    expect(
      practiceDays(
        [
          { on: '2026-03-10', did: true },
          { on: '2026-03-08', did: false },
          { on: '2026-03-01', did: true },
        ],
        '2026-03-10',
      ),
    ).toEqual([
      { on: '2026-03-04', did: null },
      { on: '2026-03-05', did: null },
      { on: '2026-03-06', did: null },
      { on: '2026-03-07', did: null },
      { on: '2026-03-08', did: false },
      { on: '2026-03-09', did: null },
      { on: '2026-03-10', did: true },
    ]);
  });
});

describe('the weekly PEG check-in', () => {
  it('scores the mean of the three items through the instrument library', () => {
    expect(scoreCheckIn({ pain: 6, enjoyment: 5, activity: 7 })).toBe(6);
    expect(scoreCheckIn({ pain: 4, enjoyment: 5, activity: 5 })).toBeCloseTo(4.667, 3);
  });

  it('refuses a check-in with an item missing (all three are required)', () => {
    expect(reasonOf(() => scoreCheckIn({ pain: 6, enjoyment: null, activity: 7 }))).toBe('peg_incomplete');
    expect(PainCheckInInput.safeParse({ pain: 6, activity: 7 }).success).toBe(false);
    expect(PainCheckInInput.safeParse({ pain: 6, enjoyment: 5.5, activity: 7 }).success).toBe(false);
  });

  it('is due at once the first time, then a week after the last one', () => {
    expect(checkInStatus(null, '2026-03-10')).toEqual({ isDue: true, dueOn: '2026-03-10', lastOn: null });
    expect(checkInStatus('2026-03-04', '2026-03-10')).toEqual({ isDue: false, dueOn: '2026-03-11', lastOn: '2026-03-04' });
    expect(checkInStatus('2026-03-03', '2026-03-10').isDue).toBe(true);
  });
});

describe('what changed, in plain words', () => {
  const series = (...scores: number[]) => scores.map((score, i) => ({ on: `2026-03-${String(i + 1).padStart(2, '0')}`, score }));

  it('says "1.5 points lower than when you started" for a meaningful fall', () => {
    const c = describePegChange(series(6.3, 5.7, 4.8), 'you');
    expect(c).toMatchObject({ kind: 'lower', difference: -1.5, isMeaningful: true, isEarly: false });
    expect(c.words).toBe(
      'Your pain score is 1.5 points lower than when you started (6.3 then, 4.8 now). A change of 1 point or more is one people usually notice.',
    );
  });

  it('counts exactly 1 point as meaningful, and says "1 point"', () => {
    const c = describePegChange(series(6, 5.3, 5), 'you');
    expect(c).toMatchObject({ kind: 'lower', difference: -1, isMeaningful: true });
    expect(c.words).toContain('1 point lower');
  });

  it('calls a change under 1 point "about the same", saying which way honestly', () => {
    const down = describePegChange(series(5.3, 5.7, 5), 'you');
    expect(down).toMatchObject({ kind: 'same', difference: -0.3, isMeaningful: false });
    expect(down.words).toBe(
      'Your pain score is about the same as when you started (5.3 then, 5 now): 0.3 points lower, less than the 1 point people usually notice.',
    );
    expect(describePegChange(series(5, 5.3, 5.7), 'you').words).toContain('0.7 points higher');
    expect(describePegChange(series(5, 6, 5), 'you').words).toBe(
      'Your pain score is the same as when you started (5 then, 5 now).',
    );
  });

  it('says a rise gently and with what to do about it, never as a failure', () => {
    const up = describePegChange(series(4, 4.3, 5.3), 'you');
    expect(up).toMatchObject({ kind: 'higher', difference: 1.3, isMeaningful: true });
    expect(up.words).toBe(
      'Your pain score is 1.3 points higher than when you started (4 then, 5.3 now). Hard weeks happen. Tell your coach: together you can change your plan to fit.',
    );
    expect(up.words).not.toMatch(/fail|worse|bad/i);
  });

  it('says it is early with only two check-ins, and gives a starting point with one', () => {
    const two = describePegChange(series(6, 4.7), 'you');
    expect(two).toMatchObject({ kind: 'lower', isEarly: true });
    expect(two.words).toContain('It is early days');
    const one = describePegChange(series(5.3), 'you');
    expect(one).toMatchObject({ kind: 'baseline', difference: null, isMeaningful: false });
    expect(one.words).toContain('Your starting point is a pain score of 5.3');
    expect(describePegChange([], 'you')).toMatchObject({ kind: 'none', first: null, latest: null });
  });

  it('orders check-ins by day whatever order they come in', () => {
    const c = describePegChange(
      [
        { on: '2026-03-15', score: 4 },
        { on: '2026-03-01', score: 6 },
        { on: '2026-03-08', score: 5 },
      ],
      'you',
    );
    expect(c).toMatchObject({ first: 6, latest: 4, difference: -2 });
  });

  it('words it for the coach with the participant’s name, without guessing pronouns', () => {
    expect(describePegChange(series(6.3, 5.7, 4.8), 'Robert').words).toBe(
      'Robert’s pain score is 1.5 points lower than at the first check-in (6.3 then, 4.8 now). A change of 1 point or more is one people usually notice.',
    );
    expect(describePegChange(series(4, 4.3, 5.3), 'Robert').words).toContain('Ask how things are going');
    expect(describePegChange([], 'Robert').words).toBe('Robert has not checked in yet.');
  });

  it('rounds the difference symmetrically and never says "-0"', () => {
    expect(describePegChange(series(5.04, 5, 5), 'you').difference).toBe(0);
    expect(formatPoints(1)).toBe('1 point');
    expect(formatPoints(0.96)).toBe('1 point');
    expect(formatPoints(2.25)).toBe('2.3 points');
  });
});
