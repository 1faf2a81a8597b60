import { eq } from 'drizzle-orm';
import { CodebookError, parseCodebook, planCodebookImport, type CodebookImportResult } from '../../../core/interviews';
import { DomainError } from '../../../core/shared/errors';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import { interviewCodes, interviewStudies } from './interviews.table';

/**
 * The study's codebook as a whole (ADR 0053): importing a REFI-QDA `.qdc`. Only the study's lead
 * imports; a refused file changes nothing and writes no audit row.
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
