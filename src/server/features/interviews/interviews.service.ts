import { and, asc, eq, inArray, max } from 'drizzle-orm';
import {
  agreementByCode,
  turnAgreementByCode,
  applyReplacements,
  checkReplacements,
  docxText,
  parseTranscript,
  proposeReplacements,
  TranscriptError,
  type AgreementView,
  type CodeInput,
  type GuideInput,
  type KnownPerson,
  type StudyInput,
  type StudyRole,
  type StudyView,
  type TranscriptInput,
  type TranscriptView,
} from '../../../core/interviews';
import { DomainError, notFound } from '../../../core/shared/errors';
import { authorize, decide, decideStudy, type View } from '../../access/policy';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { codersOf, findTranscript, requireCodeOfStudy, type Study, type Transcript } from './interviews.repository';
import { readZip } from '../../platform/zip';
import { people, roleGrants } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { loadProgram } from '../programs';
import {
  interviewCodes,
  interviewCodings,
  interviewGuides,
  interviewMemos,
  interviewStudies,
  interviewStudyMembers,
  interviewTranscripts,
} from './interviews.table';

/**
 * Interview studies (issue #13, ADR 0032). Study staff (coordinators, admins) run a study, import
 * transcripts and confirm de-identification; only the confirmed, de-identified copy is coded,
 * exported or shown to evaluators. Every read and write is audited.
 */

const iso = (d: Date) => d.toISOString();

const summaryOf = (s: Study, myRole: StudyRole | null) => ({
  id: s.id,
  title: s.title,
  aims: s.aims,
  audiences: s.audiences,
  targetCount: s.targetCount,
  keepsOriginals: s.keepsOriginals,
  createdAt: iso(s.createdAt),
  myRole,
});

const transcriptSummaryOf = (t: Transcript) => ({
  id: t.id,
  label: t.label,
  audience: t.audience,
  interviewedOn: t.interviewedOn,
  state: t.state,
  createdAt: iso(t.createdAt),
});

/** Creates an interview study in the program. */
export async function createInterviewStudy(deps: Deps, caller: Caller, programId: string, input: StudyInput) {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'interview:manage', { programId });
  const now = deps.clock.now();
  const row = { id: newId(), programId, ...input, createdAt: now, createdBy: caller.actor.personId };
  await deps.db.transaction(async (tx) => {
    await tx.insert(interviewStudies).values(row);
    // The person who creates a study leads it (ADR 0052).
    await tx.insert(interviewStudyMembers).values({
      studyId: row.id,
      personId: caller.actor.personId,
      programId,
      role: 'lead',
      addedAt: now,
      addedBy: caller.actor.personId,
    });
    await audit(tx, caller, now, [
      { verb: 'create', entityType: 'interview_study', entityId: row.id, programId },
      { verb: 'create', entityType: 'interview_study_member', entityId: caller.actor.personId, programId },
    ]);
  });
  return summaryOf(row, 'lead');
}

/**
 * The program's interview studies with the caller's role on each (ADR 0052): program staff see every
 * study's title, aims and plan (to manage its team); evaluators only the studies they are on.
 */
export async function listInterviewStudies(deps: Deps, caller: Caller, programId: string) {
  await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'interview:view', { programId });
  const rows = await deps.db
    .select({ study: interviewStudies, role: interviewStudyMembers.role })
    .from(interviewStudies)
    .leftJoin(
      interviewStudyMembers,
      and(eq(interviewStudyMembers.studyId, interviewStudies.id), eq(interviewStudyMembers.personId, caller.actor.personId)),
    )
    .where(eq(interviewStudies.programId, programId))
    .orderBy(asc(interviewStudies.createdAt));
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'interview_study', programId }]);
  return rows.filter((r) => view === 'full' || r.role !== null).map((r) => summaryOf(r.study, r.role));
}

/** A study with its guides (every version), codebook and transcripts, and what the caller may do. */
export async function getInterviewStudy(deps: Deps, caller: Caller, programId: string, studyId: string): Promise<StudyView> {
  await loadProgram(deps.db, caller, programId);
  const { study, view, role } = await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const [guides, codes, transcripts] = await Promise.all([
    deps.db
      .select()
      .from(interviewGuides)
      .where(eq(interviewGuides.studyId, studyId))
      .orderBy(asc(interviewGuides.audience), asc(interviewGuides.version)),
    deps.db.select().from(interviewCodes).where(eq(interviewCodes.studyId, studyId)).orderBy(asc(interviewCodes.createdAt)),
    deps.db
      .select()
      .from(interviewTranscripts)
      .where(eq(interviewTranscripts.studyId, studyId))
      .orderBy(asc(interviewTranscripts.createdAt)),
  ]);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'read', entityType: 'interview_study', entityId: studyId, programId }]);
  return {
    ...summaryOf(study, role),
    guides: guides.map((g) => ({
      id: g.id,
      audience: g.audience,
      version: g.version,
      questions: g.questions,
      createdAt: iso(g.createdAt),
    })),
    codes: codes.map(codeViewOf),
    transcripts: transcripts.filter((t) => view === 'full' || t.state === 'ready').map(transcriptSummaryOf),
    can: {
      manage: decideStudy(caller.actor, 'interview:manage', programId, role) !== null,
      code: decideStudy(caller.actor, 'interview:code', programId, role) !== null,
      export: decideStudy(caller.actor, 'interview:export', programId, role) !== null,
      team: decide(caller.actor, 'interview:team', programId) !== null,
    },
  };
}

