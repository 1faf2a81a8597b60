import {
  isTrainingComplete,
  moduleView,
  passedModules,
  scoreQuiz,
  unknownAnswers,
  type AgreementSignature,
  type AgreementView,
  type AttemptResult,
  type ModuleView,
  type QuizAnswers,
  type TrainingState,
} from '../../../core/volunteers';
import { DomainError } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { loadCoachFor } from '../../access/coach-context';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { findCoaches, readCoachWithCaseload, recordCoachTraining } from '../coaches';
import { loadProgram } from '../programs';
import { activateAfterTraining } from './pipeline.service';
import { loadCoachTraining, loadPasses } from './volunteers.repository';
import { coachAgreements, trainingAttempts } from './volunteers.table';
import { ownCoachId } from '../../access/relations';

/** A coach's training: each module passed or not with the last attempt, the agreement, and whether all is done. */
export async function getTrainingState(deps: Deps, caller: Caller, programId: string, coachId: string): Promise<TrainingState> {
  const { coach } = await loadCoachFor(deps, caller, programId, coachId, 'training:view', readCoachWithCaseload);
  const { attempts, signature } = await loadCoachTraining(deps.db, programId, coachId);
  const passed = passedModules(
    deps.training.modules,
    attempts.filter((a) => a.isPassed),
  );
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'read', entityType: 'training', entityId: coachId, programId }]);
  return {
    coachId,
    modules: deps.training.modules.map((m) => {
      const mine = attempts.filter((a) => a.moduleKey === m.key && a.moduleVersion === m.version);
      const last = mine[0];
      return {
        key: m.key,
        title: m.title,
        summary: m.summary,
        version: m.version,
        questions: m.questions.length,
        passMark: m.passMark,
        isPassed: passed.has(m.key),
        attempts: mine.length,
        lastAttempt: last
          ? { at: last.at.toISOString(), correct: last.correct, total: last.total, isPassed: last.isPassed }
          : null,
      };
    }),
    agreement: {
      title: deps.training.agreement.title,
      version: deps.training.agreement.version,
      signedAt: coach.agreementSignedAt?.toISOString() ?? null,
      signedVersion: signature?.version ?? null,
    },
    modulesPassed: passed.size,
    trainedAt: coach.trainedAt?.toISOString() ?? null,
    isComplete: isTrainingComplete(coach),
  };
}

/** One module to read, with its quiz but not the answer key (coaches and staff). */
export async function getTrainingModule(deps: Deps, caller: Caller, programId: string, moduleKey: string): Promise<ModuleView> {
  await loadProgram(deps.db, caller, programId);
  const relation = ownCoachId(caller.actor, programId) !== undefined ? 'self' : 'none';
  authorize(caller.actor, 'training:view', { programId, relation });
  const module = deps.training.modules.find((m) => m.key === moduleKey);
  if (!module) throw new DomainError('not_found', undefined, 'Not found');
  return moduleView(module);
}

/**
 * Scores a coach's answers to a module's quiz on the server and stores the attempt. When this pass
 * completes every module, the coach is recorded as trained; with the agreement signed too, the
 * volunteer's journey moves on to "active" in the same transaction.
 */
export async function submitQuizAttempt(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
  moduleKey: string,
  answers: QuizAnswers,
): Promise<AttemptResult> {
  await loadCoachFor(deps, caller, programId, coachId, 'training:take', readCoachWithCaseload);
  const module = deps.training.modules.find((m) => m.key === moduleKey);
  if (!module) throw new DomainError('not_found', undefined, 'Not found');
  if (unknownAnswers(module, answers).length > 0) {
    throw new DomainError(
      'invalid_state',
      'answers_do_not_fit',
      'Some answers do not fit this quiz; reload the module and try again',
    );
  }
  const result = scoreQuiz(module, answers);
  const now = deps.clock.now();
  const isComplete = await deps.db.transaction(async (tx) => {
    const attemptId = newId();
    await tx.insert(trainingAttempts).values({
      id: attemptId,
      programId,
      coachId,
      moduleKey: module.key,
      moduleVersion: module.version,
      answers,
      correct: result.correct,
      total: result.total,
      isPassed: result.isPassed,
      at: now,
      personId: caller.actor.personId,
    });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'training_attempt', entityId: attemptId, programId }]);
    if (!result.isPassed) {
      const [coach] = await findCoaches(tx, programId, now, coachId);
      return coach ? isTrainingComplete(coach) : false;
    }
    const passes = (await loadPasses(tx, programId, [coachId])).get(coachId) ?? [];
    const isAllPassed = passedModules(deps.training.modules, passes).size === deps.training.modules.length;
    const milestones = await recordCoachTraining(tx, coachId, isAllPassed ? { trainedAt: now } : {}, now);
    const complete = isTrainingComplete(milestones);
    if (complete) await activateAfterTraining(deps, tx, caller, programId, coachId, now);
    return complete;
  });
  return { ...result, isTrainingComplete: isComplete };
}

/** The agreement as the coach reads it, with whether and when he or she signed it. */
export async function getAgreement(deps: Deps, caller: Caller, programId: string, coachId: string): Promise<AgreementView> {
  const { coach } = await loadCoachFor(deps, caller, programId, coachId, 'training:view', readCoachWithCaseload);
  const { signature } = await loadCoachTraining(deps.db, programId, coachId);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'read', entityType: 'coach_agreement', entityId: coachId, programId }]);
  return {
    ...deps.training.agreement,
    signedAt: coach.agreementSignedAt?.toISOString() ?? null,
    signedVersion: signature?.version ?? null,
  };
}

/**
 * Records the coach's signature of the scope-and-boundaries agreement: the name typed, the version
 * read, the time. Only the coach signs, and only the version in force.
 */
export async function signAgreement(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
  input: AgreementSignature,
): Promise<AgreementView> {
  await loadCoachFor(deps, caller, programId, coachId, 'agreement:sign', readCoachWithCaseload);
  const agreement = deps.training.agreement;
  if (input.version !== agreement.version) {
    throw new DomainError(
      'conflict',
      'agreement_version_changed',
      'The agreement has changed since you opened it; read it again',
    );
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { signature } = await loadCoachTraining(tx, programId, coachId);
    if (signature && signature.version === agreement.version) {
      throw new DomainError('conflict', 'agreement_already_signed', 'You have already signed this agreement');
    }
    const id = newId();
    await tx.insert(coachAgreements).values({
      id,
      programId,
      coachId,
      version: agreement.version,
      signedName: input.signedName,
      signedAt: now,
      personId: caller.actor.personId,
    });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'coach_agreement', entityId: id, programId }]);
    const milestones = await recordCoachTraining(tx, coachId, { agreementSignedAt: now }, now);
    if (isTrainingComplete(milestones)) await activateAfterTraining(deps, tx, caller, programId, coachId, now);
  });
  return getAgreement(deps, caller, programId, coachId);
}
