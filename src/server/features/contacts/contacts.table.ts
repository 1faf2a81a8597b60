import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ContactOutcome } from '../../../core/contacts';
import type { Channel } from '../../../core/shared/vocab';
import { people } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';

export const contacts = pgTable(
  'contacts',
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
    /** Idempotency key chosen by the client, so a retried log after a dropped connection is not doubled. */
    clientKey: text('client_key').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    outcome: text('outcome').$type<ContactOutcome>().notNull(),
    isReached: boolean('is_reached').notNull(),
    minutes: integer('minutes'),
    topics: jsonb('topics').$type<string[]>().notNull(),
    discussedStrategies: boolean('discussed_strategies').notNull(),
    gaveEncouragement: boolean('gave_encouragement').notNull(),
    discussedAdjusting: boolean('discussed_adjusting').notNull(),
    discussedGoals: boolean('discussed_goals').notNull(),
    note: text('note').notNull().default(''),
    loggedBy: uuid('logged_by')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Entered late by staff (a paper record; ADR 0030): who, when, why. */
    enteredLateBy: uuid('entered_late_by').references(() => people.id),
    enteredLateAt: timestamp('entered_late_at', { withTimezone: true }),
    lateReason: text('late_reason'),
  },
  (t) => [
    uniqueIndex('contacts_client_key').on(t.programId, t.clientKey),
    index('contacts_pairing_idx').on(t.pairingId, t.occurredAt),
    index('contacts_participant_idx').on(t.participantId, t.occurredAt),
    index('contacts_coach_idx').on(t.coachId, t.occurredAt),
    // Program-wide reads by time: the best-time pattern and the coaches' recent activity.
    index('contacts_program_time_idx').on(t.programId, t.occurredAt),
  ],
);
