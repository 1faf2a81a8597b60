import { DomainError } from '../../../core/shared/errors';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import { memoViewOf } from './interviews.presenters';
import { findTranscript, requireCodeOfStudy } from './interviews.repository';
import { interviewMemos } from './interviews.table';

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
