import { bigint, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AudioKind } from '../../../core/interviews';
import { people } from '../accounts/accounts.table';
import { programs } from '../programs/programs.table';
import { interviewStudies, interviewTranscripts } from './interviews.table';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * A transcript's recording (ADR 0056): a voice identifies, so only the study's lead reads it. The
 * bytes live in `interview_audio_chunks`, in the database every server shares (no local files,
 * ADR 0043). `uploading` while the chunks are written (readers never see it), then `ready`. One
 * recording per transcript; deleting it deletes the rows.
 */
export const interviewAudio = pgTable(
  'interview_audio',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    studyId: uuid('study_id')
      .notNull()
      .references(() => interviewStudies.id),
    transcriptId: uuid('transcript_id')
      .notNull()
      .references(() => interviewTranscripts.id),
    state: text('state', { enum: ['uploading', 'ready'] }).notNull(),
    filename: text('filename').notNull(),
    kind: text('kind').$type<AudioKind>().notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    /** Every chunk holds this many bytes but the last. */
    chunkSize: integer('chunk_size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
  },
  (t) => [uniqueIndex('interview_audio_transcript_unique').on(t.transcriptId), index('interview_audio_study_idx').on(t.studyId)],
);

/** The bytes of a recording, in order: chunk `seq` holds bytes from `seq × chunk_size`. */
export const interviewAudioChunks = pgTable(
  'interview_audio_chunks',
  {
    audioId: uuid('audio_id')
      .notNull()
      .references(() => interviewAudio.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.audioId, t.seq] })],
);
