import { z } from 'zod';
import { DateOn } from '../shared/vocab';
import { CheckInSource } from './text-check-in';

/**
 * Action plans and the participant's own tracking between contacts: what the words mean, the
 * schemas at the edge and the views that leave the server. The rules live beside this file
 * (`rules.ts`: confidence, readiness, revisions, reviews, the practice log; `progress.ts`: PEG
 * check-ins, when one is due and what changed, in plain words).
 */
export * from './rules';
export * from './progress';
export * from './pain-jump';
export * from './text-check-in';

/** A 0–10 rating: the confidence ruler, the readiness ruler and each PEG item use the same scale. */
export const Rating = z.int().min(0).max(10);

/** A required line, with the form's own words when it is missing or empty. */
const wordedLine = (max: number, words: string) => z.string({ error: words }).trim().min(1, words).max(max);
/** A 0–10 ruler a form asks for, with its words when it is not answered. */
const ruler = (words: string) => z.int({ error: words }).min(0, words).max(10, words);

/**
 * What an action plan states (Stanford self-management format): what, how much, when, how often
 * (days a week) and the participant's confidence 0–10 of doing the whole plan.
 */
export const PlanDraft = z.object({
  // Worded as the plan form asks (ADR 0054).
  what: wordedLine(200, 'Say what they will do'),
  howMuch: wordedLine(120, 'Say how much, e.g. 10 minutes'),
  when: wordedLine(120, 'Say when, e.g. after lunch'),
  daysPerWeek: z.int({ error: 'Choose how many days a week' }).min(1).max(7),
  confidence: ruler('Choose how sure they are, from 0 to 10'),
});
export type PlanDraft = z.infer<typeof PlanDraft>;

/** A plan the participant is ready for, with the drafts changed on the way (oldest first). */
export const ActionPlanInput = PlanDraft.extend({
  kind: z.literal('action_plan'),
  /** A key the client makes once per plan, so a retry after a dropped connection is not doubled. */
  clientKey: z.uuid(),
  /** Earlier versions the coach and participant changed after Kindred suggested a smaller plan. */
  earlierDrafts: z.array(PlanDraft).max(5).default([]),
});

/**
 * "Not ready to set a goal" is a valid answer: the readiness ruler (0–10) and a smaller step,
 * recorded as such rather than as a forced goal.
 */
export const SmallStepInput = z.object({
  kind: z.literal('small_step'),
  clientKey: z.uuid(),
  readiness: ruler('Choose how ready they are, from 0 to 10'),
  what: wordedLine(200, 'Say what the smaller step is'),
  when: z.string().trim().max(120).default(''),
});

export const PlanInput = z.discriminatedUnion('kind', [ActionPlanInput, SmallStepInput]);
export type PlanInput = z.infer<typeof PlanInput>;

export const planKinds = ['action_plan', 'small_step'] as const;
export const PlanKind = z.enum(planKinds);
export type PlanKind = z.infer<typeof PlanKind>;

/** How a plan went, asked at the next contact. */
export const reviewOutcomes = ['done', 'partly', 'not_done'] as const;
export const ReviewOutcome = z.enum(reviewOutcomes);
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

export const PlanReviewInput = z.object({
  outcome: ReviewOutcome,
  /** What got in the way. */
  barrier: z.string().trim().max(500).default(''),
  /** What to change next time. */
  change: z.string().trim().max(500).default(''),
});
export type PlanReviewInput = z.infer<typeof PlanReviewInput>;

export const PlanDraftView = PlanDraft.extend({ version: z.int() });

export const PlanView = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  kind: PlanKind,
  what: z.string(),
  /** Empty for a small step. */
  howMuch: z.string(),
  when: z.string(),
  daysPerWeek: z.int().nullable(),
  confidence: z.int().nullable(),
  readiness: z.int().nullable(),
  /** Every version of an action plan, oldest first; the last one is the plan. Empty for a small step. */
  versions: z.array(PlanDraftView),
  madeAt: z.string(),
  madeOn: z.string(),
  madeBy: z.string(),
  coachName: z.string().nullable(),
  isCurrent: z.boolean(),
  review: z
    .object({
      outcome: ReviewOutcome,
      barrier: z.string(),
      change: z.string(),
      reviewedAt: z.string(),
      reviewedBy: z.string(),
    })
    .nullable(),
  /** Days the participant logged doing the plan, and days logged at all (null when hidden from the caller). */
  practice: z.object({ daysDone: z.int(), daysLogged: z.int() }).nullable(),
});
export type PlanView = z.infer<typeof PlanView>;

