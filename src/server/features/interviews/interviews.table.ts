import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { IdentifierKind, ImportFormat, InterviewAudience, Proposal, Turn } from '../../../core/interviews';
import { people } from '../accounts/accounts.table';
import { programs } from '../programs/programs.table';

/** An interview study of a program (issue #13, ADR 0032): its aims, audiences and target number. */
export const interviewStudies = pgTable(
  'interview_studies',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    title: text('title').notNull(),
    aims: text('aims').notNull(),
    audiences: jsonb('audiences').$type<InterviewAudience[]>().notNull(),
    targetCount: integer('target_count').notNull(),
    /** Keep each original transcript after de-identification (study staff only); off by default. */
    keepsOriginals: boolean('keeps_originals').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('interview_studies_program_idx').on(t.programId)],
);

/** A semi-structured guide for one audience; a change is a new version, earlier ones are kept. */
export const interviewGuides = pgTable(
  'interview_guides',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    studyId: uuid('study_id')
      .notNull()
      .references(() => interviewStudies.id),
    audience: text('audience').$type<InterviewAudience>().notNull(),
    version: integer('version').notNull(),
    questions: jsonb('questions').$type<{ text: string; probes: string[] }[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [uniqueIndex('interview_guides_version_unique').on(t.studyId, t.audience, t.version)],
);

/**
 * A transcript. While `pending`, `original_*` holds the imported text and `proposals` what Kindred
 * flagged; nothing can be coded. Once a person confirms, `text`/`turns` hold the de-identified copy
 * (the only one coded, exported or shown to evaluators), `proposals` is cleared, and the original
 * is cleared too unless the study keeps originals. `replacements` keeps what was replaced, by kind
 * and stand-in only, never the words replaced.
 */
export const interviewTranscripts = pgTable(
  'interview_transcripts',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    studyId: uuid('study_id')
      .notNull()
      .references(() => interviewStudies.id),
    label: text('label').notNull(),
    audience: text('audience').$type<InterviewAudience>().notNull(),
    interviewedOn: date('interviewed_on'),
    format: text('format').$type<ImportFormat>().notNull(),
    state: text('state', { enum: ['pending', 'ready'] }).notNull(),
    originalText: text('original_text'),
    originalTurns: jsonb('original_turns').$type<Turn[]>(),
    proposals: jsonb('proposals').$type<Proposal[]>(),
    text: text('text'),
    turns: jsonb('turns').$type<Turn[]>(),
    replacements:
      jsonb('replacements').$type<{ start: number; end: number; kind: IdentifierKind | 'other'; replacement: string }[]>(),
    deidentifiedAt: timestamp('deidentified_at', { withTimezone: true }),
    deidentifiedBy: uuid('deidentified_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('interview_transcripts_study_idx').on(t.studyId)],
);

/** A code of the study's codebook; `parent_id` makes the tree. */
export const interviewCodes = pgTable(
  'interview_codes',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    studyId: uuid('study_id')
      .notNull()
      .references(() => interviewStudies.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => interviewCodes.id),
    name: text('name').notNull(),
    definition: text('definition'),
    whenToUse: text('when_to_use'),
    whenNotToUse: text('when_not_to_use'),
    example: text('example'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('interview_codes_study_idx').on(t.studyId)],
);

/** One coder's code on a span of a de-identified transcript; each coder's work is kept apart. */
export const interviewCodings = pgTable(
  'interview_codings',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    transcriptId: uuid('transcript_id')
      .notNull()
      .references(() => interviewTranscripts.id),
    codeId: uuid('code_id')
      .notNull()
      .references(() => interviewCodes.id),
    coderId: uuid('coder_id')
      .notNull()
      .references(() => people.id),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('interview_codings_unique').on(t.transcriptId, t.coderId, t.codeId, t.start, t.end),
    index('interview_codings_transcript_idx').on(t.transcriptId),
  ],
);

/** A memo on the study, a transcript, a passage of one, or a code. */
export const interviewMemos = pgTable(
  'interview_memos',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    studyId: uuid('study_id')
      .notNull()
      .references(() => interviewStudies.id),
    transcriptId: uuid('transcript_id').references(() => interviewTranscripts.id),
    codeId: uuid('code_id').references(() => interviewCodes.id),
    start: integer('start'),
    end: integer('end'),
    text: text('text').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('interview_memos_study_idx').on(t.studyId)],
);
