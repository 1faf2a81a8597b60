import { date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CoachingFeeling } from '../../../core/coaches';
import { people } from '../accounts/accounts.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { coaches } from './coaches.table';

/**
 * Monthly booster sessions the coordinator schedules (#6, ADR 0016). Attendance is recorded for
 * the session as a whole (`attendance_recorded_at`); only then do absences count as missed.
 */
export const boosterSessions = pgTable(
  'booster_sessions',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    heldOn: date('held_on').notNull(),
    topic: text('topic').notNull(),
    attendanceRecordedAt: timestamp('attendance_recorded_at', { withTimezone: true }),
    attendanceRecordedBy: uuid('attendance_recorded_by').references(() => people.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('booster_sessions_program_idx').on(t.programId, t.heldOn)],
);

/** One row per coach who attended a booster session. */
export const boosterAttendance = pgTable(
  'booster_attendance',
  {
    boosterId: uuid('booster_id')
      .notNull()
      .references(() => boosterSessions.id),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => coaches.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
  },
  (t) => [primaryKey({ columns: [t.boosterId, t.coachId] }), index('booster_attendance_coach_idx').on(t.coachId)],
);

/**
 * A coach's own monthly well-being check-in: PEG, stress and how coaching feels. Personal health
 * data: the coach and the program's staff only, every read audited. One per coach and month.
 */
export const coachCheckIns = pgTable(
  'coach_check_ins',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => coaches.id),
    /** The program-local month, YYYY-MM. */
    month: text('month').notNull(),
    pegPain: integer('peg_pain').notNull(),
    pegEnjoyment: integer('peg_enjoyment').notNull(),
    pegActivity: integer('peg_activity').notNull(),
    pegScore: real('peg_score').notNull(),
    stress: integer('stress').notNull(),
    feelings: jsonb('feelings').$type<CoachingFeeling[]>().notNull(),
    note: text('note').notNull().default(''),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** The coordinator's call after a worsening check-in: clears the task. */
    followedUpAt: timestamp('followed_up_at', { withTimezone: true }),
    followedUpBy: uuid('followed_up_by').references(() => people.id),
    followUpNote: text('follow_up_note'),
  },
  (t) => [
    uniqueIndex('coach_check_ins_coach_month').on(t.coachId, t.month),
    index('coach_check_ins_program_idx').on(t.programId),
  ],
);

/** A short thanks or encouragement a participant sends his or her coach. */
export const coachThanks = pgTable(
  'coach_thanks',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => coaches.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('coach_thanks_coach_idx').on(t.coachId, t.createdAt)],
);