/** Adds a guide for an audience as its next version; earlier versions stay. */
export async function addInterviewGuide(deps: Deps, caller: Caller, programId: string, studyId: string, input: GuideInput) {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:manage', programId, studyId);
  if (!study.audiences.includes(input.audience))
    throw new DomainError('invalid_state', 'audience_not_in_study', 'This study does not interview that group');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [last] = await tx
      .select({ version: max(interviewGuides.version) })
      .from(interviewGuides)
      .where(and(eq(interviewGuides.studyId, studyId), eq(interviewGuides.audience, input.audience)));
    const row = {
      id: newId(),
      programId,
      studyId,
      audience: input.audience,
      version: (last?.version ?? 0) + 1,
      questions: input.questions,
      createdAt: now,
      createdBy: caller.actor.personId,
    };
    await tx.insert(interviewGuides).values(row);
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'interview_guide', entityId: row.id, programId }]);
    return { id: row.id, audience: row.audience, version: row.version, questions: row.questions, createdAt: iso(now) };
  });
}

/** Everyone the program knows by name: participants, coaches and the people granted a role in it. */
export async function loadKnownPeople(db: Db | Tx, programId: string): Promise<KnownPerson[]> {
  const [ps, cs, staff] = await Promise.all([
    db
      .select({ id: participants.id, givenName: participants.givenName, familyName: participants.familyName })
      .from(participants)
      .where(eq(participants.programId, programId)),
    db
      .select({ id: coaches.id, givenName: coaches.givenName, familyName: coaches.familyName })
      .from(coaches)
      .where(eq(coaches.programId, programId)),
    db
      .selectDistinct({ id: people.id, displayName: people.displayName })
      .from(roleGrants)
      .innerJoin(people, eq(people.id, roleGrants.personId))
      .where(
        and(eq(roleGrants.programId, programId), inArray(roleGrants.role, ['admin', 'coordinator', 'evaluator', 'assessor'])),
      ),
  ]);
  const splitName = (name: string) => {
    const parts = name.trim().split(/\s+/);
    return { givenName: parts[0] ?? '', familyName: parts.length > 1 ? parts[parts.length - 1]! : '' };
  };
  return [
    ...ps.map((p) => ({ ...p, kind: 'participant' as const })),
    ...cs.map((c) => ({ ...c, kind: 'coach' as const })),
    ...staff.map((s) => ({ id: s.id, kind: 'staff' as const, ...splitName(s.displayName) })),
  ];
}

/** Places the program knows by name: its site and the towns of its participants and coaches. */
export async function loadKnownPlaces(db: Db | Tx, programId: string): Promise<string[]> {
  const [program, ps, cs] = await Promise.all([
    db.select({ site: programs.site }).from(programs).where(eq(programs.id, programId)),
    db.selectDistinct({ town: participants.town }).from(participants).where(eq(participants.programId, programId)),
    db.selectDistinct({ town: coaches.town }).from(coaches).where(eq(coaches.programId, programId)),
  ]);
  return [...program.map((p) => p.site), ...ps.map((p) => p.town), ...cs.map((c) => c.town)].filter(
    (x): x is string => typeof x === 'string' && x.trim() !== '',
  );
}

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

/** Confirms de-identification with the replacements a person accepted (or wrote): the coded copy is made. */
export async function confirmDeidentification(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  replacements: { start: number; end: number; replacement: string }[],
): Promise<TranscriptView> {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:manage', programId, studyId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const t = await findTranscript(tx, study, transcriptId, 'full');
    if (t.state !== 'pending' || t.originalText === null || t.originalTurns === null)
      throw new DomainError('conflict', 'already_deidentified', 'This transcript was already de-identified');
    const problem = checkReplacements(t.originalText.length, replacements);
    if (problem)
      throw new DomainError('invalid_state', `replacements_${problem}`, 'Some replacements fall outside the text or overlap');
    const doc = applyReplacements({ text: t.originalText, turns: t.originalTurns }, replacements);
    const kindAt = new Map((t.proposals ?? []).map((p) => [`${p.start}:${p.end}`, p.kind]));
    const updated: Transcript = {
      ...t,
      state: 'ready',
      text: doc.text,
      turns: doc.turns,
      // What was replaced, by kind and stand-in only: the replaced words are not kept here.
      replacements: replacements.map((r) => ({ ...r, kind: kindAt.get(`${r.start}:${r.end}`) ?? 'other' })),
      proposals: null,
      originalText: study.keepsOriginals ? t.originalText : null,
      originalTurns: study.keepsOriginals ? t.originalTurns : null,
      deidentifiedAt: now,
      deidentifiedBy: caller.actor.personId,
    };
    await tx.update(interviewTranscripts).set(updated).where(eq(interviewTranscripts.id, t.id));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'interview_transcript', entityId: t.id, programId }]);
    return presentTranscript(updated, 'full', false, [], [], []);
  });
}

