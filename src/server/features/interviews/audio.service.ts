import { and, eq, lt } from 'drizzle-orm';
import {
  audioContentType,
  fileSize,
  parseRange,
  sniffAudio,
  type AudioDetails,
  type AudioView,
  type ByteRange,
} from '../../../core/interviews';
import { DomainError } from '../../../core/shared/errors';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import {
  AUDIO_CHUNK_BYTES,
  deleteAudioRow,
  findAudioOfTranscript,
  insertAudioChunk,
  readAudioBytes,
  type AudioRow,
} from './audio.repository';
import { interviewAudio } from './audio.table';
import { findTranscript, type Study, type Transcript } from './interviews.repository';

/**
 * A transcript's recording (issue #13, ADR 0056). A voice identifies a person, so a recording is
 * an original: only those who read originals (the study's lead, `interview:manage`) attach, play or
 * delete one; coders, readers and evaluators never do. Every read and write is audited. In a study
 * that keeps no originals, a recording lives only until the transcript's de-identification is
 * confirmed (deidentification.service deletes it then).
 */

/** The default largest recording (KINDRED_AUDIO_MAX_MB): two hours of MP3 at 192 kbit/s is about 170 MB. */
export const DEFAULT_AUDIO_MAX_BYTES = 200 * 1024 * 1024;
/** An upload left `uploading` this long (its server stopped mid-way) no longer blocks a new one, and is swept. */
export const STALE_UPLOAD_MS = 60 * 60 * 1000;

/** What arrives with an upload: the file's name and declared size and type, and its bytes as they come. */
export interface AudioUpload {
  filename: string;
  declaredType: string | undefined;
  declaredBytes: number | undefined;
  body: AsyncIterable<Uint8Array>;
}

/**
 * The study and transcript a recording belongs to, for those who read originals: the study's lead
 * (`interview:manage`). As for `?original=true`: coaches and participants 403, anyone off the
 * study's team 404 (its existence is not revealed), coders and readers on it 403.
 */
async function gate(deps: Deps, caller: Caller, programId: string, studyId: string, transcriptId: string) {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:manage', programId, studyId);
  const transcript = await findTranscript(deps.db, study, transcriptId, 'full');
  return { study, transcript };
}

/** A recording can be attached while the transcript is pending, or later when the study keeps originals. */
const canAttach = (study: Study, t: Transcript) => t.state === 'pending' || study.keepsOriginals;

const present = (a: AudioRow, study: Study): AudioView => ({
  id: a.id,
  filename: a.filename,
  kind: a.kind,
  contentType: audioContentType[a.kind],
  byteSize: a.byteSize,
  createdAt: a.createdAt.toISOString(),
  deletedOnConfirm: !study.keepsOriginals,
});

const tooLarge = (maxBytes: number) =>
  new DomainError('too_large', 'audio_too_large', `This recording is larger than ${fileSize(maxBytes)}, the most Kindred keeps`);

/** Declared types a recording may arrive with; the bytes decide in the end. */
const acceptableType = (t: string | undefined) =>
  t === undefined || /^(audio\/[\w.+-]+|video\/(mp4|webm|ogg)|application\/(octet-stream|ogg))$/i.test(t.split(';')[0]!.trim());

/** Pieces of any size in, pieces of exactly `size` bytes out (the last may be shorter). */
export async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const piece of source) {
    let buf = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (held + buf.length >= size) {
      const take = size - held;
      parts.push(buf.subarray(0, take));
      yield Buffer.concat(parts, size);
      parts = [];
      held = 0;
      buf = buf.subarray(take);
    }
    if (buf.length > 0) {
      // A copy: the source may reuse its buffer once we ask for the next piece.
      parts.push(Buffer.from(buf));
      held += buf.length;
    }
  }
  if (held > 0) yield Buffer.concat(parts, held);
}

/**
 * Attaches a recording to a transcript, streamed into the database chunk by chunk. Refused before
 * anything is stored: not the lead, a declared size over the cap (413), a declared type or first
 * bytes that are not audio (415), an empty file (422), a recording already there (409). Refused
 * part-way (over the cap, the upload broken off): what was written is deleted. The row is `ready`
 * and audited only once every byte is in.
 */
