import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CrisisInfo, RaiserRole, SafetyCategory, SafetyDetails, SafetyState, SafetyTrigger } from '../../../core/safety';
import { people } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';

/**
 * A safety event: someone may be in crisis and a coordinator must acknowledge, follow up and close
 * it. `source_key` (the trigger and its source: a client's key, an assessment response, a check-in)
 * is unique per program, so a retried request or a response scored twice raises one event, one
 * task and one e-mail (decision 0010).
 */
export const safetyEvents = pgTable(
  'safety_events',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    /** The participant's coach when the event was raised (none for a participant waiting for a coach). */
    coachId: uuid('coach_id').references(() => coaches.id),
    trigger: text('trigger').$type<SafetyTrigger>().notNull(),
    category: text('category').$type<SafetyCategory>(),
    sourceKey: text('source_key').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    /** Null when no signed-in person raised it (an assessment completed by link, a check-in flag). */
    raisedBy: uuid('raised_by').references(() => people.id),
    raisedByRole: text('raised_by_role').$type<RaiserRole>().notNull(),
    note: text('note').notNull().default(''),
    details: jsonb('details').$type<SafetyDetails>().notNull().default({}),
    state: text('state').$type<SafetyState>().notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => people.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => people.id),
    closeNote: text('close_note').notNull().default(''),
  },
  (t) => [
    uniqueIndex('safety_events_source_key').on(t.programId, t.sourceKey),
    index('safety_events_program_idx').on(t.programId, t.raisedAt),
    index('safety_events_state_idx').on(t.programId, t.state),
  ],
);

/** What staff did after a safety event: when, what, to whom the person was referred, and who recorded it. */
export const safetyFollowUps = pgTable(
  'safety_follow_ups',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => safetyEvents.id),
    doneAt: timestamp('done_at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    referredTo: text('referred_to').notNull().default(''),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => people.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('safety_follow_ups_event_idx').on(t.eventId, t.doneAt)],
);

/** A program's safety settings; a program without a row uses the defaults (the Veterans Crisis Line, 911). */
export const safetySettings = pgTable('safety_settings', {
  programId: uuid('program_id')
    .primaryKey()
    .references(() => programs.id),
  safetyContacts: jsonb('safety_contacts').$type<string[]>().notNull().default([]),
  crisis: jsonb('crisis').$type<CrisisInfo>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by').references(() => people.id),
});
