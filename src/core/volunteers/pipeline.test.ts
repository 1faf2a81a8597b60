import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import {
  ApplicationInput,
  canMove,
  checkApplication,
  checkStep,
  comparableBackground,
  DEFAULT_VOLUNTEER_SETTINGS,
  isHoneypotFilled,
  NEXT_STATES,
  pipelineStates,
  requiredScreeningItems,
  ScreeningChecklist,
  StepInput,
  type PipelineState,
  type StepFacts,
} from './index';

const allTicked = ScreeningChecklist.parse({
  conversation: true,
  manages_own_pain: true,
  time_commitment: true,
  peer_role: true,
  background_check: true,
});

function facts(from: PipelineState, step: unknown, o: Partial<Omit<StepFacts, 'from' | 'step'>> = {}): StepFacts {
  return {
    from,
    step: StepInput.parse(step),
    requiresBackgroundCheck: false,
    isTrainingComplete: false,
    activePairings: 0,
    today: '2026-03-02',
    ...o,
  };
}

function refusal(f: StepFacts): { code: string; reason: string | undefined } | null {
  try {
    checkStep(f);
    return null;
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, reason: err.reason };
    throw err;
  }
}

/** A step of each kind that passes every condition but the move itself. */
const stepTo: Record<PipelineState, unknown> = {
  applied: null,
  screened: { to: 'screened', checklist: allTicked },
  in_training: { to: 'in_training' },
  active: { to: 'active' },
  paused: { to: 'paused', until: '2026-04-01' },
  retired: { to: 'retired', reason: 'withdrew' },
};

describe('the volunteer pipeline', () => {
  it('allows exactly the journey applied → screened → in training → active ⇄ paused, and retiring from anywhere but retired', () => {
    const allowed = pipelineStates.flatMap((from) =>
      pipelineStates.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'applied→screened',
        'applied→retired',
        'screened→in_training',
        'screened→retired',
        'in_training→active',
        'in_training→retired',
        'active→paused',
        'active→retired',
        'paused→active',
        'paused→retired',
      ].sort(),
    );
    expect(NEXT_STATES.retired).toEqual([]);
  });

  it('refuses every move the journey does not have, with 409 step_not_allowed', () => {
    for (const from of pipelineStates) {
      for (const to of pipelineStates) {
        if (to === 'applied') continue; // nobody moves back to "applied": the step schema has no such move
        const r = refusal(facts(from, stepTo[to], { isTrainingComplete: true }));
        if (canMove(from, to)) expect(r, `${from}→${to}`).toBeNull();
        else expect(r, `${from}→${to}`).toEqual({ code: 'conflict', reason: 'step_not_allowed' });
      }
    }
  });

  it('has no step back to "applied"', () => {
    expect(StepInput.safeParse({ to: 'applied' }).success).toBe(false);
  });

  it('screens only with every required item ticked; the background check only when the program requires it', () => {
    const without = (k: string) => ({ ...allTicked, [k]: false });
    for (const k of ['conversation', 'manages_own_pain', 'time_commitment', 'peer_role']) {
      expect(refusal(facts('applied', { to: 'screened', checklist: without(k) }))).toEqual({
        code: 'invalid_state',
        reason: 'screening_incomplete',
      });
    }
    expect(refusal(facts('applied', { to: 'screened', checklist: without('background_check') }))).toBeNull();
    expect(
      refusal(facts('applied', { to: 'screened', checklist: without('background_check') }, { requiresBackgroundCheck: true })),
    ).toEqual({ code: 'invalid_state', reason: 'screening_incomplete' });
    expect(requiredScreeningItems(false)).not.toContain('background_check');
    expect(requiredScreeningItems(true)).toContain('background_check');
  });

  it('says which screening items are missing, in words', () => {
    try {
      checkStep(facts('applied', { to: 'screened', checklist: { conversation: true } }));
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('manages his or her own pain');
      expect((err as Error).message).not.toContain('talked with the applicant');
    }
  });

  it('makes a coach active only when training and the agreement are complete', () => {
    expect(refusal(facts('in_training', { to: 'active' }))).toEqual({ code: 'invalid_state', reason: 'training_incomplete' });
    expect(refusal(facts('in_training', { to: 'active' }, { isTrainingComplete: true }))).toBeNull();
    // Back from a pause: the coach finished training long ago.
    expect(refusal(facts('paused', { to: 'active' }, { isTrainingComplete: true }))).toBeNull();
  });

  it('pauses only until a date after today', () => {
    expect(refusal(facts('active', { to: 'paused', until: '2026-03-02' }))).toEqual({
      code: 'invalid_state',
      reason: 'pause_date_past',
    });
    expect(refusal(facts('active', { to: 'paused', until: '2026-03-01' }))).toEqual({
      code: 'invalid_state',
      reason: 'pause_date_past',
    });
    expect(refusal(facts('active', { to: 'paused', until: '2026-03-03' }))).toBeNull();
  });

  it('does not retire a coach who still coaches someone, but pauses one', () => {
    expect(refusal(facts('active', { to: 'retired', reason: 'stepped_down' }, { activePairings: 1 }))).toEqual({
      code: 'conflict',
      reason: 'coach_has_participants',
    });
    expect(refusal(facts('active', { to: 'paused', until: '2026-04-01' }, { activePairings: 1 }))).toBeNull();
    expect(refusal(facts('applied', { to: 'retired', reason: 'not_suitable' }))).toBeNull();
  });

  it('needs a reason to retire and a date to pause (the step schema)', () => {
    expect(StepInput.safeParse({ to: 'retired' }).success).toBe(false);
    expect(StepInput.safeParse({ to: 'retired', reason: 'bored' }).success).toBe(false);
    expect(StepInput.safeParse({ to: 'paused' }).success).toBe(false);
    expect(StepInput.safeParse({ to: 'paused', until: '2026-13-01' }).success).toBe(false);
  });
});

