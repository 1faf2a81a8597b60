/** Safety: acting on one event (reading, acknowledging, a follow-up, closing). */
import { and, eq } from 'drizzle-orm';
import {
  checkFollowUpTime,
  nextSafetyState,
  type CloseInput,
  type FollowUpInput,
  type SafetyEventView,
  type SafetyState,
  type SafetyStep,
} from '../../../core/safety';
import { DomainError } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { loadProgram, type Program } from '../programs';
import { findSafetyEvents, type SafetyEventRecord } from './safety.repository';
import { safetyEvents, safetyFollowUps } from './safety.table';
import { presentEvent } from './safety.presenters';

async function loadEvent(
  deps: Deps,
  caller: Caller,
  programId: string,
  eventId: string,
  action: 'safety:view' | 'safety:act',
): Promise<{ event: SafetyEventRecord; program: Program }> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, action, { programId, hideExistence: true });
  const [event] = await findSafetyEvents(deps.db, { programId, ids: [eventId] });
  if (!event) throw new DomainError('not_found', undefined, 'Not found');
  return { event, program };
}

/** One safety event with its follow-ups, for staff. */
export async function getSafetyEvent(deps: Deps, caller: Caller, programId: string, eventId: string): Promise<SafetyEventView> {
  const { event, program } = await loadEvent(deps, caller, programId, eventId, 'safety:view');
  const now = deps.clock.now();
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'safety_event', entityId: eventId, programId }]);
  return presentEvent(deps, event, program, now);
}

/**
 * Moves an event one step under the pure state rule, in one transaction. The update is guarded by
 * the state it was read in, so two coordinators acting at once cannot both succeed: the second
 * gets the same 409 as any other step that is not possible now, and nothing changes.
 */
async function step(
  deps: Deps,
  caller: Caller,
  programId: string,
  eventId: string,
  stepName: SafetyStep,
  write: (tx: Tx, now: Date, next: SafetyState) => Promise<void>,
): Promise<SafetyEventView> {
  const { event, program } = await loadEvent(deps, caller, programId, eventId, 'safety:act');
  const next = nextSafetyState(event.state, stepName);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [moved] = await tx
      .update(safetyEvents)
      .set({ state: next })
      .where(and(eq(safetyEvents.id, eventId), eq(safetyEvents.programId, programId), eq(safetyEvents.state, event.state)))
      .returning({ id: safetyEvents.id });
    if (!moved) throw new DomainError('conflict', 'changed_meanwhile', 'Someone else changed this safety event; reload it');
    await write(tx, now, next);
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'safety_event', entityId: eventId, programId }]);
  });
  const [after] = await findSafetyEvents(deps.db, { programId, ids: [eventId] });
  if (!after) throw new DomainError('not_found', undefined, 'Not found');
  return presentEvent(deps, after, program, now);
}

/** A coordinator says "I have this": the time to acknowledgement stops. */
export function acknowledgeSafetyEvent(deps: Deps, caller: Caller, programId: string, eventId: string): Promise<SafetyEventView> {
  return step(deps, caller, programId, eventId, 'acknowledge', async (tx, now) => {
    await tx
      .update(safetyEvents)
      .set({ acknowledgedAt: now, acknowledgedBy: caller.actor.personId })
      .where(eq(safetyEvents.id, eventId));
  });
}

/** Staff record what was done after an acknowledged event: when, what, and to whom the person was referred. */
export async function recordSafetyFollowUp(
  deps: Deps,
  caller: Caller,
  programId: string,
  eventId: string,
  input: FollowUpInput,
): Promise<SafetyEventView> {
  const { event } = await loadEvent(deps, caller, programId, eventId, 'safety:act');
  const doneAt = new Date(input.doneAt);
  nextSafetyState(event.state, 'follow_up');
  checkFollowUpTime(doneAt, event, deps.clock.now());
  return step(deps, caller, programId, eventId, 'follow_up', async (tx, now) => {
    const id = newId();
    await tx.insert(safetyFollowUps).values({
      id,
      programId,
      eventId,
      doneAt,
      action: input.action,
      referredTo: input.referredTo,
      recordedBy: caller.actor.personId,
      recordedAt: now,
    });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'safety_follow_up', entityId: id, programId }]);
  });
}

/** Closes an event once a follow-up is recorded. */
export function closeSafetyEvent(
  deps: Deps,
  caller: Caller,
  programId: string,
  eventId: string,
  input: CloseInput,
): Promise<SafetyEventView> {
  return step(deps, caller, programId, eventId, 'close', async (tx, now) => {
    await tx
      .update(safetyEvents)
      .set({ closedAt: now, closedBy: caller.actor.personId, closeNote: input.note })
      .where(eq(safetyEvents.id, eventId));
  });
}
