/**
 * Engagement: acting on the escalation ladder's steps (the staff check-in call, the decision) and its history.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  checkInOutcome,
  ladderPosition,
  type CheckInCallView,
  type CheckInCallInput,
  type DecisionInput,
  type LadderEventView,
  type RecordedStep,
  localDateOf,
} from '../../../core/engagement';
import { DomainError, notFound } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { programContext } from '../../access/program-context';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { coaches } from '../coaches/coaches.table';
import { writePairingEnd } from '../pairings';
import { pairings } from '../pairings/pairings.table';
import { findParticipants, writeParticipantUpdate, writeStatusChange } from '../participants';
import { loadProgram, taskRulesOf } from '../programs';
import { participants } from '../participants/participants.table';
import { loadPairingActivity, type ActivityRow } from '../tasks';
import { ladderEvents } from './engagement.table';

type EventRow = typeof ladderEvents.$inferSelect;

function presentEvent(e: EventRow): LadderEventView {
  return {
    id: e.id,
    pairingId: e.pairingId,
    participantId: e.participantId,
    step: e.step,
    episodeStartedAt: e.episodeStartedAt.toISOString(),
    firedAt: e.firedAt.toISOString(),
    actedBy: e.actedBy,
    actedAt: e.actedAt?.toISOString() ?? null,
    outcome: e.outcome,
    reachedParticipant: e.reachedParticipant,
    reachedCoach: e.reachedCoach,
    findings: e.findings,
    reason: e.reason,
    pausedUntil: e.pausedUntil,
    note: e.note,
  };
}

/** Locks an active pairing of the program and reads its ladder facts, inside a transaction. */
async function lockPair(tx: Tx, programId: string, pairingId: string): Promise<ActivityRow> {
  const [pairing] = await tx
    .select()
    .from(pairings)
    .where(and(eq(pairings.id, pairingId), eq(pairings.programId, programId)))
    .for('update');
  if (!pairing) throw notFound();
  if (pairing.endedAt) throw new DomainError('invalid_state', 'pairing_ended', 'This pairing has ended');
  const [row] = await loadPairingActivity(tx, { programId, participantId: pairing.participantId });
  if (!row || row.pairingId !== pairingId) {
    throw new DomainError('invalid_state', 'participant_not_active', 'The participant is not active in this pairing');
  }
  return row;
}

/** Writes the acted-on event of a step, creating it if the sweep had not yet recorded the step firing. */
async function actOnStep(
  tx: Tx,
  row: ActivityRow,
  programId: string,
  step: RecordedStep,
  episodeStartedAt: Date,
  firedAt: Date,
  now: Date,
  values: Partial<EventRow> & { actedBy: string },
): Promise<EventRow> {
  const acted = { ...values, actedAt: now };
  const [event] = await tx
    .insert(ladderEvents)
    .values({
      id: newId(),
      programId,
      pairingId: row.pairingId,
      participantId: row.participantId,
      step,
      episodeStartedAt,
      firedAt,
      recordedAt: now,
      ...acted,
    })
    .onConflictDoUpdate({
      target: [ladderEvents.pairingId, ladderEvents.step, ladderEvents.episodeStartedAt],
      set: acted,
      where: isNull(ladderEvents.actedAt),
    })
    .returning();
  // Nothing returned: another coordinator acted on this step a moment ago.
  if (!event) throw new DomainError('conflict', 'step_already_recorded', 'Someone has already recorded this step');
  return event;
}

/**
 * Whom staff call on a check-in call and the numbers to call (issue #16): the participant's and
 * the coach's phones, for staff who may record the call, of an active pairing in the program.
 * Audited as reads of the participant and of the coach.
 */
export async function checkInCallContacts(
  deps: Deps,
  caller: Caller,
  programId: string,
  pairingId: string,
): Promise<CheckInCallView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'ladder:record', { programId });
  const [row] = await deps.db
    .select({
      endedAt: pairings.endedAt,
      participantId: participants.id,
      participantGiven: participants.givenName,
      participantFamily: participants.familyName,
      participantPhone: participants.phone,
      coachId: coaches.id,
      coachGiven: coaches.givenName,
      coachFamily: coaches.familyName,
      coachPhone: coaches.phone,
    })
    .from(pairings)
    .innerJoin(participants, eq(participants.id, pairings.participantId))
    .innerJoin(coaches, eq(coaches.id, pairings.coachId))
    .where(and(eq(pairings.id, pairingId), eq(pairings.programId, programId)));
  if (!row) throw notFound();
  if (row.endedAt) throw new DomainError('invalid_state', 'pairing_ended', 'This pairing has ended');
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'participant', entityId: row.participantId, programId },
    { verb: 'read', entityType: 'coach', entityId: row.coachId, programId },
  ]);
  return {
    pairingId,
    participant: { id: row.participantId, name: `${row.participantGiven} ${row.participantFamily}`, phone: row.participantPhone },
    coach: { id: row.coachId, name: `${row.coachGiven} ${row.coachFamily}`, phone: row.coachPhone },
  };
}

