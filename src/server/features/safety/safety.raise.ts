/**
 * Safety: raising an event (a coach's or staff's concern, a participant's "I need help now" and
 * "pressed by mistake"), through the one writer every trigger uses, with its alert e-mail.
 */
import { and, eq } from 'drizzle-orm';
import {
  localStamp,
  type ConcernInput,
  type HelpInput,
  type RaisedView,
  type RaiserRole,
  type SafetyCategory,
  type SafetyDetails,
  type SafetyTrigger,
} from '../../../core/safety';
import { zoneWords } from '../../../core/shared/time';
import { DomainError } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { findParticipants, type ParticipantRecord } from '../participants';
import { loadProgram, type Program } from '../programs';
import { programs } from '../programs/programs.table';
import { alertRecipients, findSafetyEvents, loadSafetySettings } from './safety.repository';
import { safetyEvents } from './safety.table';
import { ownParticipantId, relationToParticipant } from '../../access/relations';

/** Who a write is audited as: a signed-in caller, or no one (an assessment completed by link). */
export type AuditCaller = Pick<Caller, 'requestId' | 'ip'> & { actor: { personId: string } | null };

/** What raising an event needs besides the transaction: the outbox, the public address and the time. */
export interface SafetyEnv {
  mailer: Deps['mailer'];
  publicUrl: string;
  now: Date;
}

interface NewEvent {
  programId: string;
  participant: Pick<ParticipantRecord, 'id' | 'pairing'>;
  trigger: SafetyTrigger;
  category: SafetyCategory | null;
  /** The trigger's own idempotency key: the same key raises the same event, once. */
  sourceKey: string;
  raisedBy: string | null;
  raisedByRole: RaiserRole;
  note: string;
  details: SafetyDetails;
}

/** The alert's subject: nothing personal, since subjects show on lock screens. */
export const ALERT_SUBJECT = 'Kindred: a safety event needs attention';

function alertText(program: Pick<Program, 'name' | 'timeZone'>, eventId: string, programId: string, env: SafetyEnv): string {
  return [
    `A safety event was raised in the program "${program.name}" on ${localStamp(env.now, program.timeZone)} ${zoneWords(program.timeZone)}.`,
    'A coordinator needs to acknowledge it now, follow up and record what was done.',
    '',
    `Open it: ${env.publicUrl}/programs/${programId}/safety/${eventId}`,
    '',
    'This message names no one on purpose. Sign in to Kindred to see the facts.',
  ].join('\n');
}

/**
 * Raises a safety event in the caller's transaction, exactly once per source key: the first call
 * writes the event (which is the coordinators' task until it is closed), audits it and queues one
 * alert e-mail per safety contact; a repeat returns the event already raised and sends nothing.
 */
export async function raiseEvent(
  tx: Db | Tx,
  env: SafetyEnv,
  caller: AuditCaller,
  e: NewEvent,
): Promise<{ event: typeof safetyEvents.$inferSelect; isNew: boolean }> {
  const [inserted] = await tx
    .insert(safetyEvents)
    .values({
      id: newId(),
      programId: e.programId,
      participantId: e.participant.id,
      coachId: e.participant.pairing?.coachId ?? null,
      trigger: e.trigger,
      category: e.category,
      sourceKey: e.sourceKey,
      raisedAt: env.now,
      raisedBy: e.raisedBy,
      raisedByRole: e.raisedByRole,
      note: e.note,
      details: e.details,
      state: 'open',
    })
    .onConflictDoNothing()
    .returning();
  if (!inserted) {
    const [existing] = await tx
      .select()
      .from(safetyEvents)
      .where(and(eq(safetyEvents.programId, e.programId), eq(safetyEvents.sourceKey, e.sourceKey)));
    if (!existing) throw new Error('safety event missing after conflict');
    if (existing.participantId !== e.participant.id) {
      throw new DomainError('conflict', 'client_key_reused', 'This key was already used for another safety event');
    }
    return { event: existing, isNew: false };
  }
  await audit(tx, caller, env.now, [
    { verb: 'create', entityType: 'safety_event', entityId: inserted.id, programId: e.programId },
  ]);
  const [program] = await tx
    .select({ name: programs.name, timeZone: programs.timeZone })
    .from(programs)
    .where(eq(programs.id, e.programId));
  if (!program) throw new DomainError('not_found', undefined, 'Not found');
  for (const to of await alertRecipients(tx, e.programId)) {
    await env.mailer.enqueue(
      tx,
      { programId: e.programId, to, subject: ALERT_SUBJECT, text: alertText(program, inserted.id, e.programId, env) },
      env.now,
    );
  }
  return { event: inserted, isNew: true };
}

