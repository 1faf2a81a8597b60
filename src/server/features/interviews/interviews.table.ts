import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type {
  CodebookEntry,
  CandidateValues,
  IdentifierKind,
  InvitationChannel,
  ImportFormat,
  InterviewAudience,
  Proposal,
  SampleCell,
  SampleInput,
  SampleMemberState,
  StudyRole,
  Turn,
} from '../../../core/interviews';
import type { Channel } from '../../../core/shared/vocab';
import { people } from '../accounts/accounts.table';
import { participants } from '../participants/participants.table';
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

/**
 * A person on a study's team and his or her role there (ADR 0052): only the team reads the study's
 * transcripts, codings, memos, consensus, exports and frames.
 */
export const interviewStudyMembers = pgTable(
  'interview_study_members',
  {
    studyId: uuid('study_id')
      .notNull()
      .references(() => interviewStudies.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    role: text('role', { enum: ['lead', 'coder', 'reader'] })
      .$type<StudyRole>()
      .notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
    /** Who added the person; null for the one-time backfill of migration 0028. */
    addedBy: uuid('added_by').references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.studyId, t.personId] }), index('interview_study_members_person_idx').on(t.personId)],
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
    /** The participant interviewed (ADR 0044), for joint displays; study staff set it, nobody else sees it. */
    participantId: uuid('participant_id').references(() => participants.id),
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
    /** `#RRGGBB` from an imported codebook (ADR 0053), or null. */
    color: text('color'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('interview_codes_study_idx').on(t.studyId)],
);

/**
 * A published version of a study's codebook (ADR 0053): a frozen snapshot of every code, numbered
 * from 1 per study, with the lead's note. Never updated or deleted.
 */
export const interviewCodebookVersions = pgTable(
  'interview_codebook_versions',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    studyId: uuid('study_id')
      .notNull()
      .references(() => interviewStudies.id),
    version: integer('version').notNull(),
    note: text('note').notNull(),
    codes: jsonb('codes').$type<CodebookEntry[]>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [uniqueIndex('interview_codebook_versions_unique').on(t.studyId, t.version)],
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

/**
 * A drawn sampling frame (ADR 0044), kept as it was when drawn: the criteria (dimensions, quotas,
 * seed), the cells with their targets and counts, and the date the frame's facts were taken.
 */
export const interviewSamples = pgTable(
  'interview_samples',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    studyId: uuid('study_id')
      .notNull()
      .references(() => interviewStudies.id),
    criteria: jsonb('criteria').$type<SampleInput>().notNull(),
    cells: jsonb('cells').$type<SampleCell[]>().notNull(),
    /** Candidates left out before the draw, by reason (withdrew from follow-up, declined before). */
    excluded: jsonb('excluded').$type<Record<string, number>>().notNull(),
    drawnAt: timestamp('drawn_at', { withTimezone: true }).notNull(),
    drawnBy: uuid('drawn_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('interview_samples_study_idx').on(t.studyId)],
);

/** A version of a study's interview consent (ADR 0050): a change is a new version, earlier ones are kept. */
export const interviewConsentDocuments = pgTable(
  'interview_consent_documents',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    studyId: uuid('study_id')
      .notNull()
      .references(() => interviewStudies.id),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [uniqueIndex('interview_consent_documents_unique').on(t.studyId, t.version)],
);

/** Each candidate of a drawn frame with his or her values at the draw; proposed ones carry a state. */
export const interviewSampleMembers = pgTable(
  'interview_sample_members',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    sampleId: uuid('sample_id')
      .notNull()
      .references(() => interviewSamples.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    cell: text('cell').notNull(),
    values: jsonb('values').$type<CandidateValues>().notNull(),
    excludedBecause: text('excluded_because'),
    isProposed: boolean('is_proposed').notNull(),
    /** proposed → invited → consented → scheduled, or declined (ADR 0050); null for people Kindred did not propose. */
    state: text('state').$type<SampleMemberState>(),
    declineReason: text('decline_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    invitedBy: uuid('invited_by').references(() => people.id),
    invitedVia: text('invited_via').$type<InvitationChannel>(),
    /** The consent version agreed to, how (signed in the app or verbal by phone), and the recording choice apart. */
    consentDocumentId: uuid('consent_document_id').references(() => interviewConsentDocuments.id),
    consentMethod: text('consent_method').$type<'signed' | 'verbal'>(),
    consentTypedName: text('consent_typed_name'),
    consentsToRecording: boolean('consents_to_recording'),
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    consentRecordedBy: uuid('consent_recorded_by').references(() => people.id),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declineRecordedBy: uuid('decline_recorded_by').references(() => people.id),
    /** The interview as scheduled with the engagement scheduler's rules (ADR 0050); sequence bumps on a move. */
    interviewStartsAt: timestamp('interview_starts_at', { withTimezone: true }),
    interviewDurationMinutes: integer('interview_duration_minutes'),
    interviewModality: text('interview_modality').$type<Channel>(),
    interviewPlace: text('interview_place'),
    interviewVideoLink: text('interview_video_link'),
    interviewSequence: integer('interview_sequence'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    scheduledBy: uuid('scheduled_by').references(() => people.id),
  },
  (t) => [uniqueIndex('interview_sample_members_unique').on(t.sampleId, t.participantId)],
);

/** A theme: codes grouped, with a summary and exemplar quotes (codings whose spans are quoted). */
export const interviewThemes = pgTable(
  'interview_themes',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    studyId: uuid('study_id')
      .notNull()
      .references(() => interviewStudies.id),
    name: text('name').notNull(),
    summary: text('summary').notNull(),
    codeIds: jsonb('code_ids').$type<string[]>().notNull(),
    exemplarCodingIds: jsonb('exemplar_coding_ids').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('interview_themes_study_idx').on(t.studyId)],
);

/**
 * The consensus version of a double-coded transcript (issue #13), kept apart from each coder's:
 * which two coders it reconciles, who started it and when. One per transcript.
 */
export const interviewConsensus = pgTable(
  'interview_consensus',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    transcriptId: uuid('transcript_id')
      .notNull()
      .references(() => interviewTranscripts.id),
    firstCoderId: uuid('first_coder_id')
      .notNull()
      .references(() => people.id),
    secondCoderId: uuid('second_coder_id')
      .notNull()
      .references(() => people.id),
    startedBy: uuid('started_by')
      .notNull()
      .references(() => people.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('interview_consensus_transcript_unique').on(t.transcriptId)],
);

/** The consensus version's coded spans: what both coders coded, then changed by each decision. */
export const interviewConsensusSpans = pgTable(
  'interview_consensus_spans',
  {
    id: uuid('id').primaryKey(),
    consensusId: uuid('consensus_id')
      .notNull()
      .references(() => interviewConsensus.id),
    codeId: uuid('code_id')
      .notNull()
      .references(() => interviewCodes.id),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
  },
  (t) => [index('interview_consensus_spans_consensus_idx').on(t.consensusId)],
);

/** A decision on a stretch where the coders differ: the consensus keeps it or leaves it out. */
export const interviewConsensusDecisions = pgTable(
  'interview_consensus_decisions',
  {
    id: uuid('id').primaryKey(),
    consensusId: uuid('consensus_id')
      .notNull()
      .references(() => interviewConsensus.id),
    codeId: uuid('code_id')
      .notNull()
      .references(() => interviewCodes.id),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    keep: boolean('keep').notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => people.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('interview_consensus_decisions_unique').on(t.consensusId, t.codeId, t.start, t.end)],
);
