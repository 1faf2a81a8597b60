/** Reads and writes of transcripts' recordings (ADR 0056): the row, its chunks in order, and real deletion. */
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { ByteRange } from '../../../core/interviews';
import { audit } from '../../platform/audit';
import type { Caller } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { interviewAudio, interviewAudioChunks } from './audio.table';

export type AudioRow = typeof interviewAudio.$inferSelect;

/** Bytes per chunk row: a recording is never one large value, and a range read fetches only what it needs. */
export const AUDIO_CHUNK_BYTES = 256 * 1024;
/** Chunks fetched per query while streaming (2 MiB). */
const CHUNKS_PER_READ = 8;

/** The transcript's recording in any state, or null. */
export async function findAudioOfTranscript(db: Db | Tx, transcriptId: string): Promise<AudioRow | null> {
  const [row] = await db.select().from(interviewAudio).where(eq(interviewAudio.transcriptId, transcriptId));
  return row ?? null;
}

export async function insertAudioChunk(db: Db | Tx, audioId: string, seq: number, data: Buffer): Promise<void> {
  await db.insert(interviewAudioChunks).values({ audioId, seq, data });
}

/** Deletes a recording and its bytes (the chunks go with it: `on delete cascade`). */
export async function deleteAudioRow(db: Db | Tx, audioId: string): Promise<void> {
  await db.delete(interviewAudio).where(eq(interviewAudio.id, audioId));
}

/**
 * Deletes the transcript's recording, if any, with its audit row: used when a study that keeps no
 * originals confirms a transcript's de-identification (the recording is an original). Returns
 * whether there was one.
 */
export async function deleteAudioOfTranscript(
  tx: Tx,
  caller: Caller,
  at: Date,
  programId: string,
  transcriptId: string,
): Promise<boolean> {
  const deleted = await tx
    .delete(interviewAudio)
    .where(eq(interviewAudio.transcriptId, transcriptId))
    .returning({ id: interviewAudio.id });
  await audit(
    tx,
    caller,
    at,
    deleted.map((d) => ({ verb: 'delete' as const, entityType: 'interview_audio', entityId: d.id, programId })),
  );
  return deleted.length > 0;
}

/**
 * The bytes `range` of a recording, chunk batch by chunk batch, so a long recording is never held
 * in memory. A chunk missing (the recording was deleted while it played) ends the stream with an
 * error rather than a short answer.
 */
export async function* readAudioBytes(db: Db, audio: AudioRow, range: ByteRange): AsyncGenerator<Buffer> {
  const first = Math.floor(range.start / audio.chunkSize);
  const last = Math.floor(range.end / audio.chunkSize);
  for (let from = first; from <= last; from += CHUNKS_PER_READ) {
    const to = Math.min(last, from + CHUNKS_PER_READ - 1);
    const rows = await db
      .select({ seq: interviewAudioChunks.seq, data: interviewAudioChunks.data })
      .from(interviewAudioChunks)
      .where(
        and(eq(interviewAudioChunks.audioId, audio.id), gte(interviewAudioChunks.seq, from), lte(interviewAudioChunks.seq, to)),
      )
      .orderBy(asc(interviewAudioChunks.seq));
    if (rows.length !== to - from + 1) throw new Error('the recording changed while it was read');
    for (const row of rows) {
      const offset = row.seq * audio.chunkSize;
      const data = Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data);
      const start = Math.max(0, range.start - offset);
      const end = Math.min(data.length, range.end - offset + 1);
      yield data.subarray(start, end);
    }
  }
}
