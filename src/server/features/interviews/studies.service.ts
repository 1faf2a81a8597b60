import { and, asc, eq, max } from 'drizzle-orm';
import type { GuideInput, StudyInput, StudyView } from '../../../core/interviews';
import { DomainError } from '../../../core/shared/errors';
import { authorize, decide, decideStudy } from '../../access/policy';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import { codeViewOf, iso, summaryOf, transcriptSummaryOf } from './interviews.presenters';
import {
  interviewCodes,
  interviewGuides,
  interviewStudies,
  interviewStudyMembers,
  interviewTranscripts,
} from './interviews.table';

/**
 * Interview studies (issue #13, ADR 0032). Study staff (coordinators, admins) run a study, import
 * transcripts and confirm de-identification; only the confirmed, de-identified copy is coded,
 * exported or shown to evaluators. Every read and write is audited. Here: the study itself and its
 * guides; transcripts, de-identification, codings, memos and agreement have their own files.
 */

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
