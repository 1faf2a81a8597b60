import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CheckInSource, PlanDraft, PlanKind, ReviewOutcome } from '../../../core/plans';
import { people } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';

/**
 * Action plans and small steps. The plan as agreed is in the columns; the drafts changed on the way
 * (after Kindred suggested a smaller plan) are kept in `earlier_drafts`, oldest first, each with its
 * confidence. A plan is reviewed once, at the next contact: the review columns are then filled.
 */
export const actionPlans = pgTable(
  'action_plans',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    /** The pairing and coach when the plan was made (null if staff made it with no coach). */
    pairingId: uuid('pairing_id').references(() => pairings.id),
    coachId: uuid('coach_id').references(() => coaches.id),
    /** Idempotency key chosen by the client, so a retried save is not doubled. */
    clientKey: text('client_key').notNull(),
    kind: text('kind').$type<PlanKind>().notNull(),
    what: text('what').notNull(),
    howMuch: text('how_much').notNull().default(''),
    whenText: text('when_text').notNull().default(''),
    daysPerWeek: integer('days_per_week'),
    confidence: integer('confidence'),
    /** The readiness ruler, for a small step. */
    readiness: integer('readiness'),
    earlierDrafts: jsonb('earlier_drafts').$type<PlanDraft[]>().notNull().default([]),
    /** The program-local date the plan was made (practice days count from it). */
    madeOn: date('made_on').notNull(),
    madeBy: uuid('made_by')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    reviewOutcome: text('review_outcome').$type<ReviewOutcome>(),
    reviewBarrier: text('review_barrier'),
    reviewChange: text('review_change'),
    reviewedBy: uuid('reviewed_by').references(() => people.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('action_plans_client_key').on(t.programId, t.clientKey),
    index('action_plans_participant_idx').on(t.participantId, t.createdAt),
  ],
);

/** The practice log: did the participant do the plan on a day? One row per plan and day. */
export const practiceLog = pgTable(
  'practice_log',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id),
    on: date('on').notNull(),
    did: boolean('did').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('practice_log_plan_day').on(t.planId, t.on),
    index('practice_log_participant_idx').on(t.participantId, t.on),
  ],
);

/**
 * The participant's weekly PEG check-in: the three items, the score from the instrument library
 * and an optional note for the coach. One per participant and program-local day (a second one the
 * same day replaces the first).
 */
export const painCheckIns = pgTable(
  'pain_check_ins',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    on: date('on').notNull(),
    pain: integer('pain').notNull(),
    enjoyment: integer('enjoyment').notNull(),
    activity: integer('activity').notNull(),
    score: doublePrecision('score').notNull(),
    note: text('note').notNull().default(''),
    /** Where the answers came from: the app, or a text message reply (#16, ADR 0040). */
    source: text('source').$type<CheckInSource>().notNull().default('app'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('pain_check_ins_participant_day').on(t.participantId, t.on)],
);

/**
 * The weekly check-in sent by text message (#16, ADR 0040): one row per participant and check-in
 * week (the ISO week in the program's zone), written with the text itself so it is never sent twice.
 * Replies are read against the latest prompt in its reply window.
 */
export const textCheckInPrompts = pgTable(
  'text_check_in_prompts',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    /** The check-in week, e.g. "2026-W10". */
    week: text('week').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    /** The check-in a readable reply recorded (a later readable reply in the window corrects it). */
    checkInId: uuid('check_in_id').references(() => painCheckIns.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** How many times Kindred asked again about a reply it could not read. */
    askedAgain: integer('asked_again').notNull().default(0),
  },
  (t) => [
    uniqueIndex('text_check_in_prompts_participant_week').on(t.participantId, t.week),
    index('text_check_in_prompts_participant_sent').on(t.participantId, t.sentAt),
  ],
);

/** Short notes of encouragement a coach (or staff) writes to a participant. */
export const encouragementNotes = pgTable(
  'encouragement_notes',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => people.id),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('encouragement_notes_participant_idx').on(t.participantId, t.createdAt)],
);

/**
 * The participant's own settings for self-tracking. No row means the defaults: check-ins and the
 * practice log are shared with the coach.
 */
export const trackingSettings = pgTable('tracking_settings', {
  participantId: uuid('participant_id')
    .primaryKey()
    .references(() => participants.id),
  programId: uuid('program_id')
    .notNull()
    .references(() => programs.id),
  shareWithCoach: boolean('share_with_coach').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
