import { z } from 'zod';
import { SafetyTrigger, type SafetyState } from './events';

/**
 * The staff pages' banner (issue #16): the safety events nobody has acknowledged yet, read by
 * every staff page on every load, so it carries only what the banner shows.
 */
export const OpenSafetyEventsQuery = z.object({
  /** How many events to name; the count covers them all. */
  limit: z.coerce.number().int().min(1).max(10).default(3),
});
export type OpenSafetyEventsQuery = z.infer<typeof OpenSafetyEventsQuery>;

export const OpenSafetyEventItem = z.object({
  id: z.uuid(),
  participantName: z.string(),
  raisedAt: z.string(),
  trigger: SafetyTrigger,
});
export type OpenSafetyEventItem = z.infer<typeof OpenSafetyEventItem>;

export const OpenSafetyEventsView = z.object({
  /** Every event waiting for acknowledgement, including those not named below. */
  total: z.number().int().min(0),
  events: z.array(OpenSafetyEventItem),
});
export type OpenSafetyEventsView = z.infer<typeof OpenSafetyEventsView>;

/** Whose word it is: a person asking for help now first, a flag found by Kindred last. */
const triggerRank: Record<SafetyTrigger, number> = {
  participant_help: 0,
  coach_concern: 1,
  staff_concern: 2,
  assessment_flag: 3,
  risk_words: 4,
};

interface EventFacts {
  trigger: SafetyTrigger;
  state: SafetyState;
  raisedAt: Date;
  acknowledgedAt: Date | null;
}

/** The events nobody has acknowledged yet: by who raised them, then the longest wait first. */
export function awaitingAcknowledgement<T extends EventFacts>(events: readonly T[]): T[] {
  return events
    .filter((e) => e.state === 'open' && e.acknowledgedAt === null)
    .sort((a, b) => triggerRank[a.trigger] - triggerRank[b.trigger] || a.raisedAt.getTime() - b.raisedAt.getTime());
}
