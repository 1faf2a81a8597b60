import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CheckInFinding, RecordedStep, SessionStatus } from '../../../core/engagement';
import type { Channel } from '../../../core/shared/vocab';
import { people } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';

/**
 * When each step of the escalation ladder fired for a pair, and who acted on it. One row per
 * pairing, step and episode (the quiet spell that began at `episode_started_at`); the unique key
 * makes recording a step idempotent, so a sweep that runs twice, or a coordinator acting before the
 * sweep, never doubles a row or its reminder e-mail. A step resolves by itself when a reached
 * contact starts a new episode; that is read from the contacts, not stored here.
 */
export const ladderEvents = pgTable(
  'ladder_events',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    pairingId: uuid('pairing_id')
      .notNull()
      .references(() => pairings.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    step: text('step').$type<RecordedStep>().notNull(),
    /** Start of the quiet spell: the last reached contact, the pairing, or the end of a pause. */
    episodeStartedAt: timestamp('episode_started_at', { withTimezone: true }).notNull(),
    /** When the rules made the step due. */
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull(),
    /** When Kindred wrote the row (the sweep, or the coordinator's action). */
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    actedBy: uuid('acted_by').references(() => people.id),
    actedAt: timestamp('acted_at', { withTimezone: true }),
    /** check_in: 'called'; decision: 're_pair' | 'pause' | 'withdraw'. */
    outcome: text('outcome'),
    reachedParticipant: boolean('reached_participant'),
    reachedCoach: boolean('reached_coach'),
    findings: jsonb('findings').$type<CheckInFinding[]>().notNull().default([]),
    /** The coded reason of a decision: a pairing end reason or a withdrawal reason. */
    reason: text('reason'),
    pausedUntil: date('paused_until'),
    note: text('note').notNull().default(''),
  },
  (t) => [
    uniqueIndex('ladder_events_step_key').on(t.pairingId, t.step, t.episodeStartedAt),
    index('ladder_events_program_idx').on(t.programId, t.firedAt),
  ],
);

/**
 * The sessions pairs agree (issue #3, ADR 0013): one row per agreed session. Rescheduling changes
 * the row and bumps `sequence` (the calendar invitation's SEQUENCE, so calendars update the event
 * with the row's id as UID); cancelling keeps the row with status `cancelled`.
 */
export const scheduledSessions = pgTable(
  'scheduled_sessions',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    pairingId: uuid('pairing_id')
      .notNull()
      .references(() => pairings.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => coaches.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    modality: text('modality').$type<Channel>().notNull(),
    /** Built from the program's video-room template when the session was (re)scheduled. */
    videoLink: text('video_link'),
    place: text('place'),
    status: text('status').$type<SessionStatus>().notNull(),
    sequence: integer('sequence').notNull().default(0),
    scheduledBy: uuid('scheduled_by')
      .notNull()
      .references(() => people.id),
    /** When the session got its current time (a reminder goes only if this is before the reminder time). */
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('scheduled_sessions_pairing_idx').on(t.pairingId, t.startsAt),
    index('scheduled_sessions_due_idx')
      .on(t.startsAt)
      .where(sql`status = 'scheduled'`),
  ],
);

/** A program's scheduling settings: the video-room template and reminders. No row means the defaults. */
export const schedulingSettings = pgTable('scheduling_settings', {
  programId: uuid('program_id')
    .primaryKey()
    .references(() => programs.id),
  videoRoomTemplate: text('video_room_template'),
  reminderLeadHours: integer('reminder_lead_hours').notNull().default(24),
  textReminders: boolean('text_reminders').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
