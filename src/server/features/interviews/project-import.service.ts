import { and, eq, inArray } from 'drizzle-orm';
import {
  MAX_QDPX_BYTES,
  MAX_QDPX_UNPACKED_BYTES,
  parseProject,
  parseTranscript,
  planCodebookImport,
  planProjectImport,
  ProjectImportError,
  proposeReplacements,
  TranscriptError,
  type ImportedProject,
  type ProjectImportInput,
  type ProjectImportResult,
  type Turn,
} from '../../../core/interviews';
import { DomainError } from '../../../core/shared/errors';
import { authorizeStudy, type Study } from '../../access/study-access';
import { audit, type AuditEntry } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { readZip, ZipLimitError } from '../../platform/zip';
import { people } from '../accounts/accounts.table';
import { loadProgram } from '../programs';
import { loadKnownPeople, loadKnownPlaces } from './deidentification.service';
import {
  interviewCodes,
  interviewCodings,
  interviewMemos,
  interviewStudies,
  interviewStudyMembers,
  interviewTranscripts,
} from './interviews.table';

/**
 * Importing a REFI-QDA project (`.qdpx`; issue #13, ADR 0055) into a study: the lead previews what
 * the file holds and maps each file user to a team member who codes, then imports. The codebook is
 * merged as a `.qdc` is (ADR 0053); every text source becomes a pending transcript with Kindred's
 * proposed replacements, its codings and passage memos held on the original text until a person
 * confirms the de-identification (then shifted, `shiftHeldSpans`). A refusal changes nothing.
 */

const refuse = (reason: string, message: string): never => {
  throw new DomainError('invalid_state', reason, message);
};

/** Opens the archive and reads its project; refusals as 422 with the core's stable reasons. */
export function readQdpx(base64: string): ImportedProject {
  const zip = Buffer.from(base64, 'base64');
  if (zip.length > MAX_QDPX_BYTES) refuse('project_too_large', 'This project file is too large to import (the limit is 20 MB)');
  let entries;
  try {
    entries = readZip(zip, MAX_QDPX_UNPACKED_BYTES, MAX_QDPX_UNPACKED_BYTES);
  } catch (e) {
    if (e instanceof ZipLimitError)
      return refuse('project_too_large', 'This project file unpacks to more than Kindred will read (64 MB)');
    return refuse('project_not_zip', 'This file could not be opened as a REFI-QDA project (.qdpx is a zip archive)');
  }
  const qde = entries.find((e) => e.path.toLowerCase() === 'project.qde');
  if (!qde) return refuse('project_no_qde', 'This archive holds no project.qde, so it is not a REFI-QDA project');
  // Sources sit in "Sources/" (the standard) or "sources/" (Kindred's own exports, and some tools').
  const byName = new Map(
    entries.filter((e) => /^sources\/[^/]+$/i.test(e.path)).map((e) => [e.path.slice('sources/'.length), e.data]),
  );
  try {
    return parseProject(Buffer.from(qde.data).toString('utf8'), (name) => {
      const data = byName.get(name);
      return data ? Buffer.from(data).toString('utf8') : null;
    });
  } catch (e) {
    if (e instanceof ProjectImportError) return refuse(e.reason, e.message);
    throw e;
  }
}

/** Team members who code (lead or coder), by name: whom a file user may be mapped to. */
async function codersOfStudy(db: Db | Tx, studyId: string) {
  return db
    .select({ personId: people.id, name: people.displayName })
    .from(interviewStudyMembers)
    .innerJoin(people, eq(people.id, interviewStudyMembers.personId))
    .where(and(eq(interviewStudyMembers.studyId, studyId), inArray(interviewStudyMembers.role, ['lead', 'coder'])))
    .orderBy(people.displayName);
}

/** A transcript's turns: the plain-text reading when it keeps the text as it is, else one turn of it all. */
function turnsOf(text: string): Turn[] {
  try {
    const doc = parseTranscript('text', text);
    if (doc.text === text) return doc.turns;
  } catch (e) {
    if (!(e instanceof TranscriptError)) throw e;
  }
  return [{ speaker: null, start: 0, end: text.length, textStart: 0, startMs: null, endMs: null }];
}

