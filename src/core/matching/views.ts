import { z } from 'zod';
import { PairingInput } from '../pairings';
import { MatchingSettings, unmatchedCodes } from './types';

const Alternative = z.object({
  coachId: z.uuid(),
  coachName: z.string(),
  quality: z.int(),
  reasons: z.array(z.string()),
  needsGenderReason: z.boolean(),
});

/** The proposal a coordinator reviews: who gets whom and why, and who cannot be matched and why. */
export const MatchingProposalView = z.object({
  settings: MatchingSettings,
  /** Enrolled participants without a coach. */
  waiting: z.int(),
  matched: z.int(),
  totalQuality: z.int(),
  /** The best quality one pair can reach under these settings (for "quality 6 of 14"). */
  maxPairQuality: z.int(),
  proposals: z.array(
    z.object({
      participantId: z.uuid(),
      participantName: z.string(),
      participantCode: z.string(),
      coachId: z.uuid(),
      coachName: z.string(),
      quality: z.int(),
      reasons: z.array(z.string()),
      needsGenderReason: z.boolean(),
      /** Other eligible coaches, best first, for the coordinator to choose instead. */
      alternatives: z.array(Alternative),
    }),
  ),
  unmatched: z.array(
    z.object({
      participantId: z.uuid(),
      participantName: z.string(),
      participantCode: z.string(),
      code: z.enum(unmatchedCodes),
      reason: z.string(),
    }),
  ),
  /** Places left now for every coach named above, so a changed choice can be checked before approval. */
  coaches: z.array(z.object({ id: z.uuid(), name: z.string(), placesLeft: z.int() })),
});
export type MatchingProposalView = z.infer<typeof MatchingProposalView>;

/**
 * What a coordinator approves: pairs taken from the proposal, possibly with another coach chosen,
 * each with the reason the pairing rules ask for when it crosses genders.
 */
export const MatchingApproval = z.object({
  pairs: z
    .array(PairingInput)
    .min(1)
    .max(5000)
    .refine((ps) => new Set(ps.map((p) => p.participantId)).size === ps.length, 'Each participant can be approved only once'),
});
export type MatchingApproval = z.infer<typeof MatchingApproval>;