/** Plans made and reviewed for one active pair, for coordinators (full) and evaluators (code only). */
export const PlanSummaryRow = z.object({
  participantId: z.uuid(),
  code: z.string(),
  /** Null for evaluators (pseudonymous view). */
  participantName: z.string().nullable(),
  coachName: z.string().nullable(),
  plansMade: z.int(),
  smallSteps: z.int(),
  reviewed: z.int(),
  done: z.int(),
  partly: z.int(),
  notDone: z.int(),
  lastMadeOn: z.string().nullable(),
});
export type PlanSummaryRow = z.infer<typeof PlanSummaryRow>;

/** The weekly PEG check-in: each item 0–10 over the past week; all three are required. */
export const PainCheckInInput = z.object({
  pain: Rating,
  enjoyment: Rating,
  activity: Rating,
  /** An optional note for the coach. */
  note: z.string().trim().max(1000).default(''),
});
export type PainCheckInInput = z.infer<typeof PainCheckInInput>;

export const PainCheckInView = z.object({
  on: z.string(),
  pain: z.int(),
  enjoyment: z.int(),
  activity: z.int(),
  score: z.number(),
  note: z.string(),
  /** How it came: in the app, or by text message (ADR 0040); staff see "by text". */
  source: CheckInSource,
});
export type PainCheckInView = z.infer<typeof PainCheckInView>;

/** "Did it today / not today" against the current plan; one entry per plan and day. */
export const PracticeInput = z.object({ did: z.boolean() });
export const PracticeParams = z.object({ programId: z.uuid(), planId: z.uuid(), on: DateOn });

export const PracticeView = z.object({ planId: z.uuid(), on: z.string(), did: z.boolean() });
export type PracticeView = z.infer<typeof PracticeView>;

export const SharingInput = z.object({ shareWithCoach: z.boolean() });

export const NoteInput = z.object({ text: z.string().trim().min(1).max(500) });
export const NoteView = z.object({ id: z.uuid(), text: z.string(), authorName: z.string(), writtenAt: z.string() });
export type NoteView = z.infer<typeof NoteView>;

export const PegChangeView = z.object({
  kind: z.enum(['none', 'baseline', 'lower', 'higher', 'same']),
  first: z.number().nullable(),
  latest: z.number().nullable(),
  difference: z.number().nullable(),
  isMeaningful: z.boolean(),
  isEarly: z.boolean(),
  words: z.string(),
});

/**
 * The progress picture and what the coach sees between calls. Check-ins, the practice log and the
 * change in words are null for a coach when the participant chose not to share them.
 */
export const ProgressView = z.object({
  participantId: z.uuid(),
  givenName: z.string(),
  today: z.string(),
  shareWithCoach: z.boolean(),
  /** True when the caller is the coach and the participant does not share check-ins. */
  isHiddenFromCaller: z.boolean(),
  /** When the weekly check-in is due; null when hidden from the caller. */
  checkIn: z.object({ isDue: z.boolean(), dueOn: z.string(), lastOn: z.string().nullable() }).nullable(),
  checkIns: z.array(PainCheckInView).nullable(),
  change: PegChangeView.nullable(),
  currentPlan: PlanView.nullable(),
  practice: z.array(PracticeView).nullable(),
  plans: z.object({ made: z.int(), reviewed: z.int(), done: z.int(), partly: z.int(), notDone: z.int() }),
  /** Where plans were made, for the chart's markers. */
  planMarks: z.array(z.object({ on: z.string(), label: z.string() })),
  skillsTried: z.array(z.object({ key: z.string(), title: z.string(), skill: z.string(), firstOn: z.string() })),
  notes: z.array(NoteView),
});
export type ProgressView = z.infer<typeof ProgressView>;

/** A PEG question as the participant reads it, from the instrument library's Questionnaire. */
export const CheckInQuestion = z.object({
  field: z.enum(['pain', 'enjoyment', 'activity']),
  linkId: z.string(),
  prefix: z.string().nullable(),
  text: z.string(),
  options: z.array(z.object({ value: z.int(), label: z.string() })),
});
export type CheckInQuestion = z.infer<typeof CheckInQuestion>;