/** Who wrote what in the file: each user's codings and notes, for the preview. */
function usersOf(project: ImportedProject, personOf: Record<string, string | null | undefined>) {
  const users = [...project.users];
  // Work the file attributes to nobody it lists is offered as one more "user" to map.
  if (project.sources.some((s) => s.codings.some((c) => c.userGuid === '')) || project.notes.some((n) => n.userGuid === ''))
    users.push({ guid: '', name: 'Nobody named in the file' });
  return users.map((u) => ({
    guid: u.guid,
    name: u.name,
    codings: project.sources.reduce((n, s) => n + s.codings.filter((c) => c.userGuid === u.guid).length, 0),
    memos: project.notes.filter((n) => n.text !== '' && n.userGuid === u.guid).length,
    personId: personOf[u.guid] ?? null,
  }));
}

/** The operator or signed-in lead importing: for the audit rows and as the transcripts' importer. */
export interface Importer {
  caller: Pick<Caller, 'requestId' | 'ip'> & { actor: { personId: string } | null };
  personId: string;
}

/**
 * Imports (or, with `preview`, only reads) a project into a study the caller may manage. File users
 * mapped to nobody bring nothing; a user mapped to someone not coding on the team is refused (422
 * `project_user_not_on_team`). One transaction: a refusal anywhere changes nothing.
 */
export async function importProjectIntoStudy(
  db: Db,
  importer: Importer,
  now: Date,
  study: Study,
  input: ProjectImportInput,
): Promise<ProjectImportResult> {
  if (!study.audiences.includes(input.audience)) refuse('audience_not_in_study', 'This study does not interview that group');
  const project = readQdpx(input.content);
  const team = await codersOfStudy(db, study.id);
  const onTeam = new Set(team.map((m) => m.personId));
  const fileUsers = new Set(['', ...project.users.map((u) => u.guid)]);
  // Work by a user the file does not list is the unnamed user's.
  const personOf: Record<string, string | null> = {};
  for (const [guid, personId] of Object.entries(input.users)) {
    if (personId !== null && !onTeam.has(personId))
      refuse('project_user_not_on_team', 'Work can only go to someone who codes on this study’s team');
    if (fileUsers.has(guid.toLowerCase())) personOf[guid.toLowerCase()] = personId;
  }
  const listed = new Set(project.users.map((u) => u.guid));
  const attributed: ImportedProject = {
    ...project,
    sources: project.sources.map((s) => ({
      ...s,
      codings: s.codings.map((c) => ({ ...c, userGuid: listed.has(c.userGuid) ? c.userGuid : '' })),
    })),
    notes: project.notes.map((n) => ({ ...n, userGuid: listed.has(n.userGuid) ? n.userGuid : '' })),
  };
  const users = usersOf(attributed, personOf);
  const countCodes = (cs: ImportedProject['codes']): number => cs.reduce((n, c) => n + 1 + countCodes(c.children), 0);
  const programId = study.programId;

  if (input.preview) {
    const allCodings = attributed.sources.reduce((n, s) => n + s.codings.length, 0);
    return {
      saved: false,
      projectName: project.name,
      users,
      team,
      codes: { inFile: countCodes(project.codes), created: 0, alreadyThere: [] },
      transcripts: project.sources.length,
      codings: allCodings,
      coders: users.filter((u) => u.codings > 0).length,
      memos: attributed.notes.filter((n) => n.text !== '').length,
      notImported: { codings: 0, memos: 0, cases: project.cases, otherSources: project.otherSources },
    };
  }

  const [known, places] = await Promise.all([loadKnownPeople(db, programId), loadKnownPlaces(db, programId)]);
  return db.transaction(async (tx) => {
    // One import or code change at a time per study, as for a codebook (ADR 0053).
    await tx.select({ id: interviewStudies.id }).from(interviewStudies).where(eq(interviewStudies.id, study.id)).for('update');
    const existing = await tx
      .select({ id: interviewCodes.id, parentId: interviewCodes.parentId, name: interviewCodes.name })
      .from(interviewCodes)
      .where(eq(interviewCodes.studyId, study.id));
    const codebook = planCodebookImport(existing, project.codes, newId);
    const plan = planProjectImport(attributed, codebook.idByGuid, personOf);
    const base = { programId, studyId: study.id };
    const codeRows = codebook.create.map((c) => ({ ...c, ...base, createdAt: now, createdBy: importer.personId }));
    const transcriptRows = plan.transcripts.map((t) => ({
      ...base,
      id: newId(),
      label: t.label,
      audience: input.audience,
      interviewedOn: null,
      format: 'text' as const,
      // Pending until a person confirms the replacements, as for every transcript (ADR 0032).
      state: 'pending' as const,
      originalText: t.text,
      originalTurns: turnsOf(t.text),
      proposals: proposeReplacements(t.text, known, places),
      text: null,
      turns: null,
      replacements: null,
      deidentifiedAt: null,
      deidentifiedBy: null,
      participantId: null,
      createdAt: now,
      createdBy: importer.personId,
    }));
    const codingRows = plan.transcripts.flatMap((t, i) =>
      t.codings.map((c) => ({ id: newId(), programId, transcriptId: transcriptRows[i]!.id, ...c, createdAt: now })),
    );
    const memoRows = plan.memos.map((m) => ({
      ...base,
      id: newId(),
      transcriptId: m.source === null ? null : transcriptRows[m.source]!.id,
      codeId: m.codeId,
      start: m.start,
      end: m.end,
      text: m.text,
      authorId: m.authorId,
      createdAt: now,
    }));
    if (codeRows.length) await tx.insert(interviewCodes).values(codeRows);
    if (transcriptRows.length) await tx.insert(interviewTranscripts).values(transcriptRows);
    for (let i = 0; i < codingRows.length; i += 1000) await tx.insert(interviewCodings).values(codingRows.slice(i, i + 1000));
    for (let i = 0; i < memoRows.length; i += 1000) await tx.insert(interviewMemos).values(memoRows.slice(i, i + 1000));
    const rows = (entityType: string, list: readonly { id: string }[]): AuditEntry[] =>
      list.map((r) => ({ verb: 'create', entityType, entityId: r.id, programId }));
    await audit(tx, importer.caller, now, [
      { verb: 'update', entityType: 'interview_codebook', entityId: study.id, programId },
      ...rows('interview_code', codeRows),
      ...rows('interview_transcript', transcriptRows),
      ...rows('interview_coding', codingRows),
      ...rows('interview_memo', memoRows),
    ]);
    return {
      saved: true,
      projectName: project.name,
      users,
      team,
      codes: { inFile: countCodes(project.codes), created: codeRows.length, alreadyThere: codebook.alreadyThere },
      transcripts: transcriptRows.length,
      codings: codingRows.length,
      coders: new Set(codingRows.map((c) => c.coderId)).size,
      memos: memoRows.length,
      notImported: {
        codings: plan.skippedCodings,
        memos: plan.skippedMemos,
        cases: project.cases,
        otherSources: project.otherSources,
      },
    };
  });
}

