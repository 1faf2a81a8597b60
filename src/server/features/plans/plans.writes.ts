import { and, eq, isNull } from 'drizzle-orm';
import { planVersions, type PlanInput, type PlanReviewInput } from '../../../core/plans';
import { DomainError } from '../../../core/shared/errors';
import type { ProgramContext } from '../../access/program-context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { actionPlans } from './plans.table';

/**
 * Writing action plans for use cases that have already loaded and authorized (ADR 0045): making and
 * reviewing a plan, and the session guide inside its own transaction. Nothing here reads the
 * participant again or re-authorizes the caller on it.
 */

/** What a plan is saved with: an action plan's final version with the drafts changed on the way, or a small step. */
export type PlanContent = Pick<
  typeof actionPlans.$inferInsert,
  'what' | 'howMuch' | 'whenText' | 'daysPerWeek' | 'confidence' | 'readiness' | 'earlierDrafts'
>;

/** The content of a new plan, checked (the versions of an action plan) without reads. */
export function planContent(input: PlanInput): PlanContent {
  if (input.kind === 'action_plan') {
    const versions = planVersions(input.earlierDrafts, input);
    const final = versions.at(-1)!;
    return {
      what: final.what,
      howMuch: final.howMuch,
      whenText: final.when,
      daysPerWeek: final.daysPerWeek,
      confidence: final.confidence,
      readiness: null,
      earlierDrafts: versions.slice(0, -1).map(({ version: _, ...d }) => d),
    };
  }
  return {
    what: input.what,
    howMuch: '',
    whenText: input.when,
    daysPerWeek: null,
    confidence: null,
    readiness: input.readiness,
    earlierDrafts: [],
  };
}

/**
 * Inserts a plan in the caller's transaction and adds its audit entry to the context's log; null
 * when a concurrent request saved a plan under the same key first.
 */
export async function insertPlan(
  tx: Db | Tx,
  ctx: ProgramContext,
  target: { participantId: string; pairing: { id: string; coachId: string } | null; madeOn: string },
  input: { clientKey: string; kind: PlanInput['kind'] },
  content: PlanContent,
): Promise<string | null> {
  const [row] = await tx
    .insert(actionPlans)
    .values({
      id: newId(),
      programId: ctx.programId,
      participantId: target.participantId,
      pairingId: target.pairing?.id ?? null,
      coachId: target.pairing?.coachId ?? null,
      clientKey: input.clientKey,
      kind: input.kind,
      ...content,
      madeOn: target.madeOn,
      madeBy: ctx.caller.actor.personId,
      createdAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning({ id: actionPlans.id });
  if (!row) return null;
  ctx.audit.add({ verb: 'create', entityType: 'action_plan', entityId: row.id });
  return row.id;
}

/**
 * Records the review of an unreviewed plan in the caller's transaction and adds its audit entry;
 * two reviews racing cannot both win (the loser is refused as already reviewed).
 */
export async function markPlanReviewed(tx: Db | Tx, ctx: ProgramContext, planId: string, input: PlanReviewInput): Promise<void> {
  const [row] = await tx
    .update(actionPlans)
    .set({
      reviewOutcome: input.outcome,
      reviewBarrier: input.barrier,
      reviewChange: input.change,
      reviewedBy: ctx.caller.actor.personId,
      reviewedAt: ctx.now,
    })
    .where(and(eq(actionPlans.id, planId), eq(actionPlans.programId, ctx.programId), isNull(actionPlans.reviewedAt)))
    .returning({ id: actionPlans.id });
  if (!row) throw new DomainError('conflict', 'plan_already_reviewed', 'This plan has already been reviewed');
  ctx.audit.add({ verb: 'update', entityType: 'action_plan', entityId: planId });
}

/** The plan saved under a client key in the program, if any. */
export async function planByKey(
  db: Db | Tx,
  programId: string,
  clientKey: string,
): Promise<{ id: string; participantId: string } | null> {
  const [row] = await db
    .select({ id: actionPlans.id, participantId: actionPlans.participantId })
    .from(actionPlans)
    .where(and(eq(actionPlans.programId, programId), eq(actionPlans.clientKey, clientKey)));
  return row ?? null;
}

/** A plan already saved under the key answers a retry; a key used for another participant is refused. */
export function replayedPlan<P extends { participantId: string }>(saved: P, participantId: string): P {
  if (saved.participantId !== participantId) {
    throw new DomainError('conflict', 'client_key_reused', 'This plan key was already used for another plan');
  }
  return saved;
}
