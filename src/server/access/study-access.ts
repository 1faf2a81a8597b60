import { and, eq } from 'drizzle-orm';
import type { StudyRole } from '../../core/interviews/schemas';
import { DomainError, notFound } from '../../core/shared/errors';
import type { Db, Tx } from '../platform/database';
import { interviewStudies, interviewStudyMembers } from '../features/interviews/interviews.table';
import type { Actor } from './actor';
import { authorize, decideStudy, type Action, type View } from './policy';

export type Study = typeof interviewStudies.$inferSelect;

/** One interview study as the caller may act on it: the study, the caller's role on its team and the view granted. */
export interface StudyAccess {
  readonly study: Study;
  readonly role: StudyRole | null;
  readonly view: View;
}

/** The study of the program with the actor's role on its team, or null when there is no such study here. */
async function loadStudy(db: Db | Tx, actor: Actor, programId: string, studyId: string) {
  const [row] = await db
    .select({ study: interviewStudies, role: interviewStudyMembers.role })
    .from(interviewStudies)
    .leftJoin(
      interviewStudyMembers,
      and(eq(interviewStudyMembers.studyId, interviewStudies.id), eq(interviewStudyMembers.personId, actor.personId)),
    )
    .where(and(eq(interviewStudies.id, studyId), eq(interviewStudies.programId, programId)));
  return row ?? null;
}

/**
 * The one gate of every use case on an interview study (ADR 0052): loads the study and the actor's
 * team role and decides with `decideStudy`. A study of another program, or one the actor is not on
 * the team of, answers 404 (its existence is not revealed); a team member whose role does not allow
 * the action gets 403. The program-level refusal (a coach, a participant) comes first, as before.
 */
export async function authorizeStudy(
  db: Db | Tx,
  actor: Actor,
  action: Action,
  programId: string,
  studyId: string,
): Promise<StudyAccess> {
  authorize(actor, action, { programId });
  const row = await loadStudy(db, actor, programId, studyId);
  if (!row || !row.role) throw notFound();
  const view = decideStudy(actor, action, programId, row.role);
  if (!view) throw new DomainError('forbidden', undefined, 'Your role on this study does not allow this');
  return { study: row.study, role: row.role, view };
}

/**
 * Authorizes managing a study's team: program staff, on the team or not (so no study is ever locked
 * out). Coaches and participants get 403 as for every interview action; an evaluator gets 404 for a
 * study he or she is not on and 403 for one he or she is on.
 */
export async function authorizeStudyTeam(db: Db | Tx, actor: Actor, programId: string, studyId: string): Promise<Study> {
  authorize(actor, 'interview:view', { programId });
  const row = await loadStudy(db, actor, programId, studyId);
  if (!row) throw notFound();
  authorize(actor, 'interview:team', { programId, hideExistence: !row.role });
  return row.study;
}
