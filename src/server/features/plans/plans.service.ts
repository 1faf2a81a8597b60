/**
 * Plans: action plans (listed, made, reviewed), the practice log, sharing with the coach and notes of encouragement.
 */
import { and, eq } from 'drizzle-orm';
import { todayIn } from '../../../core/shared/time';
import {
  checkPracticeDay,
  checkReview,
  currentPlanOf,
  practiceWrite,
  type NoteView,
  type PlanInput,
  type PlanReviewInput,
  type PlanSummaryRow,
  type PlanView,
  type PracticeView,
} from '../../../core/plans';
import { DomainError } from '../../../core/shared/errors';
import { authorize, type View } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import { findPlans, planSummary } from './plans.repository';
import { insertPlan, markPlanReviewed, planByKey, planContent, replayedPlan } from './plans.writes';
import { encouragementNotes, practiceLog, trackingSettings } from './plans.table';
import { loadParticipantFor } from '../../access/participant-context';
import { checkInProgram, loadPlanFor, maySeeTracking } from './plans.access';
import { presentPlan } from './plans.presenters';

/** A participant's plans, newest first, for staff, the participant's coach and the participant. */
export async function listPlans(deps: Deps, caller: Caller, programId: string, participantId: string): Promise<PlanView[]> {
  const { view } = await loadParticipantFor(deps, caller, programId, participantId, 'plan:list');
  const plans = await findPlans(deps.db, { programId, participantId });
  const showPractice = await maySeeTracking(deps, view, participantId);
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'list', entityType: 'action_plan', entityId: participantId, programId },
  ]);
  const current = currentPlanOf(plans);
  return plans.map((p) => presentPlan(p, current, showPractice)).reverse();
}

/** One plan, e.g. for the printable page. */
export async function getPlan(deps: Deps, caller: Caller, programId: string, planId: string): Promise<PlanView> {
  const { plan, plans, view } = await loadPlanFor(deps, caller, programId, planId, 'plan:list');
  const showPractice = await maySeeTracking(deps, view, plan.participantId);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'read', entityType: 'action_plan', entityId: planId, programId }]);
  return presentPlan(plan, currentPlanOf(plans), showPractice);
}

/**
 * Makes an action plan (with the drafts changed on the way, so the original and revised confidence
 * are both kept) or, when the participant is not ready, a small step with the readiness rating.
 * Idempotent on the client's key, so the session guide can retry after a dropped connection.
 */
export async function createPlan(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  input: PlanInput,
): Promise<{ plan: PlanView; isNew: boolean }> {
  const { program, participant, view, ctx } = await loadParticipantFor(deps, caller, programId, participantId, 'plan:create');
  const previous = await planByKey(deps.db, programId, input.clientKey);
  if (previous) return previousPlan(deps, view, programId, participantId, previous);
  checkInProgram(participant);
  const content = planContent(input);
  const madeOn = todayIn(program, ctx.now);
  const id = await deps.db.transaction(async (tx) => {
    const inserted = await insertPlan(tx, ctx, { participantId, pairing: participant.pairing, madeOn }, input, content);
    await ctx.audit.flush(tx);
    return inserted;
  });
  if (!id) {
    // A concurrent retry with the same key won the race; answer with what it saved.
    const saved = await planByKey(deps.db, programId, input.clientKey);
    if (!saved) throw new Error('plan missing after conflict');
    return previousPlan(deps, view, programId, participantId, saved);
  }
  const plans = await findPlans(deps.db, { programId, participantId });
  const plan = plans.find((p) => p.id === id);
  if (!plan) throw new Error('plan vanished after insert');
  const showPractice = await maySeeTracking(deps, view, participantId);
  return { plan: presentPlan(plan, currentPlanOf(plans), showPractice), isNew: true };
}

async function previousPlan(
  deps: Deps,
  view: View,
  programId: string,
  participantId: string,
  previous: { id: string; participantId: string },
): Promise<{ plan: PlanView; isNew: boolean }> {
  replayedPlan(previous, participantId);
  const plans = await findPlans(deps.db, { programId, participantId });
  const plan = plans.find((p) => p.id === previous.id)!;
  const showPractice = await maySeeTracking(deps, view, participantId);
  return { plan: presentPlan(plan, currentPlanOf(plans), showPractice), isNew: false };
}