/** The lead previews or imports a `.qdpx` into the study (coders 403, others 404). Audited. */
export async function importProject(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  input: ProjectImportInput,
): Promise<ProjectImportResult> {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:manage', programId, studyId);
  const now = deps.clock.now();
  const result = await importProjectIntoStudy(deps.db, { caller, personId: caller.actor.personId }, now, study, input);
  // The preview shows the team's names: a read of the team.
  if (!result.saved)
    await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'interview_study_team', entityId: studyId, programId }]);
  return result;
}

/**
 * The import for `kindred interviews import` (an operator on the server): each file user is mapped
 * to the team member who codes and has exactly the same name (any case); the rest is not imported.
 * The study's creator is recorded as the importer; audited without an actor.
 */
export async function interviewImportForOperator(
  db: Db,
  now: Date,
  studyId: string,
  content: Buffer,
): Promise<{ ok: true; result: ProjectImportResult } | { ok: false; reason: string; message: string }> {
  const [study] = await db.select().from(interviewStudies).where(eq(interviewStudies.id, studyId));
  if (!study) return { ok: false, reason: 'no_study', message: 'There is no interview study with that id' };
  const caller = { actor: null, requestId: 'cli:interviews-import', ip: null };
  try {
    const base = { content: content.toString('base64'), audience: study.audiences[0]!, users: {}, preview: true };
    const preview = await importProjectIntoStudy(db, { caller, personId: study.createdBy }, now, study, base);
    const users = Object.fromEntries(
      preview.users.map((u) => [
        u.guid,
        preview.team.find((m) => m.name.trim().toLowerCase() === u.name.trim().toLowerCase())?.personId ?? null,
      ]),
    );
    const result = await importProjectIntoStudy(db, { caller, personId: study.createdBy }, now, study, {
      ...base,
      users,
      preview: false,
    });
    return { ok: true, result };
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, reason: e.reason ?? e.code, message: e.message };
    throw e;
  }
}
