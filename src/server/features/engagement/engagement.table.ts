import { boolean, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CheckInFinding, RecordedStep } from '../../../core/engagement';
import { people } from '../accounts/accounts.table';
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
