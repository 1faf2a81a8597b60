import { and, eq } from 'drizzle-orm';
import { DomainError, notFound } from '../../../core/shared/errors';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import { iso } from './interviews.presenters';
import { findTranscript, requireCodeOfStudy } from './interviews.repository';
import { interviewCodings, interviewTranscripts } from './interviews.table';

/** Each coder's codings on a de-identified transcript (issue #13, ADR 0032). */

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
