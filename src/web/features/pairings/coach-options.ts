import type { CoachView } from '../../../core/coaches';
import { isGenderMismatch, type PairingFacts } from '../../../core/pairings';
import type { ParticipantStatus } from '../../../core/participants';
import type { Gender, PainLocation } from '../../../core/shared/vocab';

export interface PairingCandidate {
  coach: CoachView;
  openPlaces: number;
  sharedPain: PainLocation[];
  isGenderMismatch: boolean;
}

export interface ParticipantFacts {
  status: ParticipantStatus;
  gender: Gender;
  genderMatters: boolean;
  canShareContact: boolean;
  painLocations: readonly PainLocation[];
  coach: { id: string } | null;
}

/** The facts the pairing rules read, from what the staff views carry. */
export function pairingFacts(p: ParticipantFacts, c: CoachView): Pick<PairingFacts, 'participant' | 'coach'> {
  return {
    participant: {
      status: p.status,
      gender: p.gender,
      genderMatters: p.genderMatters,
      canShareContact: p.canShareContact,
      hasActivePairing: p.coach !== null,
    },
    coach: { status: c.status, gender: c.gender, caseload: c.caseload, activePairings: c.activePairings },
  };
}

/**
 * The coaches a participant can be paired with now (active, trained, with an open place), best first:
 * same gender where it matters, then most pain locations in common, then most open places.
 */
export function pairingCandidates(participant: ParticipantFacts, coaches: readonly CoachView[]): PairingCandidate[] {
  return coaches
    .filter((c) => c.status === 'active' && c.isTrained && c.activePairings < c.caseload)
    .map((coach) => ({
      coach,
      openPlaces: coach.caseload - coach.activePairings,
      sharedPain: coach.painLocations.filter((l) => participant.painLocations.includes(l)),
      isGenderMismatch: isGenderMismatch(pairingFacts(participant, coach)),
    }))
    .sort(
      (a, b) =>
        Number(a.isGenderMismatch) - Number(b.isGenderMismatch) ||
        b.sharedPain.length - a.sharedPain.length ||
        b.openPlaces - a.openPlaces ||
        a.coach.familyName.localeCompare(b.coach.familyName),
    );
}