describe('the application', () => {
  const good = {
    givenName: 'Vera',
    familyName: 'Volunteer',
    email: 'Vera@Example.org',
    gender: 'woman',
    painLocations: ['knee'],
    aboutMe: 'Retired nurse and Army veteran, I like to walk.',
    ownPain: 'Knee pain since 2010; pacing and a daily walk help me.',
    availableDays: ['tue', 'thu'],
    availableTimes: ['evening'],
    modalities: ['phone'],
    serviceBranch: 'army',
    serviceEra: 'gulf_war',
  };

  it('accepts a complete application and lower-cases the e-mail', () => {
    const a = ApplicationInput.parse(good);
    expect(a.email).toBe('vera@example.org');
    expect(a.phone).toBeNull();
    expect(() => checkApplication(a, DEFAULT_VOLUNTEER_SETTINGS)).not.toThrow();
  });

  it('names every field at fault', () => {
    const r = ApplicationInput.safeParse({ ...good, email: 'nope', painLocations: [], aboutMe: 'short', availableDays: [] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['aboutMe', 'availableDays', 'email', 'painLocations']);
  });

  it('requires the background the program asks about ("prefer not to say" counts) and consent to a required check', () => {
    const reason = (input: object, settings = DEFAULT_VOLUNTEER_SETTINGS) => {
      try {
        checkApplication(ApplicationInput.parse(input), settings);
        return null;
      } catch (err) {
        return (err as DomainError).reason;
      }
    };
    expect(reason({ ...good, serviceBranch: null })).toBe('service_branch_required');
    expect(reason({ ...good, serviceEra: null })).toBe('service_era_required');
    expect(reason({ ...good, serviceBranch: 'prefer_not_to_say', serviceEra: 'prefer_not_to_say' })).toBeNull();
    const noBackground = { ...DEFAULT_VOLUNTEER_SETTINGS, asksServiceBranch: false, asksServiceEra: false };
    expect(reason({ ...good, serviceBranch: null, serviceEra: null }, noBackground)).toBeNull();
    const check = { ...DEFAULT_VOLUNTEER_SETTINGS, requiresBackgroundCheck: true };
    expect(reason(good, check)).toBe('background_check_consent_required');
    expect(reason({ ...good, backgroundCheckConsent: true }, check)).toBeNull();
  });

  it('spots a filled honeypot, and nothing else', () => {
    expect(isHoneypotFilled({ ...good, website: 'http://spam.example' })).toBe(true);
    expect(isHoneypotFilled({ ...good, website: 1 })).toBe(true);
    expect(isHoneypotFilled({ ...good, website: '  ' })).toBe(false);
    expect(isHoneypotFilled({ ...good, website: '' })).toBe(false);
    expect(isHoneypotFilled(good)).toBe(false);
    expect(isHoneypotFilled(null)).toBe(false);
  });

  it('never compares "prefer not to say" as a shared background', () => {
    expect(comparableBackground('prefer_not_to_say')).toBeNull();
    expect(comparableBackground(null)).toBeNull();
    expect(comparableBackground('navy')).toBe('navy');
  });
});
