import { z } from 'zod';
import { WithdrawalScope } from './consent';
import { StudyDesign } from './design';
import { GateItem, ScreeningOutcome } from './gate';

const Instant = z.string();

/** The study as staff see it: the design, its version and state, amendments, the table's balance; never the seed or the sequence. */
export const StudyView = z.object({
  design: StudyDesign.nullable(),
  version: z.number(),
  isLocked: z.boolean(),
  lockedAt: Instant.nullable(),
  isUnblinded: z.boolean(),
  unblindedAt: Instant.nullable(),
  unblindReason: z.string().nullable(),
  randomized: z.number(),
  amendments: z.array(z.object({ version: z.number(), reason: z.string(), at: Instant, byName: z.string() })),
  table: z
    .object({ rows: z.number(), strata: z.array(z.object({ stratum: z.string(), counts: z.record(z.string(), z.number()) })) })
    .nullable(),
  consentDocuments: z.array(z.object({ version: z.number(), title: z.string(), body: z.string(), createdAt: Instant })),
});
export type StudyView = z.infer<typeof StudyView>;

export const DesignUpdate = z.object({
  design: StudyDesign,
  /** Required once the study is locked: the change becomes an amendment. */
  reason: z.string().trim().max(500).default(''),
});
export type DesignUpdate = z.infer<typeof DesignUpdate>;

export const AllocationView = z.object({
  arm: z.string(),
  armLabel: z.string(),
  sequenceNumber: z.number(),
  stratum: z.string(),
  method: z.string(),
  allocatedAt: Instant,
  allocatedByName: z.string(),
});
export type AllocationView = z.infer<typeof AllocationView>;

/** One participant's place in the study, for the coordinator's Study page. */
export const ParticipantStudyView = z.object({
  participantId: z.uuid(),
  screening: z
    .object({ outcome: ScreeningOutcome, reason: z.string(), answers: z.record(z.string(), z.boolean()), screenedAt: Instant })
    .nullable(),
  consent: z
    .object({
      documentVersion: z.number(),
      method: z.enum(['signed', 'attested']),
      typedName: z.string().nullable(),
      signedOn: z.string(),
    })
    .nullable(),
  withdrawals: z.array(z.object({ scope: WithdrawalScope, on: z.string(), reason: z.string() })),
  gate: z.object({ missing: z.array(GateItem), words: z.array(z.string()) }),
  allocation: AllocationView.nullable(),
  delivery: z.object({ state: z.enum(['pending', 'received', 'not_received']), reason: z.string() }),
});
export type ParticipantStudyView = z.infer<typeof ParticipantStudyView>;

export const RandomizeInput = z.object({
  participantId: z.uuid(),
  clientKey: z.string().trim().min(8).max(100),
  strata: z.record(z.string(), z.string()).default({}),
});
export type RandomizeInput = z.infer<typeof RandomizeInput>;

export const ReasonInput = z.object({ reason: z.string().trim().min(3).max(500) });
export type ReasonInput = z.infer<typeof ReasonInput>;

export const DeliveryInput = z.discriminatedUnion('received', [
  z.object({ participantId: z.uuid(), received: z.literal(true) }),
  z.object({ participantId: z.uuid(), received: z.literal(false), reason: z.string().trim().min(1).max(200) }),
]);
export type DeliveryInput = z.infer<typeof DeliveryInput>;

export const SimulationInput = z.object({
  participants: z.int().min(2).max(2000).default(200),
  replicates: z.int().min(1).max(500).default(100),
});
