import { and, desc, eq } from 'drizzle-orm';
import {
  buildCodebookXml,
  CodebookError,
  diffCodebooks,
  inTreeOrder,
  parseCodebook,
  planCodebookImport,
  qdaCodeTree,
  sameCodebook,
  type CodebookDiffView,
  type CodeInput,
  type CodebookEntry,
  type CodebookImportResult,
  type CodebookVersionSummary,
  type CodebookVersionView,
} from '../../../core/interviews';
import { DomainError, notFound } from '../../../core/shared/errors';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import type { ExportFile } from './export.service';
import { codeViewOf } from './interviews.presenters';
import { codersOf } from './interviews.repository';
import { interviewCodebookVersions, interviewCodes, interviewStudies } from './interviews.table';

/**
 * The study's codebook: adding one code (issue #13, ADR 0032); and as a whole (ADR 0053): importing a REFI-QDA `.qdc`, and published versions
 * (frozen snapshots) with what changed between two and each one's `.qdc`. Only the study's lead
 * imports and publishes; the team reads versions. A refusal changes nothing and writes no audit row.
 */

/**
 * Imports a `.qdc` codebook into the study: the file's code tree is added, a code whose name is
 * already used under the same parent is kept as it is (and reported) with the file's codes under it
 * merged in. Audited as an update of the codebook and a creation per code.
 */
export async function importCodebook(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  content: string,
): Promise<CodebookImportResult> {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:manage', programId, studyId);
  let imported;
  try {
    imported = parseCodebook(content);
  } catch (e) {
    // The message names a code by its position in the file, never its words.
    if (e instanceof CodebookError) throw new DomainError('invalid_state', e.reason, e.message);
    throw e;
  }
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // One import or code change at a time per study, so two imports cannot add the same name twice.
    await tx.select({ id: interviewStudies.id }).from(interviewStudies).where(eq(interviewStudies.id, studyId)).for('update');
    const existing = await tx
      .select({ id: interviewCodes.id, parentId: interviewCodes.parentId, name: interviewCodes.name })
      .from(interviewCodes)
      .where(eq(interviewCodes.studyId, studyId));
    const plan = planCodebookImport(existing, imported, newId);
    const rows = plan.create.map((c) => ({ ...c, programId, studyId, createdAt: now, createdBy: caller.actor.personId }));
    if (rows.length) await tx.insert(interviewCodes).values(rows);
    await audit(tx, caller, now, [
      { verb: 'update', entityType: 'interview_codebook', entityId: studyId, programId },
      ...rows.map((r) => ({ verb: 'create' as const, entityType: 'interview_code', entityId: r.id, programId })),
    ]);
    return {
      created: plan.create.map((c) => ({ ...c })),
      alreadyThere: plan.alreadyThere,
    };
  });
}

type VersionRow = typeof interviewCodebookVersions.$inferSelect;

/** The study's codes as a version holds them. */
const entryOf = (c: typeof interviewCodes.$inferSelect): CodebookEntry => ({
  id: c.id,
  parentId: c.parentId,
  name: c.name,
  color: c.color,
  definition: c.definition,
  whenToUse: c.whenToUse,
  whenNotToUse: c.whenNotToUse,
  example: c.example,
});

async function summariesOf(db: Deps['db'], rows: readonly VersionRow[]): Promise<CodebookVersionSummary[]> {
  const names = await codersOf(db, [...new Set(rows.map((r) => r.publishedBy))]);
  return rows.map((r) => ({
    version: r.version,
    note: r.note,
    publishedAt: r.publishedAt.toISOString(),
    publishedBy: names.find((n) => n.id === r.publishedBy)?.name ?? 'Someone no longer here',
    codeCount: r.codes.length,
  }));
}

/**
 * Publishes the current codebook as its next version, with the lead's note. Refused when the
 * codebook is empty (422 `codebook_empty`) or the same as the last version (409 `codebook_unchanged`).
 */
export async function publishCodebookVersion(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  note: string,
): Promise<CodebookVersionSummary> {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:manage', programId, studyId);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    // One publication at a time per study, so two cannot take the same number.
    await tx.select({ id: interviewStudies.id }).from(interviewStudies).where(eq(interviewStudies.id, studyId)).for('update');
    const codes = inTreeOrder((await tx.select().from(interviewCodes).where(eq(interviewCodes.studyId, studyId))).map(entryOf));
    if (codes.length === 0) throw new DomainError('invalid_state', 'codebook_empty', 'The codebook has no codes to publish');
    const [last] = await tx
      .select()
      .from(interviewCodebookVersions)
      .where(eq(interviewCodebookVersions.studyId, studyId))
      .orderBy(desc(interviewCodebookVersions.version))
      .limit(1);
    if (last && sameCodebook(last.codes, codes))
      throw new DomainError('conflict', 'codebook_unchanged', `Nothing has changed since version ${last.version}`);
    const created: VersionRow = {
      id: newId(),
      programId,
      studyId,
      version: (last?.version ?? 0) + 1,
      note,
      codes,
      publishedAt: now,
      publishedBy: caller.actor.personId,
    };
    await tx.insert(interviewCodebookVersions).values(created);
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'interview_codebook_version', entityId: created.id, programId }]);
    return created;
  });
  return (await summariesOf(deps.db, [row]))[0]!;
}

/** The study's published codebook versions, newest first: the study's team. */
export async function listCodebookVersions(deps: Deps, caller: Caller, programId: string, studyId: string) {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const rows = await deps.db
    .select()
    .from(interviewCodebookVersions)
    .where(eq(interviewCodebookVersions.studyId, studyId))
    .orderBy(desc(interviewCodebookVersions.version));
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'list', entityType: 'interview_codebook_version', entityId: studyId, programId },
  ]);
  return summariesOf(deps.db, rows);
}

async function findVersion(db: Deps['db'], studyId: string, version: number): Promise<VersionRow> {
  const [row] = await db
    .select()
    .from(interviewCodebookVersions)
    .where(and(eq(interviewCodebookVersions.studyId, studyId), eq(interviewCodebookVersions.version, version)));
  if (!row) throw notFound();
  return row;
}

/** One published version with its codes. */
export async function getCodebookVersion(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  version: number,
): Promise<CodebookVersionView> {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const row = await findVersion(deps.db, studyId, version);
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'interview_codebook_version', entityId: row.id, programId },
  ]);
  return { ...(await summariesOf(deps.db, [row]))[0]!, codes: row.codes };
}

/** What changed from one published version to another (either way round). */
export async function diffCodebookVersions(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  from: number,
  to: number,
): Promise<CodebookDiffView> {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const [a, b] = await Promise.all([findVersion(deps.db, studyId, from), findVersion(deps.db, studyId, to)]);
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'interview_codebook_version', entityId: a.id, programId },
    { verb: 'read', entityType: 'interview_codebook_version', entityId: b.id, programId },
  ]);
  return { from, to, ...diffCodebooks(a.codes, b.codes) };
}

/** A published version as a `.qdc` (export rights, as for every export; audited as an export of the study). */
export async function exportCodebookVersion(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  version: number,
): Promise<ExportFile> {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:export', programId, studyId);
  const row = await findVersion(deps.db, studyId, version);
  const now = deps.clock.now();
  await audit(deps.db, caller, now, [{ verb: 'export', entityType: 'interview_codebook_version', entityId: row.id, programId }]);
  return {
    filename: `codebook-version-${row.version}.qdc`,
    contentType: 'application/xml; charset=utf-8',
    body: Buffer.from(buildCodebookXml(qdaCodeTree(row.codes)), 'utf8'),
  };
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