type CodingRow = typeof interviewCodings.$inferSelect;
type MemoRow = typeof interviewMemos.$inferSelect;

function presentTranscript(
  t: Transcript,
  view: View,
  withOriginal: boolean,
  codings: readonly CodingRow[],
  memos: readonly MemoRow[],
  coders: readonly { id: string; name: string }[],
): TranscriptView {
  const pending = t.state === 'pending';
  return {
    ...transcriptSummaryOf(t),
    format: t.format,
    text: (pending ? t.originalText : t.text) ?? '',
    turns: (pending ? t.originalTurns : t.turns) ?? [],
    proposals: pending && view === 'full' ? (t.proposals ?? []) : null,
    original:
      !pending && withOriginal && view === 'full' && t.originalText !== null && t.originalTurns !== null
        ? { text: t.originalText, turns: t.originalTurns }
        : null,
    codings: codings.map((c) => ({
      id: c.id,
      codeId: c.codeId,
      coderId: c.coderId,
      start: c.start,
      end: c.end,
      createdAt: iso(c.createdAt),
    })),
    memos: memos.map(memoViewOf),
    coders: [...coders],
  };
}

const memoViewOf = (m: MemoRow) => ({
  id: m.id,
  transcriptId: m.transcriptId,
  codeId: m.codeId,
  start: m.start,
  end: m.end,
  text: m.text,
  authorId: m.authorId,
  createdAt: iso(m.createdAt),
});

const codeViewOf = (c: typeof interviewCodes.$inferSelect) => ({
  id: c.id,
  parentId: c.parentId,
  name: c.name,
  definition: c.definition,
  whenToUse: c.whenToUse,
  whenNotToUse: c.whenNotToUse,
  example: c.example,
  color: c.color,
});

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

/** Adds a code to the study's codebook, under a parent code of the same study if given. */
export async function createInterviewCode(deps: Deps, caller: Caller, programId: string, studyId: string, input: CodeInput) {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:code', programId, studyId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const siblings = await tx.select().from(interviewCodes).where(eq(interviewCodes.studyId, studyId));
    if (input.parentId && !siblings.some((c) => c.id === input.parentId))
      throw new DomainError('invalid_state', 'parent_not_in_codebook', 'The parent code is not in this codebook');
    const parentId = input.parentId ?? null;
    if (siblings.some((c) => c.parentId === parentId && c.name.toLowerCase() === input.name.toLowerCase()))
      throw new DomainError('conflict', 'code_exists', 'A code with this name is already there');
    const row = {
      id: newId(),
      programId,
      studyId,
      parentId,
      name: input.name,
      definition: input.definition ?? null,
      whenToUse: input.whenToUse ?? null,
      whenNotToUse: input.whenNotToUse ?? null,
      example: input.example ?? null,
      color: null,
      createdAt: now,
      createdBy: caller.actor.personId,
    };
    await tx.insert(interviewCodes).values(row);
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'interview_code', entityId: row.id, programId }]);
    return codeViewOf(row);
  });
}

/** The caller codes a span of a de-identified transcript; coding the same span again changes nothing. */
export async function addCoding(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  input: { codeId: string; start: number; end: number },
) {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:code', programId, studyId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const t = await findTranscript(tx, study, transcriptId, 'pseudonymous');
    if (input.end > (t.text ?? '').length)
      throw new DomainError('invalid_state', 'outside_text', 'The highlight goes past the end of the transcript');
    await requireCodeOfStudy(tx, studyId, input.codeId);
    const row = { id: newId(), programId, transcriptId, coderId: caller.actor.personId, ...input, createdAt: now };
    const [inserted] = await tx.insert(interviewCodings).values(row).onConflictDoNothing().returning();
    const saved =
      inserted ??
      (
        await tx
          .select()
          .from(interviewCodings)
          .where(
            and(
              eq(interviewCodings.transcriptId, transcriptId),
              eq(interviewCodings.coderId, caller.actor.personId),
              eq(interviewCodings.codeId, input.codeId),
              eq(interviewCodings.start, input.start),
              eq(interviewCodings.end, input.end),
            ),
          )
      )[0]!;
    if (inserted)
      await audit(tx, caller, now, [{ verb: 'create', entityType: 'interview_coding', entityId: saved.id, programId }]);
    return {
      id: saved.id,
      codeId: saved.codeId,
      coderId: saved.coderId,
      start: saved.start,
      end: saved.end,
      createdAt: iso(saved.createdAt),
    };
  });
}

