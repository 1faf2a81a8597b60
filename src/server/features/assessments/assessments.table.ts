import {
  boolean,
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
import type { AssessmentSettings, EntryMethod } from '../../../core/assessments';
import type { Answers, LicensedText, ScoreResult } from '../../../core/instruments';
import type { z } from 'zod';
import { people } from '../accounts/accounts.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';

/** A program's timepoints, windows and instruments (no row means the defaults: baseline, 6 and 9 months). */
export const assessmentSettings = pgTable('assessment_settings', {
  programId: uuid('program_id')
    .primaryKey()
    .references(() => programs.id),
  settings: jsonb('settings').$type<AssessmentSettings>().notNull(),
  updatedBy: uuid('updated_by').references(() => people.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * A program's own instruments (an imported FHIR Questionnaire, also what a REDCap dictionary was
 * converted to) and the licensed item text a program loaded for a shipped instrument. One row per
 * program and instrument id; an id once used is not replaced (responses refer to it).
 */
export const programInstruments = pgTable(
  'program_instruments',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    instrumentId: text('instrument_id').notNull(),
    kind: text('kind').$type<'imported' | 'licensed_text'>().notNull(),
    /** Where an import came from: `fhir` or `redcap`; null for licensed text. */
    format: text('format').$type<'fhir' | 'redcap'>(),
    /** The FHIR Questionnaire (imports). */
    questionnaire: jsonb('questionnaire').$type<unknown>(),
    /** linkId → item text (licensed text). */
    licensedText: jsonb('licensed_text').$type<z.infer<typeof LicensedText>>(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('program_instruments_unique').on(t.programId, t.instrumentId, t.kind)],
);

/**
 * The current response of a participant to one instrument at one timepoint: the answers as given,
 * the score, who entered it, how and when. Its id is stable across edits (safety events key on it);
 * every saved version, the first included, is kept in `assessment_response_versions`.
 */
export const assessmentResponses = pgTable(
  'assessment_responses',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    timepointKey: text('timepoint_key').notNull(),
    instrumentId: text('instrument_id').notNull(),
    answers: jsonb('answers').$type<Answers>().notNull(),
    score: jsonb('score').$type<ScoreResult>().notNull(),
    /** The total, copied out of the score for reports. */
    total: doublePrecision('total'),
    method: text('method').$type<EntryMethod>().notNull(),
    /** Null when the participant completed it by link. */
    enteredBy: uuid('entered_by').references(() => people.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    uniqueIndex('assessment_responses_unique').on(t.programId, t.participantId, t.timepointKey, t.instrumentId),
    index('assessment_responses_program_idx').on(t.programId, t.timepointKey),
  ],
);

/** Every saved version of a response, the first included: edits keep their history. */
export const assessmentResponseVersions = pgTable(
  'assessment_response_versions',
  {
    id: uuid('id').primaryKey(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => assessmentResponses.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    version: integer('version').notNull(),
    answers: jsonb('answers').$type<Answers>().notNull(),
    score: jsonb('score').$type<ScoreResult>().notNull(),
    method: text('method').$type<EntryMethod>().notNull(),
    enteredBy: uuid('entered_by').references(() => people.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('assessment_response_versions_unique').on(t.responseId, t.version)],
);

/**
 * A one-time link for a participant to complete one timepoint's instruments without an account.
 * Only the SHA-256 of the token is stored; the draft keeps partial answers so the participant can
 * resume; `completed_at` is set once, guarded by `completed_at is null`, so a second submit changes nothing.
 */
export const assessmentLinks = pgTable(
  'assessment_links',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    timepointKey: text('timepoint_key').notNull(),
    tokenHash: text('token_hash').notNull(),
    draft: jsonb('draft').$type<Record<string, Record<string, number | string | null>>>().notNull().default({}),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Whether the link was e-mailed to the participant (only those get a reminder). */
    emailed: boolean('emailed').notNull().default(false),
    /** When the participant first opened the link (null: never). */
    openedAt: timestamp('opened_at', { withTimezone: true }),
    /** When the reminder e-mail for an unopened link was queued (once per link). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('assessment_links_token_hash').on(t.tokenHash),
    index('assessment_links_participant_idx').on(t.programId, t.participantId, t.timepointKey),
  ],
);

/**
 * A missed assessment, recorded once by the sweep when a timepoint's window closed without every
 * response (ADR 0015): it stays missed on the worklist, the participant's page and the report even
 * if the program's windows change later. Unique per participant and timepoint.
 */
export const assessmentMisses = pgTable(
  'assessment_misses',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    timepointKey: text('timepoint_key').notNull(),
    windowOpenedAt: timestamp('window_opened_at', { withTimezone: true }).notNull(),
    windowClosedAt: timestamp('window_closed_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('assessment_misses_unique').on(t.participantId, t.timepointKey),
    index('assessment_misses_program_idx').on(t.programId, t.timepointKey),
  ],
);
