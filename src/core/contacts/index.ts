import { z } from 'zod';
import { DomainError } from '../shared/errors';
import { EnteredLate, LateEntryView } from '../shared/late-entry';
import { Channel } from '../shared/vocab';

/**
 * What happened on an attempt. Only `reached` counts as a contact toward the target; `rescheduled`
 * (they picked up and agreed another time) shows the time worked but is not a session.
 */
export const contactOutcomes = ['reached', 'no_answer', 'voicemail', 'wrong_number', 'declined', 'rescheduled'] as const;
export const ContactOutcome = z.enum(contactOutcomes);
export type ContactOutcome = z.infer<typeof ContactOutcome>;

/** The four essential elements of a coaching contact (ECLIPSE fidelity measure). */
export const essentialElements = ['discussedStrategies', 'gaveEncouragement', 'discussedAdjusting', 'discussedGoals'] as const;
export type EssentialElement = (typeof essentialElements)[number];

const minutesWords = 'Enter whole minutes from 0 to 600';

/** What a contact says; each field worded as the contact form asks it (ADR 0054). */
export const ContactInput = z.object({
  participantId: z.uuid({ error: 'Choose who you contacted' }),
  /** A key the client makes once per contact, so a retry after a dropped connection is not doubled. */
  clientKey: z.uuid(),
  occurredAt: z.iso.datetime({ offset: true, error: 'Enter the date and time of the contact' }),
  channel: Channel,
  outcome: z.enum(contactOutcomes, { error: 'Say whether you reached them' }),
  minutes: z.int({ error: minutesWords }).min(0, minutesWords).max(600, minutesWords).nullable().default(null),
  topics: z.array(z.string().max(40)).max(30).default([]),
  discussedStrategies: z.boolean().default(false),
  gaveEncouragement: z.boolean().default(false),
  discussedAdjusting: z.boolean().default(false),
  discussedGoals: z.boolean().default(false),
  note: z.string().trim().max(4000).default(''),
  /** Staff entering a paper record late, with why (ADR 0030); required when dated more than 7 days back. */
  enteredLate: EnteredLate.optional(),
});
export type ContactInput = z.infer<typeof ContactInput>;

/** Allowed clock skew between a phone and the server when a contact is logged "now". */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

/** Later than now, allowing for a phone's clock a few minutes ahead of the server's (the form asks the same). */
export function isInFuture(at: Date, now: Date): boolean {
  return at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS;
}

/**
 * Checks a contact against the pairing and the program: not in the future, not before the pairing
 * began, topics from the program's curriculum, and no session content on an unreached attempt.
 */
export function checkContact(
  input: ContactInput,
  ctx: { now: Date; pairingStartedAt: Date; programTopics: readonly string[] },
): void {
  const at = new Date(input.occurredAt);
  if (isInFuture(at, ctx.now)) {
    throw new DomainError('invalid_state', 'contact_in_future', 'A contact cannot be logged in the future');
  }
  if (at.getTime() < ctx.pairingStartedAt.getTime() - FUTURE_TOLERANCE_MS) {
    throw new DomainError('invalid_state', 'contact_before_pairing', 'The contact is dated before this coach was paired');
  }
  const unknown = input.topics.filter((t) => !ctx.programTopics.includes(t));
  if (unknown.length > 0) {
    throw new DomainError('invalid_state', 'unknown_topic', "A topic is not in this program's curriculum");
  }
  if (input.outcome !== 'reached') {
    const hasContent = input.topics.length > 0 || essentialElements.some((e) => input[e]) || (input.minutes ?? 0) > 0;
    if (hasContent) {
      throw new DomainError(
        'invalid_state',
        'unreached_with_content',
        'Topics, minutes and essential elements belong to a contact where the participant was reached',
      );
    }
  }
}

export const ContactView = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  coachId: z.uuid(),
  occurredAt: z.string(),
  channel: Channel,
  outcome: ContactOutcome,
  isReached: z.boolean(),
  minutes: z.int().nullable(),
  topics: z.array(z.string()),
  discussedStrategies: z.boolean(),
  gaveEncouragement: z.boolean(),
  discussedAdjusting: z.boolean(),
  discussedGoals: z.boolean(),
  /** The coach's private note; shown to the coach who works with the participant and to staff. */
  note: z.string(),
  loggedAt: z.string(),
  /** Set when staff entered it late: who, when, why (ADR 0030). */
  enteredLate: LateEntryView,
});
export type ContactView = z.infer<typeof ContactView>;
