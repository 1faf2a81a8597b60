import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import { checkPairing, type PairingFacts } from './index';

type Overrides = {
  participant?: Partial<PairingFacts['participant']>;
  coach?: Partial<PairingFacts['coach']>;
  isCoachTrained?: boolean;
  genderMismatchReason?: string | null;
};

/** A pairing every rule allows: enrolled participant with permission, active coach of the same gender with a free place. */
function facts(o: Overrides = {}): PairingFacts {
  return {
    participant: {
      status: 'enrolled',
      gender: 'woman',
      genderMatters: true,
      canShareContact: true,
      hasActivePairing: false,
      ...o.participant,
    },
    coach: { status: 'active', gender: 'woman', caseload: 2, activePairings: 1, ...o.coach },
    isCoachTrained: o.isCoachTrained ?? true,
    genderMismatchReason: o.genderMismatchReason ?? null,
  };
}

function refusal(f: PairingFacts): { code: string; reason: string | undefined } {
  try {
    checkPairing(f);
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, reason: err.reason };
    throw err;
  }
  throw new Error('checkPairing allowed the pairing');
}

describe('checkPairing', () => {
  it('allows a pairing that breaks no rule', () => {
    expect(checkPairing(facts())).toEqual({ isGenderMismatch: false });
  });

  it.each([
    ['referred', 'participant_not_enrolled', 'invalid_state', { participant: { status: 'referred' } }],
    ['completed', 'participant_not_enrolled', 'invalid_state', { participant: { status: 'completed' } }],
    ['withdrawn', 'participant_not_enrolled', 'invalid_state', { participant: { status: 'withdrawn' } }],
    ['already paired', 'participant_already_paired', 'conflict', { participant: { status: 'active', hasActivePairing: true } }],
    [
      'no permission to share contact details',
      'no_permission_to_share_contact',
      'invalid_state',
      { participant: { canShareContact: false } },
    ],
    ['paused coach', 'coach_not_active', 'invalid_state', { coach: { status: 'paused' } }],
    ['retired coach', 'coach_not_active', 'invalid_state', { coach: { status: 'retired' } }],
    ['coach not trained', 'coach_not_trained', 'invalid_state', { isCoachTrained: false }],
    ['coach at capacity', 'coach_at_capacity', 'conflict', { coach: { caseload: 2, activePairings: 2 } }],
    ['coach over capacity', 'coach_at_capacity', 'conflict', { coach: { caseload: 1, activePairings: 3 } }],
    ['gender mismatch without a reason', 'gender_mismatch_needs_reason', 'invalid_state', { coach: { gender: 'man' } }],
  ] satisfies [string, string, string, Overrides][])('refuses: %s (%s)', (_name, reason, code, o) => {
    expect(refusal(facts(o))).toEqual({ code, reason });
  });

  it('names the first rule broken when several are', () => {
    expect(
      refusal(facts({ participant: { status: 'referred', canShareContact: false }, coach: { status: 'paused' } })).reason,
    ).toBe('participant_not_enrolled');
    expect(
      refusal(facts({ participant: { canShareContact: false }, coach: { status: 'paused', activePairings: 9 } })).reason,
    ).toBe('no_permission_to_share_contact');
    expect(refusal(facts({ coach: { status: 'paused', activePairings: 9, gender: 'man' } })).reason).toBe('coach_not_active');
    expect(refusal(facts({ coach: { activePairings: 2, gender: 'man' } })).reason).toBe('coach_at_capacity');
    expect(refusal(facts({ coach: { activePairings: 2 }, isCoachTrained: false })).reason).toBe('coach_not_trained');
    expect(refusal(facts({ coach: { status: 'retired' }, isCoachTrained: false })).reason).toBe('coach_not_active');
  });

  it('refuses an untrained coach even with a free place, the same gender and every permission', () => {
    const f = facts({ isCoachTrained: false });
    expect(refusal(f)).toEqual({ code: 'invalid_state', reason: 'coach_not_trained' });
    expect(checkPairing({ ...f, isCoachTrained: true })).toEqual({ isGenderMismatch: false });
  });

  it('allows an active participant without a current pairing (a change of coach)', () => {
    expect(checkPairing(facts({ participant: { status: 'active', hasActivePairing: false } }))).toEqual({
      isGenderMismatch: false,
    });
  });

  it('allows the last free place', () => {
    expect(checkPairing(facts({ coach: { caseload: 3, activePairings: 2 } }))).toEqual({ isGenderMismatch: false });
  });

  it('allows a gender mismatch with a reason, and reports it', () => {
    expect(checkPairing(facts({ coach: { gender: 'man' }, genderMismatchReason: 'Only coach who speaks Spanish' }))).toEqual({
      isGenderMismatch: true,
    });
  });

  it('waives the gender rule when the participant says gender does not matter', () => {
    expect(checkPairing(facts({ participant: { genderMatters: false }, coach: { gender: 'man' } }))).toEqual({
      isGenderMismatch: false,
    });
  });

  it('waives the gender rule when either gender is not stated', () => {
    expect(checkPairing(facts({ participant: { gender: 'not_stated' }, coach: { gender: 'man' } }))).toEqual({
      isGenderMismatch: false,
    });
    expect(checkPairing(facts({ coach: { gender: 'not_stated' } }))).toEqual({ isGenderMismatch: false });
  });

  it('treats nonbinary and woman as different genders', () => {
    expect(refusal(facts({ participant: { gender: 'nonbinary' } })).reason).toBe('gender_mismatch_needs_reason');
  });
});
