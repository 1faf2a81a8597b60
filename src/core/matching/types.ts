import { z } from 'zod';
import type { CoachStatus } from '../coaches';
import type { Channel, Gender, PainLocation, TimeOfDay } from '../shared/vocab';

/**
 * A participant waiting for a coach, as the matcher sees it. Optional attributes are unknown when
 * undefined or null: an unknown attribute neither helps nor blocks a match.
 *
 * Stored (participants table): gender, genderMatters, birthYear, painLocations, the preferred
 * modality (→ `modalities`), preferredTimes (→ `times`), canShareContact, enrolledOn
 * (→ `waitingSince`), serviceBranch, serviceEra, town, languages (ADR 0016).
 */
export interface MatchParticipant {
  id: string;
  gender: Gender;
  /** False when the participant said a coach of another gender is fine. */
  genderMatters: boolean;
  /** The pairing rules need the participant's permission to share contact details with a coach. Undefined = given. */
  canShareContact?: boolean;
  /** The ways the participant will meet a coach; empty = unknown. */
  modalities: readonly Channel[];
  /** Times of day that suit; empty or undefined = any time. */
  times?: readonly TimeOfDay[] | undefined;
  painLocations: readonly PainLocation[];
  birthYear?: number | null | undefined;
  serviceBranch?: string | null | undefined;
  serviceEra?: string | null | undefined;
  town?: string | null | undefined;
  languages?: readonly string[] | undefined;
  /** Since when the participant has waited (ISO date): first come, first served among equals. */
  waitingSince?: string | null | undefined;
  /**
   * Coaches of this participant's earlier pairings that ended because they could not reach each
   * other or did not fit: never proposed again (a rule that cannot be switched off).
   */
  avoidCoaches?: readonly { coachId: string; reason: 'reach' | 'fit' }[] | undefined;
}

/**
 * A coach as the matcher sees it. Stored (coaches table): gender, status, painLocations,
 * modalities, caseload minus active pairings (→ `capacityLeft`), isTrained (training and the signed
 * agreement), times (availability from the application), serviceBranch, serviceEra, birthYear, town,
 * languages (ADR 0016).
 */
export interface MatchCoach {
  id: string;
  gender: Gender;
  status: CoachStatus;
  /** Training and the scope agreement complete. Undefined = not recorded, so not held against the coach. */
  isTrained?: boolean | undefined;
  /** Places left: the caseload the coach chose minus his or her active pairings. */
  capacityLeft: number;
  modalities: readonly Channel[];
  /** Times of day the coach is available; empty or undefined = unknown. */
  times?: readonly TimeOfDay[] | undefined;
  painLocations: readonly PainLocation[];
  birthYear?: number | null | undefined;
  serviceBranch?: string | null | undefined;
  serviceEra?: string | null | undefined;
  town?: string | null | undefined;
  languages?: readonly string[] | undefined;
}

const Weight = z.int().min(0).max(100);

/**
 * A program's matching settings. Hard rules can be switched off; two cannot, because the pairing
 * rules enforce them anyway: the coach must be active and have a place left. Weights are whole
 * points added to a pair's match quality. Defaults follow ECLIPSE, which matched on gender and,
 * where possible, pain location (Matthias et al., J Gen Intern Med 2020).
 */
export const MatchingSettings = z.object({
  rules: z
    .object({
      /** Same gender, unless the participant said it does not matter (or either gender is not stated). */
      sameGender: z.boolean().default(true),
      /** The coach offers a way of meeting the participant will use. */
      modality: z.boolean().default(true),
      /** Their times of day overlap (when both are known). */
      times: z.boolean().default(true),
      /** The coach finished training and signed the agreement (when recorded). */
      trainedCoach: z.boolean().default(true),
    })
    .prefault({}),
  weights: z
    .object({
      /** At least one pain location in common. */
      painLocations: Weight.default(4),
      /** Per item of background in common: service branch, service era. */
      background: Weight.default(2),
      /** Born within `ageBandYears` of each other. */
      ageBand: Weight.default(1),
      /** Same town, when both meet in person. */
      sameTown: Weight.default(2),
      /** A language in common. */
      language: Weight.default(3),
    })
    .prefault({}),
  ageBandYears: z.int().min(1).max(40).default(10),
});
export type MatchingSettings = z.output<typeof MatchingSettings>;

export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = MatchingSettings.parse({});

/**
 * What the coordinator's settings form sends (ADR 0016): every field, nothing else. Unknown or
 * missing fields are refused (400) rather than silently defaulted.
 */
export const MatchingSettingsInput = z.strictObject({
  rules: z.strictObject({ sameGender: z.boolean(), modality: z.boolean(), times: z.boolean(), trainedCoach: z.boolean() }),
  weights: z.strictObject({ painLocations: Weight, background: Weight, ageBand: Weight, sameTown: Weight, language: Weight }),
  ageBandYears: z.int().min(1).max(40),
});
export type MatchingSettingsInput = z.infer<typeof MatchingSettingsInput>;

/** The highest match quality any pair can reach under these settings. */
export function maxPairQuality(s: MatchingSettings): number {
  const w = s.weights;
  return w.painLocations + 2 * w.background + w.ageBand + w.sameTown + w.language;
}

export const unmatchedCodes = [
  'no_permission_to_share_contact',
  'no_compatible_coach',
  'no_active_coach',
  'no_trained_coach',
  'no_coach_with_place',
  'places_taken_by_better_matches',
] as const;
export type UnmatchedCode = (typeof unmatchedCodes)[number];

/** One proposed pair, with its quality and the plain words that explain it. */
export interface MatchProposal {
  participantId: string;
  coachId: string;
  quality: number;
  reasons: string[];
  /** The pair crosses genders although the participant said gender matters: approval needs a recorded reason. */
  needsGenderReason: boolean;
}

export interface UnmatchedParticipant {
  participantId: string;
  code: UnmatchedCode;
  reason: string;
}

/** Another coach the coordinator could choose instead, best first. */
export interface MatchAlternative {
  coachId: string;
  quality: number;
  reasons: string[];
  needsGenderReason: boolean;
}

export interface MatchResult {
  proposals: (MatchProposal & { alternatives: MatchAlternative[] })[];
  unmatched: UnmatchedParticipant[];
  /** Participants matched, and the sum of their match quality. */
  matched: number;
  totalQuality: number;
  /** Size of the problem the solver saw (classes of interchangeable participants and coaches). */
  stats: { participantClasses: number; coachClasses: number; edges: number; phases: number };
}

/** A plain assignment (the greedy baseline returns only this). */
export interface Assignment {
  pairs: { participantId: string; coachId: string; quality: number }[];
  matched: number;
  totalQuality: number;
}
