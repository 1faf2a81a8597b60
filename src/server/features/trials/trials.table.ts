import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ScreeningOutcome, StratumValues, StudyDesign, TableRow, TableSummary, WithdrawalScope } from '../../../core/trials';
import { people } from '../accounts/accounts.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * A program's study (one per program): the current design and its version, when it was locked (the
 * first randomization) and unblinded. `seed`, `masks` and `allocation_table` are the concealed part
 * (ADR 0024): no presenter reads them; the seed is exported only after the study is unblinded.
 */
export const studies = pgTable('studies', {
  programId: uuid('program_id')
    .primaryKey()
    .references(() => programs.id),
  version: integer('version').notNull(),
  design: jsonb('design').$type<StudyDesign>().notNull(),
  lockedAt: timestamp('locked_at', { withTimezone: true }),
  lockedBy: uuid('locked_by').references(() => people.id),
  /** 32 bytes from crypto.randomBytes, drawn when the study is locked. */
  seed: bytea('seed'),
  /** The evaluators' masked labels (arm key → "Arm A"), drawn from the seed at lock. */
  masks: jsonb('masks').$type<Record<string, string>>(),
  allocationTable: jsonb('allocation_table').$type<TableRow[]>(),
  tableSummary: jsonb('table_summary').$type<TableSummary>(),
  unblindedAt: timestamp('unblinded_at', { withTimezone: true }),
  unblindedBy: uuid('unblinded_by').references(() => people.id),
  unblindReason: text('unblind_reason'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by')
    .notNull()
    .references(() => people.id),
});

/** Every version of the design: version 1 is the first saved; later versions after lock carry the amendment's reason. */
export const studyVersions = pgTable(
  'study_versions',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    version: integer('version').notNull(),
    design: jsonb('design').$type<StudyDesign>().notNull(),
    /** Empty before lock; the amendment's reason after. */
    reason: text('reason').notNull().default(''),
    isAmendment: boolean('is_amendment').notNull().default(false),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
    savedBy: uuid('saved_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [uniqueIndex('study_versions_unique').on(t.programId, t.version)],
);

/** An eligibility screening of one participant: the checklist's answers and the outcome with its reason (the latest counts). */
export const eligibilityScreenings = pgTable(
  'eligibility_screenings',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    answers: jsonb('answers').$type<Record<string, boolean>>().notNull(),
    outcome: text('outcome').$type<ScreeningOutcome>().notNull(),
    reason: text('reason').notNull().default(''),
    studyVersion: integer('study_version').notNull(),
    screenedAt: timestamp('screened_at', { withTimezone: true }).notNull(),
    screenedBy: uuid('screened_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('eligibility_screenings_participant_idx').on(t.programId, t.participantId, t.screenedAt)],
);

/** A version of the study's consent document (Markdown). Versions are never edited, only added. */
export const consentDocuments = pgTable(
  'consent_documents',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [uniqueIndex('consent_documents_unique').on(t.programId, t.version)],
);

/** A consent to one document version: signed by the participant (typed name) or attested by staff (verbal, by phone). */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    documentVersion: integer('document_version').notNull(),
    method: text('method').$type<'signed' | 'attested'>().notNull(),
    typedName: text('typed_name'),
    signedOn: date('signed_on').notNull(),
    note: text('note').notNull().default(''),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('consents_participant_idx').on(t.programId, t.participantId)],
);

/** A withdrawal by scope (ADR 0025): intervention, follow-up or use of data; honoured everywhere. */
export const studyWithdrawals = pgTable(
  'study_withdrawals',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    scope: text('scope').$type<WithdrawalScope>().notNull(),
    on: date('on').notNull(),
    reason: text('reason').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('study_withdrawals_participant_idx').on(t.programId, t.participantId)],
);

/**
 * One allocation per participant (the unique index makes randomization one-way and a concurrent
 * second attempt fail), numbered overall and within its stratum, with the client's key for retries.
 */
export const allocations = pgTable(
  'allocations',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    arm: text('arm').notNull(),
    stratum: text('stratum').notNull(),
    strata: jsonb('strata').$type<StratumValues>().notNull(),
    sequenceNumber: integer('sequence_number').notNull(),
    overallNumber: integer('overall_number').notNull(),
    method: text('method').notNull(),
    studyVersion: integer('study_version').notNull(),
    clientKey: text('client_key').notNull(),
    allocatedAt: timestamp('allocated_at', { withTimezone: true }).notNull(),
    allocatedBy: uuid('allocated_by')
      .notNull()
      .references(() => people.id),
    deliveryState: text('delivery_state').$type<'pending' | 'received' | 'not_received'>().notNull().default('pending'),
    deliveryReason: text('delivery_reason').notNull().default(''),
  },
  (t) => [
    uniqueIndex('allocations_participant_unique').on(t.programId, t.participantId),
    uniqueIndex('allocations_overall_unique').on(t.programId, t.overallNumber),
    uniqueIndex('allocations_stratum_unique').on(t.programId, t.stratum, t.sequenceNumber),
    uniqueIndex('allocations_client_key_unique').on(t.programId, t.clientKey),
  ],
);

/** An emergency unblinding of one participant for safety: who, when, why (the study's staff are e-mailed). */
export const emergencyUnblindings = pgTable(
  'emergency_unblindings',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    by: uuid('by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('emergency_unblindings_program_idx').on(t.programId, t.at)],
);

/** A session of the comparison arm's class (issue #11): when, where, how many it takes. */
export const classSessions = pgTable(
  'class_sessions',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    videoUrl: text('video_url'),
    capacity: integer('capacity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('class_sessions_program_idx').on(t.programId, t.startsAt)],
);

/** A participant invited to a class session, and whether he or she attended (null until recorded). */
export const classAttendance = pgTable(
  'class_attendance',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => classSessions.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
    attended: boolean('attended'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by').references(() => people.id),
    /** Entered late by staff (a paper record; ADR 0030): who, when, why. */
    enteredLateBy: uuid('entered_late_by').references(() => people.id),
    enteredLateAt: timestamp('entered_late_at', { withTimezone: true }),
    lateReason: text('late_reason'),
  },
  (t) => [
    uniqueIndex('class_attendance_unique').on(t.sessionId, t.participantId),
    index('class_attendance_participant_idx').on(t.programId, t.participantId),
  ],
);
