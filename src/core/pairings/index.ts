import { z } from 'zod';
import type { CoachStatus } from '../coaches';
import { isPairable, type ParticipantStatus } from '../participants';
import { DomainError } from '../shared/errors';
import { EnteredLate, LateEntryView } from '../shared/late-entry';
import type { Gender } from '../shared/vocab';

export const pairingEndReasons = [
  'reach',
  'fit',
  'coach_paused',
  'coach_retired',
  'participant_request',
  'participant_withdrawn',
  'program_completed',
  'other',
] as const;
export const PairingEndReason = z.enum(pairingEndReasons);
export type PairingEndReason = z.infer<typeof PairingEndReason>;

export const PairingInput = z.object({
  participantId: z.uuid(),
  coachId: z.uuid(),
  /** Required when the genders differ and the participant has not said gender does not matter. */
  genderMismatchReason: z.string().trim().min(3).max(500).nullable().default(null),
  /** When the pairing began, if before now (a paper record); then `enteredLate` is required (ADR 0030). */
  startedAt: z.iso.datetime({ offset: true }).optional(),
  enteredLate: EnteredLate.optional(),
});
export type PairingInput = z.infer<typeof PairingInput>;

export const PairingEnd = z.object({
  reason: PairingEndReason,
  note: z.string().trim().max(500).default(''),
});

export interface PairingFacts {
  participant: {
    status: ParticipantStatus;
    gender: Gender;
    genderMatters: boolean;
    canShareContact: boolean;
    hasActivePairing: boolean;
  };
  coach: { status: CoachStatus; gender: Gender; caseload: number; activePairings: number };
  /** Every training module passed and the scope agreement signed (issue #6; see core/volunteers). */
  isCoachTrained: boolean;
  genderMismatchReason: string | null;
}

/** True when a pairing would cross genders in a way the participant has not waived. */
export function isGenderMismatch(f: Pick<PairingFacts, 'participant' | 'coach'>): boolean {
  if (!f.participant.genderMatters) return false;
  if (f.participant.gender === 'not_stated' || f.coach.gender === 'not_stated') return false;
  return f.participant.gender !== f.coach.gender;
}

/**
 * Decides whether a coordinator may pair this participant with this coach (ECLIPSE matched on
 * gender and gave the coach contact details only with the participant's permission; Kindred also
 * pairs only coaches who finished training and signed the scope agreement). Throws a
 * DomainError naming the first rule broken; returns whether the pairing crosses genders.
 */
export function checkPairing(f: PairingFacts): { isGenderMismatch: boolean } {
  if (!isPairable(f.participant.status)) {
    throw new DomainError('invalid_state', 'participant_not_enrolled', 'The participant is not enrolled');
  }
  if (f.participant.hasActivePairing) {
    throw new DomainError(
      'conflict',
      'participant_already_paired',
      'The participant already has a coach; end that pairing first',
    );
  }
  if (!f.participant.canShareContact) {
    throw new DomainError(
      'invalid_state',
      'no_permission_to_share_contact',
      'The participant has not given permission to share contact details with a coach',
    );
  }
  if (f.coach.status !== 'active') {
    throw new DomainError('invalid_state', 'coach_not_active', 'The coach is not active');
  }
  if (!f.isCoachTrained) {
    throw new DomainError(
      'invalid_state',
      'coach_not_trained',
      'The coach has not finished training and signed the scope agreement yet',
    );
  }
  if (f.coach.activePairings >= f.coach.caseload) {
    throw new DomainError('conflict', 'coach_at_capacity', 'The coach already has the caseload he or she chose');
  }
  const mismatch = isGenderMismatch(f);
  if (mismatch && !f.genderMismatchReason) {
    throw new DomainError(
      'invalid_state',
      'gender_mismatch_needs_reason',
      'The coach and participant differ in gender: record a reason to pair them anyway',
    );
  }
  return { isGenderMismatch: mismatch };
}

export const PairingView = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  coachId: z.uuid(),
  coachName: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: PairingEndReason.nullable(),
  endNote: z.string().nullable(),
  genderMismatchReason: z.string().nullable(),
  enteredLate: LateEntryView,
});
export type PairingView = z.infer<typeof PairingView>;
