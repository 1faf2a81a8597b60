import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ConditionResult } from '../../../core/trials';
import { people } from '../accounts/accounts.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';

/**
 * One SMART decision (ADR 0030): a participant at a decision point, responder or not by the
 * tailoring rule on the data up to the decision date, and for a non-responder the second-stage
 * option re-randomized within the first arm. One per participant and decision point, never undone.
 */
export const smartDecisions = pgTable(
  'smart_decisions',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    decisionPoint: text('decision_point').notNull(),
    firstArm: text('first_arm').notNull(),
    decisionAt: timestamp('decision_at', { withTimezone: true }).notNull(),
    responder: boolean('responder').notNull(),
    /** Each condition of the rule as evaluated: held or not, missing data, in words. */
    conditions: jsonb('conditions').$type<ConditionResult[]>().notNull(),
    /** The second-stage option (non-responders only), its stratum and place in the stratum's sequence. */
    option: text('option'),
    stratum: text('stratum'),
    sequenceNumber: integer('sequence_number'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => people.id),
  },
  (t) => [
    uniqueIndex('smart_decisions_participant_unique').on(t.programId, t.participantId, t.decisionPoint),
    uniqueIndex('smart_decisions_sequence_unique').on(t.programId, t.decisionPoint, t.stratum, t.sequenceNumber),
    index('smart_decisions_program_idx').on(t.programId, t.decisionPoint),
  ],
);