export async function attachAudio(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  upload: AudioUpload,
  maxBytes: number,
): Promise<AudioView> {
  const { study, transcript } = await gate(deps, caller, programId, studyId, transcriptId);
  if (!canAttach(study, transcript))
    throw new DomainError(
      'conflict',
      'originals_not_kept',
      'This study does not keep originals, so a recording can only be attached before the de-identification is confirmed',
    );
  if (upload.declaredBytes !== undefined && upload.declaredBytes > maxBytes) throw tooLarge(maxBytes);
  if (!acceptableType(upload.declaredType))
    throw new DomainError('unsupported_media_type', 'not_audio', 'This file is not a recording Kindred can play');
  const existing = await findAudioOfTranscript(deps.db, transcript.id);
  const now = deps.clock.now();
  if (existing?.state === 'ready')
    throw new DomainError('conflict', 'audio_exists', 'This transcript already has a recording; delete it first');
  if (existing && now.getTime() - existing.createdAt.getTime() < STALE_UPLOAD_MS)
    throw new DomainError('conflict', 'audio_uploading', 'A recording is being attached to this transcript already');

  const chunks = rechunk(upload.body, AUDIO_CHUNK_BYTES);
  const first = await chunks.next();
  if (first.done) throw new DomainError('invalid_state', 'audio_empty', 'This file is empty');
  const kind = sniffAudio(first.value);
  if (!kind) throw new DomainError('unsupported_media_type', 'not_audio', 'This file is not a recording Kindred can play');
  if (first.value.length > maxBytes) throw tooLarge(maxBytes);

  if (existing) await deleteAudioRow(deps.db, existing.id);
  const row: AudioRow = {
    id: newId(),
    programId,
    studyId,
    transcriptId: transcript.id,
    state: 'uploading',
    filename: upload.filename,
    kind,
    byteSize: 0,
    chunkSize: AUDIO_CHUNK_BYTES,
    createdAt: now,
    createdBy: caller.actor.personId,
  };
  try {
    await deps.db.insert(interviewAudio).values(row);
  } catch {
    // Two uploads at once: the unique index lets one in.
    throw new DomainError('conflict', 'audio_uploading', 'A recording is being attached to this transcript already');
  }
  let total = 0;
  let seq = 0;
  try {
    let chunk: IteratorResult<Buffer> = first;
    while (!chunk.done) {
      total += chunk.value.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      await insertAudioChunk(deps.db, row.id, seq++, chunk.value);
      chunk = await chunks.next();
    }
    const ready = { ...row, state: 'ready' as const, byteSize: total };
    await deps.db.transaction(async (tx) => {
      await tx.update(interviewAudio).set({ state: 'ready', byteSize: total }).where(eq(interviewAudio.id, row.id));
      await audit(tx, caller, now, [{ verb: 'create', entityType: 'interview_audio', entityId: row.id, programId }]);
    });
    return present(ready, study);
  } catch (err) {
    await chunks.return(undefined);
    await deleteAudioRow(deps.db, row.id);
    throw err;
  }
}

/** The transcript's recording (ready ones only), whether one may be attached, and the size cap: the lead only. */
export async function getAudioDetails(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  maxBytes: number,
): Promise<AudioDetails> {
  const { study, transcript } = await gate(deps, caller, programId, studyId, transcriptId);
  const a = await findAudioOfTranscript(deps.db, transcript.id);
  const audio = a?.state === 'ready' ? a : null;
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'interview_audio_details', entityId: transcript.id, programId },
  ]);
  return { audio: audio ? present(audio, study) : null, canAttach: !audio && canAttach(study, transcript), maxBytes };
}

/** What a player is sent: the whole recording (200) or the range asked for (206), as a stream. */
export interface AudioStream {
  status: 200 | 206;
  contentType: string;
  size: number;
  range: ByteRange;
  body: AsyncIterable<Buffer>;
}

/**
 * Plays a recording: the lead only, every request audited (each range a player asks for is a read).
 * A range past the end is answered 416 with the size, before anything is read or audited.
 */
export async function readAudio(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  rangeHeader: string | undefined,
): Promise<AudioStream | { status: 416; size: number }> {
  const { transcript } = await gate(deps, caller, programId, studyId, transcriptId);
  const audio = await findAudioOfTranscript(deps.db, transcript.id);
  if (!audio || audio.state !== 'ready') throw new DomainError('not_found', 'no_audio', 'This transcript has no recording');
  const asked = parseRange(rangeHeader, audio.byteSize);
  if (asked === 'unsatisfiable') return { status: 416, size: audio.byteSize };
  const range = asked ?? { start: 0, end: audio.byteSize - 1 };
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'interview_audio', entityId: audio.id, programId },
  ]);
  return {
    status: asked ? 206 : 200,
    contentType: audioContentType[audio.kind],
    size: audio.byteSize,
    range,
    body: readAudioBytes(deps.db, audio, range),
  };
}

/** Deletes a transcript's recording for good (the rows, not a flag): the lead only; audited. */
export async function deleteAudio(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
): Promise<void> {
  const { transcript } = await gate(deps, caller, programId, studyId, transcriptId);
  const audio = await findAudioOfTranscript(deps.db, transcript.id);
  if (!audio || audio.state !== 'ready') throw new DomainError('not_found', 'no_audio', 'This transcript has no recording');
  await deps.db.transaction(async (tx) => {
    await deleteAudioRow(tx, audio.id);
    await audit(tx, caller, deps.clock.now(), [{ verb: 'delete', entityType: 'interview_audio', entityId: audio.id, programId }]);
  });
}

/**
 * Deletes the recordings whose upload was abandoned (the server stopped mid-way, so the row stayed
 * `uploading` for over an hour): part of a voice is still personal data, and nobody may ever attach
 * again to that transcript to replace it. Each deletion is audited as the system's. Timed job.
 */
export async function sweepAbandonedAudio(deps: Deps, now: Date): Promise<{ deleted: number }> {
  const before = new Date(now.getTime() - STALE_UPLOAD_MS);
  const system = { actor: null, requestId: 'abandoned-audio', ip: null };
  const deleted = await deps.db.transaction(async (tx) => {
    const gone = await tx
      .delete(interviewAudio)
      .where(and(eq(interviewAudio.state, 'uploading'), lt(interviewAudio.createdAt, before)))
      .returning({ id: interviewAudio.id, programId: interviewAudio.programId });
    await audit(
      tx,
      system,
      now,
      gone.map((g) => ({ verb: 'delete' as const, entityType: 'interview_audio', entityId: g.id, programId: g.programId })),
    );
    return gone.length;
  });
  return { deleted };
}
