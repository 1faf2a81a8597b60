import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PairingEndReason } from '../../../core/pairings';
import { people } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';

export const pairings = pgTable(
  'pairings',
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
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason').$type<PairingEndReason>(),
    endNote: text('end_note'),
    /** Why a pairing across genders was made; required by the pairing rules in that case. */
    genderMismatchReason: text('gender_mismatch_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
    /** Entered late by staff (a paper record; ADR 0030): who, when, why. */
    enteredLateBy: uuid('entered_late_by').references(() => people.id),
    enteredLateAt: timestamp('entered_late_at', { withTimezone: true }),
    lateReason: text('late_reason'),
    /**
     * The last reached contact of this pairing: a copy of max(contacts.occurred_at) where reached,
     * kept by triggers on contacts in the same statement as any insert, update or delete (migration
     * 0024, ADR 0048), so "Pairs that need help" ranks every pair without a lookup per pair.
     */
    lastReachedAt: timestamp('last_reached_at', { withTimezone: true }),
    /** Unreached contacts of this pairing after `lastReachedAt` (all of them if never reached); kept the same way. */
    attemptsSinceReached: integer('attempts_since_reached').notNull().default(0),
  },
  (t) => [
    // At most one active pairing per participant, enforced by the database as well as the rules.
    uniqueIndex('pairings_one_active_key')
      .on(t.participantId)
      .where(sql`ended_at is null`),
    index('pairings_coach_idx')
      .on(t.coachId)
      .where(sql`ended_at is null`),
    index('pairings_program_idx').on(t.programId),
    // The task rules read each participant's first pairing; without this they scan every pairing.
    index('pairings_participant_idx').on(t.participantId, t.startedAt),
  ],
);