/** Removes one of the caller's own codings (another coder's work is not the caller's to change). */
export async function removeCoding(deps: Deps, caller: Caller, programId: string, studyId: string, codingId: string) {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:code', programId, studyId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: interviewCodings.id })
      .from(interviewCodings)
      .innerJoin(interviewTranscripts, eq(interviewTranscripts.id, interviewCodings.transcriptId))
      .where(
        and(
          eq(interviewCodings.id, codingId),
          eq(interviewTranscripts.studyId, study.id),
          eq(interviewCodings.coderId, caller.actor.personId),
        ),
      );
    if (!row) throw notFound();
    await tx.delete(interviewCodings).where(eq(interviewCodings.id, row.id));
    await audit(tx, caller, now, [{ verb: 'delete', entityType: 'interview_coding', entityId: row.id, programId }]);
  });
}

/** Writes a memo on the study, a transcript, a passage of a de-identified transcript, or a code. */
export async function addMemo(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  input: { text: string; transcriptId?: string | null; codeId?: string | null; start?: number | null; end?: number | null },
) {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:code', programId, studyId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (input.transcriptId) {
      const t = await findTranscript(tx, study, input.transcriptId, 'pseudonymous');
      if (input.end != null && input.end > (t.text ?? '').length)
        throw new DomainError('invalid_state', 'outside_text', 'The passage goes past the end of the transcript');
    }
    if (input.codeId) await requireCodeOfStudy(tx, studyId, input.codeId);
    const row = {
      id: newId(),
      programId,
      studyId,
      transcriptId: input.transcriptId ?? null,
      codeId: input.codeId ?? null,
      start: input.start ?? null,
      end: input.end ?? null,
      text: input.text,
      authorId: caller.actor.personId,
      createdAt: now,
    };
    await tx.insert(interviewMemos).values(row);
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'interview_memo', entityId: row.id, programId }]);
    return memoViewOf(row);
  });
}

/**
 * Agreement between two coders on one de-identified transcript, per code, at the character level
 * (ADR 0032). Without coders named, the two who coded it; more or fewer than two must be chosen.
 */
export async function getAgreement(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  chosen: { first?: string | undefined; second?: string | undefined },
): Promise<AgreementView> {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const t = await findTranscript(deps.db, study, transcriptId, 'pseudonymous');
  const codings = await deps.db.select().from(interviewCodings).where(eq(interviewCodings.transcriptId, t.id));
  const coderIds = [...new Set(codings.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((c) => c.coderId))];
  const first = chosen.first ?? (coderIds.length === 2 ? coderIds[0] : undefined);
  const second = chosen.second ?? (coderIds.length === 2 ? coderIds[1] : undefined);
  if (!first || !second || first === second)
    throw new DomainError('invalid_state', 'choose_two_coders', 'Choose the two coders to compare');
  const codes = await deps.db
    .select()
    .from(interviewCodes)
    .where(eq(interviewCodes.studyId, studyId))
    .orderBy(asc(interviewCodes.createdAt));
  const used = codes.filter((c) => codings.some((x) => x.codeId === c.id && (x.coderId === first || x.coderId === second)));
  const text = t.text ?? '';
  const rows = agreementByCode(
    text.length,
    used.map((c) => c.id),
    codings.filter((c) => c.coderId === first),
    codings.filter((c) => c.coderId === second),
  );
  const turns = t.turns ?? [];
  const byTurn = turnAgreementByCode(
    text.length,
    turns,
    used.map((c) => c.id),
    codings.filter((c) => c.coderId === first),
    codings.filter((c) => c.coderId === second),
  );
  const names = await codersOf(deps.db, [first, second]);
  const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? 'Coder';
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'interview_agreement', entityId: t.id, programId },
  ]);
  return {
    transcriptId: t.id,
    unit: 'character',
    characters: text.length,
    turns: turns.length,
    first: { id: first, name: nameOf(first) },
    second: { id: second, name: nameOf(second) },
    codes: rows.map((r, k) => ({
      ...r,
      name: used.find((c) => c.id === r.codeId)!.name,
      byTurn: byTurn[k]!,
      disagreements: r.disagreements.map((d) => ({ ...d, text: text.slice(d.start, d.end) })),
    })),
  };
}
