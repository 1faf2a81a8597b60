import { describe, expect, it } from 'vitest';
import { PlanInput } from '../../../core/plans';
import { emptyPlanForm, planBody, planProblems } from './plan-form';

const key = '0b7c1f7e-2f0a-4d55-9d1c-3a3b7f0e9a11';

describe('planProblems (the plan schema the server checks with, ADR 0054)', () => {
  it('names every missing part of an action plan in the form’s words', () => {
    expect(planProblems(emptyPlanForm)).toEqual({
      what: 'Say what they will do',
      howMuch: 'Say how much, e.g. 10 minutes',
      when: 'Say when, e.g. after lunch',
      daysPerWeek: 'Choose how many days a week',
      confidence: 'Choose how sure they are, from 0 to 10',
    });
  });

  it('names the missing parts of a smaller step, the step under "what"', () => {
    expect(planProblems({ ...emptyPlanForm, kind: 'small_step' })).toEqual({
      readiness: 'Choose how ready they are, from 0 to 10',
      what: 'Say what the smaller step is',
    });
  });

  it('accepts what the server accepts, and refuses what it refuses (a step of spaces)', () => {
    const plan = { ...emptyPlanForm, what: 'Walk', howMuch: '10 minutes', when: 'after lunch', daysPerWeek: '4', confidence: 8 };
    expect(planProblems(plan)).toEqual({});
    expect(PlanInput.safeParse(planBody(plan, key, [])).success).toBe(true);
    const step = { ...emptyPlanForm, kind: 'small_step' as const, readiness: 3, step: '   ' };
    expect(planProblems(step)).toEqual({ what: 'Say what the smaller step is' });
    expect(PlanInput.safeParse(planBody(step, key, [])).success).toBe(false);
  });
});