/** Reviews a plan at the next contact: done, partly or not done, with the barrier and what to change. */
export async function reviewPlan(
  deps: Deps,
  caller: Caller,
  programId: string,
  planId: string,
  input: PlanReviewInput,
): Promise<PlanView> {
  const { plan, participant, view, ctx } = await loadPlanFor(deps, caller, programId, planId, 'plan:review');
  checkReview(plan);
  await deps.db.transaction(async (tx) => {
    await markPlanReviewed(tx, ctx, planId, input);
    await ctx.audit.flush(tx);
  });
  const plans = await findPlans(deps.db, { programId, participantId: participant.id });
  const showPractice = await maySeeTracking(deps, view, participant.id);
  return presentPlan(
    plans.find((p) => p.id === planId)!,
    currentPlanOf(plans),
    showPractice,
  );
}

/**
 * Logs "did it / not today" against the current plan: one entry per plan and day, and the same
 * answer twice changes nothing.
 */
export async function recordPractice(
  deps: Deps,
  caller: Caller,
  programId: string,
  planId: string,
  on: string,
  did: boolean,
): Promise<PracticeView> {
  const { plan, plans, program, participant } = await loadPlanFor(deps, caller, programId, planId, 'checkin:record');
  checkInProgram(participant);
  if (currentPlanOf(plans)?.id !== plan.id) {
    throw new DomainError('invalid_state', 'plan_not_current', 'This plan is no longer the current one');
  }
  const now = deps.clock.now();
  checkPracticeDay(on, { today: todayIn(program, now), planMadeOn: plan.madeOn });
  return deps.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(practiceLog)
      .where(and(eq(practiceLog.planId, planId), eq(practiceLog.on, on)));
    const write = practiceWrite(existing?.did ?? null, did);
    if (write === 'unchanged') return { planId, on, did };
    const [row] = await tx
      .insert(practiceLog)
      .values({ id: newId(), programId, participantId: participant.id, planId, on, did, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [practiceLog.planId, practiceLog.on], set: { did, updatedAt: now } })
      .returning();
    if (!row) throw new Error('practice entry not saved');
    await audit(tx, caller, now, [
      { verb: write === 'create' ? 'create' : 'update', entityType: 'practice_entry', entityId: row.id, programId },
    ]);
    return { planId, on: row.on, did: row.did };
  });
}

/** The participant's choice to share check-ins and the practice log with the coach. */
export async function setSharing(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  shareWithCoach: boolean,
): Promise<{ shareWithCoach: boolean }> {
  await loadParticipantFor(deps, caller, programId, participantId, 'checkin:record');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(trackingSettings)
      .values({ participantId, programId, shareWithCoach, updatedAt: now })
      .onConflictDoUpdate({ target: trackingSettings.participantId, set: { shareWithCoach, updatedAt: now } });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'tracking_settings', entityId: participantId, programId }]);
  });
  return { shareWithCoach };
}

/** A short note of encouragement from the coach (or staff) to the participant. */
export async function writeNote(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  text: string,
): Promise<NoteView> {
  const { participant } = await loadParticipantFor(deps, caller, programId, participantId, 'encouragement:write');
  checkInProgram(participant);
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(encouragementNotes)
      .values({ id, programId, participantId, authorId: caller.actor.personId, text, createdAt: now });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'encouragement_note', entityId: id, programId }]);
  });
  return { id, text, authorName: caller.actor.displayName, writtenAt: now.toISOString() };
}

/** Plans made and reviewed per active pair: names for staff, participant codes only for evaluators. */
export async function listPlanSummary(deps: Deps, caller: Caller, programId: string): Promise<PlanSummaryRow[]> {
  await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'plan:summary', { programId });
  const rows = await planSummary(deps.db, programId);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'plan_summary', programId }]);
  return rows.map((r) => (view === 'full' ? r : { ...r, participantName: null, coachName: null }));
}
