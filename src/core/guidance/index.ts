import { z } from 'zod';
import { ScheduleSessionInput } from '../engagement/scheduling';
import { ActionPlanInput, PlanView, Rating, ReviewOutcome, SmallStepInput } from '../plans';
import { Channel, DateOn } from '../shared/vocab';

/**
 * The session guide (issue #4): a contact in five steps — check in (with a one-line pain and mood
 * check), review the last plan, today's topic, a new plan (or a smaller step), agree the next
 * contact — finished in one request that logs the contact with the topics covered and the four
 * essential elements derived from what happened (the coach may correct them). Rules beside this
 * file: topics.ts (suggestTopic), elements.ts (deriveEssentialElements), content.ts (bridge prompts
 * and "what if" help), reminders.ts (whose weekly check-in reminder is due).
 */
export * from './topics';
export * from './elements';
export * from './content';
export * from './reminders';
export * from './drafts';

export const guideSteps = ['check_in', 'review', 'topic', 'plan', 'next'] as const;
export type GuideStep = (typeof guideSteps)[number];

/** The one-line check at the start: pain now and mood now, 0–10 each; either may be skipped. */
export const GuideCheck = z.object({
  /** 0 = no pain, 10 = worst imaginable. */
  pain: Rating.nullable().default(null),
  /** 0 = very low, 10 = very good. */
  mood: Rating.nullable().default(null),
});
export type GuideCheck = z.infer<typeof GuideCheck>;

/** The new plan agreed in step 4, without its own key (the guide's key is used). */
export const GuidePlan = z.discriminatedUnion('kind', [
  ActionPlanInput.omit({ clientKey: true }),
  SmallStepInput.omit({ clientKey: true }),
]);
export type GuidePlan = z.infer<typeof GuidePlan>;

export const GuideElements = z.object({
  discussedStrategies: z.boolean(),
  gaveEncouragement: z.boolean(),
  discussedAdjusting: z.boolean(),
  discussedGoals: z.boolean(),
});
export type GuideElements = z.infer<typeof GuideElements>;

/** Finishing the guide: everything the five steps recorded, saved at once. */
export const GuideFinishInput = z.object({
  /** Made once per guided session by the client: a retry after a dropped connection saves nothing twice. */
  clientKey: z.uuid(),
  occurredAt: z.iso.datetime({ offset: true }),
  channel: Channel,
  minutes: z.int().min(0).max(600).nullable().default(null),
  check: GuideCheck.default({ pain: null, mood: null }),
  /** Step 2: the review of the last plan, when there was one to review. */
  review: z
    .object({
      planId: z.uuid(),
      outcome: ReviewOutcome,
      barrier: z.string().trim().max(500).default(''),
      change: z.string().trim().max(500).default(''),
    })
    .nullable()
    .default(null),
  /** Step 2: "I praised the effort or encouraged them". */
  encouraged: z.boolean().default(false),
  /** Step 3: curriculum topics talked about. */
  topics: z.array(z.string().max(40)).max(12).default([]),
  /** Step 3: what the guide suggested, kept to see how often coaches follow it. */
  suggestedTopic: z.string().max(40).nullable().default(null),
  /** Step 4: a new action plan, a smaller step, or nothing (just talking is allowed). */
  plan: GuidePlan.nullable().default(null),
  /** The four essential elements as the coach confirmed them on the last step. */
  elements: GuideElements,
  /** The coach's private note, as on "Log a contact". */
  note: z.string().trim().max(4000).default(''),
  /** Step 5: the date agreed for the next contact (program-local). */
  nextContactOn: DateOn.nullable().default(null),
  /**
   * Step 5, when coach and participant fixed a day and time: the session is scheduled (with calendar
   * invitations) by the engagement feature in the same transaction, and its date is the next contact.
   */
  schedule: ScheduleSessionInput.nullable().default(null),
});
export type GuideFinishInput = z.infer<typeof GuideFinishInput>;

export const GuidePromptView = z.object({
  key: z.string(),
  title: z.string(),
  version: z.int(),
  body: z.string(),
  link: z.enum(['safety']).nullable(),
});
export type GuidePromptView = z.infer<typeof GuidePromptView>;

/** What the guide opens with, in one request. */
export const GuideStartView = z.object({
  participantId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  today: z.string(),
  /** The program's cadence: the default next contact is today + this. */
  cadenceDays: z.int(),
  preferredChannel: Channel,
  /** The plan to review: the latest one not yet reviewed. */
  lastPlan: PlanView.nullable(),
  /** The last PEG check-in, when the participant shares check-ins with the caller. */
  lastCheckIn: z.object({ on: z.string(), score: z.number() }).nullable(),
  /** The one-line pain and mood check of the last guided session, for comparing. */
  lastCheck: z.object({ at: z.string(), pain: z.int().nullable(), mood: z.int().nullable() }).nullable(),
  topics: z.array(
    z.object({ key: z.string(), title: z.string(), summary: z.string(), skill: z.string(), isCovered: z.boolean() }),
  ),
  suggestion: z
    .object({ key: z.string(), title: z.string(), basis: z.enum(['barrier', 'plan', 'order', 'revisit']), reason: z.string() })
    .nullable(),
  bridges: z.array(GuidePromptView),
  whatIfs: z.array(GuidePromptView),
});
export type GuideStartView = z.infer<typeof GuideStartView>;

/** A finished guided session as the participant's record lists it: when, the pain and mood check, the topics covered. */
export const GuidedSessionSummary = z.object({
  guideId: z.uuid(),
  at: z.string(),
  /** The program-local date of the session. */
  on: z.string(),
  pain: z.int().nullable(),
  mood: z.int().nullable(),
  /** Titles of the curriculum topics talked about (a key the program no longer has is shown as is). */
  topics: z.array(z.string()),
});
export type GuidedSessionSummary = z.infer<typeof GuidedSessionSummary>;

export const GuideFinishedView = z.object({
  guideId: z.uuid(),
  contactId: z.uuid(),
  planId: z.uuid().nullable(),
  reviewedPlanId: z.uuid().nullable(),
  topics: z.array(z.string()),
  elements: GuideElements,
  /** The elements as the guide derived them, before the coach's corrections. */
  derivedElements: GuideElements,
  nextContactOn: z.string().nullable(),
});
export type GuideFinishedView = z.infer<typeof GuideFinishedView>;