async function loadParticipant(deps: Deps, programId: string, participantId: string): Promise<ParticipantRecord> {
  const [record] = await findParticipants(deps.db, { programId, ids: [participantId] });
  if (!record) throw new DomainError('not_found', undefined, 'Not found');
  return record;
}

async function raised(deps: Deps, programId: string, event: typeof safetyEvents.$inferSelect): Promise<RaisedView> {
  const settings = await loadSafetySettings(deps.db, programId);
  return { id: event.id, trigger: event.trigger, raisedAt: event.raisedAt.toISOString(), crisis: settings.crisis };
}

/**
 * A coach (for his or her own participant) or staff (for anyone) raises a safety concern. The
 * answer carries the crisis information to give at once; the coordinators get the task and e-mail.
 */
export async function raiseConcern(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: ConcernInput,
): Promise<{ view: RaisedView; isNew: boolean }> {
  await loadProgram(deps.db, caller, programId);
  const participant = await loadParticipant(deps, programId, input.participantId);
  const view = authorize(caller.actor, 'safety:raise', {
    programId,
    relation: relationToParticipant(caller.actor, participant),
    hideExistence: true,
  });
  // A participant asks for help through "I need help now", which raises the event about himself or herself.
  if (view === 'self') throw new DomainError('forbidden', undefined, 'Use "I need help now" instead');
  const isStaff = view === 'full';
  const env = { mailer: deps.mailer, publicUrl: deps.publicUrl, now: deps.clock.now() };
  const { event, isNew } = await deps.db.transaction((tx) =>
    raiseEvent(tx, env, caller, {
      programId,
      participant,
      trigger: isStaff ? 'staff_concern' : 'coach_concern',
      category: input.category,
      sourceKey: `concern:${input.clientKey}`,
      raisedBy: caller.actor.personId,
      raisedByRole: isStaff ? 'staff' : 'coach',
      note: input.note,
      details: {},
    }),
  );
  return { view: await raised(deps, programId, event), isNew };
}

/** A participant presses "I need help now": the event is raised and the crisis information comes back at once. */
export async function requestHelp(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: HelpInput,
): Promise<{ view: RaisedView; isNew: boolean }> {
  await loadProgram(deps.db, caller, programId);
  const ownId = ownParticipantId(caller.actor, programId);
  if (!ownId) throw new DomainError('forbidden', undefined, 'Only a participant can ask for help here');
  authorize(caller.actor, 'safety:raise', { programId, relation: 'self' });
  const participant = await loadParticipant(deps, programId, ownId);
  const env = { mailer: deps.mailer, publicUrl: deps.publicUrl, now: deps.clock.now() };
  const { event, isNew } = await deps.db.transaction((tx) =>
    raiseEvent(tx, env, caller, {
      programId,
      participant,
      trigger: 'participant_help',
      category: null,
      sourceKey: `help:${input.clientKey}`,
      raisedBy: caller.actor.personId,
      raisedByRole: 'participant',
      note: '',
      details: {},
    }),
  );
  return { view: await raised(deps, programId, event), isNew };
}

/**
 * The participant's "Pressed by mistake? Tell us" after their own "I need help now" (issue #16).
 * It does not close or hide the event: staff still acknowledge it and decide whether to call; the
 * event page says what the participant told us. Only the participant who pressed may say so;
 * anyone else's event, or another kind, is not found. Saying it twice keeps the first time.
 */
export async function reportHelpMistake(deps: Deps, caller: Caller, programId: string, eventId: string): Promise<void> {
  await loadProgram(deps.db, caller, programId);
  const ownId = ownParticipantId(caller.actor, programId);
  if (!ownId) throw new DomainError('forbidden', undefined, 'Only a participant can say this');
  authorize(caller.actor, 'safety:raise', { programId, relation: 'self' });
  const [event] = await findSafetyEvents(deps.db, { programId, ids: [eventId] });
  if (
    !event ||
    event.trigger !== 'participant_help' ||
    event.participantId !== ownId ||
    event.raisedBy !== caller.actor.personId
  ) {
    throw new DomainError('not_found', undefined, 'Not found');
  }
  if (event.details.mistakeReportedAt) return;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(safetyEvents)
      .set({ details: { ...event.details, mistakeReportedAt: now.toISOString() } })
      .where(and(eq(safetyEvents.id, eventId), eq(safetyEvents.programId, programId)));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'safety_event', entityId: eventId, programId }]);
  });
}