/**
 * Records a coordinator's check-in call on a quiet pair (ladder step 3): whom staff reached (or
 * that they reached no one) and what they learnt. Allowed once the step has fired and until a
 * reached contact starts a new episode.
 */
export async function recordCheckInCall(
  deps: Deps,
  caller: Caller,
  programId: string,
  pairingId: string,
  input: CheckInCallInput,
): Promise<LadderEventView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'ladder:record', { programId });
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await lockPair(tx, programId, pairingId);
    const pos = ladderPosition(row, taskRulesOf(program), now);
    if (!pos.fired.includes('check_in')) {
      throw new DomainError('invalid_state', 'check_in_not_due', 'No check-in call is due for this pair');
    }
    if (pos.isCheckInRecorded) throw new DomainError('conflict', 'step_already_recorded', 'A check-in call is already recorded');
    const event = await actOnStep(tx, row, programId, 'check_in', pos.episodeStartedAt, pos.dueAt.check_in, now, {
      actedBy: caller.actor.personId,
      // Reaching no one still records the call: the step is done, and the decision comes on its date.
      outcome: checkInOutcome(input),
      reachedParticipant: input.reachedParticipant,
      reachedCoach: input.reachedCoach,
      findings: input.findings,
      note: input.note,
    });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'ladder_event', entityId: event.id, programId }]);
    return presentEvent(event);
  });
}

/**
 * Records the coordinator's decision on a pair that stayed quiet (ladder step 4) and carries it out
 * in the same transaction: re-pair ends the pairing (the participant waits for a new coach), pause
 * sets the participant's contact pause, withdraw changes the participant's status. Each goes
 * through the owning feature's use case, with its own rules and audit.
 */
export async function recordDecision(
  deps: Deps,
  caller: Caller,
  programId: string,
  pairingId: string,
  input: DecisionInput,
): Promise<LadderEventView> {
  const program = await loadProgram(deps.db, caller, programId);
  // `ladder:record` implies the nested writes' actions (pairing:end, participant:preferences,
  // participant:status); program-context.test.ts checks it for every role.
  const ctx = programContext(caller, programId, 'ladder:record', { relation: 'none', hideExistence: false }, deps.clock.now());
  const now = ctx.now;
  return deps.db.transaction(async (tx) => {
    const row = await lockPair(tx, programId, pairingId);
    const pos = ladderPosition(row, taskRulesOf(program), now);
    if (!pos.fired.includes('decision')) {
      throw new DomainError('invalid_state', 'decision_not_due', 'No decision is due for this pair');
    }
    if (pos.isDecisionRecorded) throw new DomainError('conflict', 'step_already_recorded', 'A decision is already recorded');
    const event = await actOnStep(tx, row, programId, 'decision', pos.episodeStartedAt, pos.dueAt.decision, now, {
      actedBy: caller.actor.personId,
      outcome: input.outcome,
      reason: input.outcome === 'pause' ? null : input.reason,
      pausedUntil: input.outcome === 'pause' ? input.until : null,
      note: input.note,
    });
    // The owning features' writes run in this transaction with this context, each with its own rules
    // and audit entries (issue #14: no nested use case reloading and re-authorizing).
    if (input.outcome === 're_pair') {
      await writePairingEnd(tx, ctx, pairingId, { reason: input.reason, note: input.note });
    } else {
      const [participant] = await findParticipants(tx, { programId, ids: [row.participantId] });
      if (!participant) throw notFound();
      if (input.outcome === 'pause') {
        await writeParticipantUpdate(tx, ctx, program, participant, { contactPausedUntil: input.until });
      } else {
        const on = localDateOf(now, program.timeZone);
        await writeStatusChange(tx, ctx, program, participant, { status: 'withdrawn', on, reason: input.reason });
      }
    }
    ctx.audit.add({ verb: 'create', entityType: 'ladder_event', entityId: event.id });
    await ctx.audit.flush(tx);
    return presentEvent(event);
  });
}

/** The ladder events of one pairing, newest first (staff). */
export async function listLadderEvents(
  deps: Deps,
  caller: Caller,
  programId: string,
  pairingId: string,
): Promise<LadderEventView[]> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'pair:list', { programId });
  const [pairing] = await deps.db
    .select({ id: pairings.id })
    .from(pairings)
    .where(and(eq(pairings.id, pairingId), eq(pairings.programId, programId)));
  // A pairing outside the program answers 404 like every other route, not an empty list.
  if (!pairing) throw notFound();
  const rows = await deps.db
    .select()
    .from(ladderEvents)
    .where(and(eq(ladderEvents.programId, programId), eq(ladderEvents.pairingId, pairingId)))
    .orderBy(sql`${ladderEvents.firedAt} desc`);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'ladder_event', entityId: pairingId, programId }]);
  return rows.map(presentEvent);
}
