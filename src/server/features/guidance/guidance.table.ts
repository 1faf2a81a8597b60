import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { EssentialElement } from '../../../core/contacts';
import type { GuideDraftAnswers } from '../../../core/guidance';
import { people } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { contacts } from '../contacts/contacts.table';
import { participants } from '../participants/participants.table';
import { actionPlans } from '../plans/plans.table';
import { programs } from '../programs/programs.table';

/**
 * One finished guided session: the contact it logged, the one-line pain and mood check, the plan
 * reviewed and the plan made, the topic the guide suggested, the essential elements as derived and
 * as the coach confirmed them (so corrections stay visible), and the next contact agreed.
 */
export const sessionGuides = pgTable(
  'session_guides',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => coaches.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    /** The client's key for the whole guided session; also the key of its contact and its plan. */
    clientKey: text('client_key').notNull(),
    /** The one-line check: pain now and mood now, 0–10 each, null when skipped. */
    pain: integer('pain'),
    mood: integer('mood'),
    reviewedPlanId: uuid('reviewed_plan_id').references(() => actionPlans.id),
    planId: uuid('plan_id').references(() => actionPlans.id),
    suggestedTopic: text('suggested_topic'),
    derivedElements: jsonb('derived_elements').$type<EssentialElement[]>().notNull(),
    confirmedElements: jsonb('confirmed_elements').$type<EssentialElement[]>().notNull(),
    nextContactOn: date('next_contact_on'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('session_guides_client_key').on(t.programId, t.clientKey),
    index('session_guides_participant_idx').on(t.participantId, t.createdAt),
  ],
);

/**
 * The session guide as entered so far (ADR 0035): saved as the coach goes, one per participant and
 * person entering it, deleted when the guide is finished; older than DRAFT_KEEP_DAYS it is ignored
 * and swept away.
 */
export const guideDrafts = pgTable(
  'guide_drafts',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** The client key "Finish session" will use, so a finish after resuming is still saved once. */
    clientKey: text('client_key').notNull(),
    step: integer('step').notNull(),
    answers: jsonb('answers').$type<GuideDraftAnswers>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('guide_drafts_participant_person').on(t.participantId, t.personId),
    index('guide_drafts_saved_at_idx').on(t.savedAt),
  ],
);
