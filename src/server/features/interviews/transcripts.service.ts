import { and, asc, eq } from 'drizzle-orm';
import {
  docxText,
  parseTranscript,
  proposeReplacements,
  TranscriptError,
  type TranscriptInput,
  type TranscriptView,
} from '../../../core/interviews';
import { DomainError } from '../../../core/shared/errors';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { readZip } from '../../platform/zip';
import { participants } from '../participants/participants.table';
import { loadProgram } from '../programs';
import { loadKnownPeople, loadKnownPlaces } from './deidentification.service';
import { presentTranscript } from './interviews.presenters';
import { codersOf, findTranscript, type Transcript } from './interviews.repository';
import { interviewCodings, interviewMemos, interviewTranscripts } from './interviews.table';

/**
 * Transcripts (issue #13, ADR 0032): importing one (upload or paste), linking it to the participant
 * interviewed, and reading one with its codings and memos. Only study staff see a pending one.
 */

/** The body text of a .docx sent as base64: its word/document.xml, unzipped and read by the core. */
function readDocx(base64: string): string {
  let entries;
  try {
    entries = readZip(Buffer.from(base64, 'base64'), 20 * 1024 * 1024);
  } catch {
    throw new DomainError('invalid_state', 'transcript_not_docx', 'This file could not be opened as a Word document (.docx)');
  }
  const body = entries.find((e) => e.path === 'word/document.xml');
  if (!body)
    throw new DomainError('invalid_state', 'transcript_not_docx', 'This file could not be opened as a Word document (.docx)');
  return docxText(Buffer.from(body.data).toString('utf8'));
}

/**
 * Imports a transcript (upload or paste): read into turns, then the identifiers Kindred finds are
 * proposed for a person to confirm. Until then it is pending: only study staff see it, nobody codes it.
 */
export async function importTranscript(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  input: TranscriptInput,
): Promise<TranscriptView> {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:manage', programId, studyId);
  if (!study.audiences.includes(input.audience))
    throw new DomainError('invalid_state', 'audience_not_in_study', 'This study does not interview that group');
  let doc;
  try {
    doc =
      input.format === 'docx' ? parseTranscript('text', readDocx(input.content)) : parseTranscript(input.format, input.content);
  } catch (e) {
    // The message names a line number and the expected form, never the transcript's words.
    if (e instanceof TranscriptError) throw new DomainError('invalid_state', `transcript_${e.reason}`, e.message);
    throw e;
  }
  if (input.participantId) await findParticipantOfProgram(deps.db, programId, input.participantId);
  const [known, places] = await Promise.all([loadKnownPeople(deps.db, programId), loadKnownPlaces(deps.db, programId)]);
  const proposals = proposeReplacements(doc.text, known, places);
  const now = deps.clock.now();
  const row: Transcript = {
    id: newId(),
    programId,
    studyId,
    label: input.label,
    audience: input.audience,
    interviewedOn: input.interviewedOn ?? null,
    format: input.format,
    state: 'pending',
    originalText: doc.text,
    originalTurns: doc.turns,
    proposals,
    text: null,
    turns: null,
    replacements: null,
    deidentifiedAt: null,
    deidentifiedBy: null,
    participantId: input.participantId ?? null,
    createdAt: now,
    createdBy: caller.actor.personId,
  };
  await deps.db.transaction(async (tx) => {
    await tx.insert(interviewTranscripts).values(row);
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'interview_transcript', entityId: row.id, programId }]);
  });
  return presentTranscript(row, 'full', false, [], [], []);
}

/** A participant of this program, or a 422 (the link must not reach into another program). */
async function findParticipantOfProgram(db: Db | Tx, programId: string, participantId: string): Promise<void> {
  const [p] = await db
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.id, participantId), eq(participants.programId, programId)));
  if (!p) throw new DomainError('invalid_state', 'participant_not_in_program', 'That person is not in this program');
}

/** Links a transcript to the participant interviewed, or unlinks it (null): study staff only (ADR 0044). */
export async function linkTranscriptParticipant(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  participantId: string | null,
): Promise<void> {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:manage', programId, studyId);
  if (participantId) await findParticipantOfProgram(deps.db, programId, participantId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const t = await findTranscript(tx, study, transcriptId, 'full');
    await tx.update(interviewTranscripts).set({ participantId }).where(eq(interviewTranscripts.id, t.id));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'interview_transcript', entityId: t.id, programId }]);
  });
}

/**
 * One transcript: pending ones (original and proposals) to study staff only; de-identified ones
 * with every coder's codings and the memos. The original of a de-identified transcript only to
 * study staff, when the study keeps it and it is asked for (audited apart).
 */
export async function getTranscript(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  opts: { original: boolean },
): Promise<TranscriptView> {
  await loadProgram(deps.db, caller, programId);
  const { study, view } = await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  if (opts.original) await authorizeStudy(deps.db, caller.actor, 'interview:manage', programId, studyId);
  const t = await findTranscript(deps.db, study, transcriptId, view);
  const [codings, memos] = await Promise.all([
    deps.db
      .select()
      .from(interviewCodings)
      .where(eq(interviewCodings.transcriptId, t.id))
      .orderBy(asc(interviewCodings.start), asc(interviewCodings.end)),
    deps.db.select().from(interviewMemos).where(eq(interviewMemos.transcriptId, t.id)).orderBy(asc(interviewMemos.createdAt)),
  ]);
  const coders = await codersOf(deps.db, [...new Set(codings.map((c) => c.coderId))]);
  const out = presentTranscript(t, view, opts.original, codings, memos, coders);
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'interview_transcript', entityId: t.id, programId },
    ...(out.original || t.state === 'pending'
      ? [{ verb: 'read' as const, entityType: 'interview_transcript_original', entityId: t.id, programId }]
      : []),
  ]);
  return out;
}
