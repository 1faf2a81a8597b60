import { and, eq } from 'drizzle-orm';
import type { Answers, ScoreResult } from '../../../core/instruments';
import { PHQ9_SAFETY_ITEM } from '../../../core/instruments';
import {
  awaitingAcknowledgement,
  checkFollowUpTime,
  compareSafetyTasks,
  flagRiskWords,
  localStamp,
  nextSafetyState,
  possibleSteps,
  safetyTaskReason,
  safetyTimings,
  summarizeSafetyLog,
  type CloseInput,
  type ConcernInput,
  type FollowUpInput,
  type HelpInput,
  type OpenSafetyEventsView,
  type RaisedView,
  type RaiserRole,
  type SafetyCategory,
  type SafetyDetails,
  type SafetyEventView,
  type SafetyLogView,
  type SafetySettings,
  type SafetyState,
  type SafetyStep,
  type SafetyTrigger,
} from '../../../core/safety';
import { localDateOf, zoneWords } from '../../../core/shared/time';
import { DomainError } from '../../../core/shared/errors';
import type { TaskView } from '../../../core/tasks';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { findParticipants, relationTo, type ParticipantRecord } from '../participants';
import { loadProgram, type Program } from '../programs';
import { programs } from '../programs/programs.table';
import {
  alertRecipients,
  findFollowUps,
  findSafetyEvents,
  loadSafetySettings,
  type SafetyEventRecord,
} from './safety.repository';
import { safetyEvents, safetyFollowUps, safetySettings } from './safety.table';

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
async function raiseEvent(
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
    relation: relationTo(caller.actor, participant),
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
  const ownId = caller.actor.participantIds.get(programId);
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
  const ownId = caller.actor.participantIds.get(programId);
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

/**
 * Raises a safety event for each safety flag of a scored assessment response (PHQ-9 item 9 above
 * 0 raises `suicidal_ideation`), in the caller's transaction so the response and its event commit
 * together. Idempotent on the response id: scoring or saving the same response again raises
 * nothing new. The assessment slice calls this whoever entered the answers (by link or by staff).
 */
export async function recordScoredResponseFlags(
  tx: Db | Tx,
  env: SafetyEnv,
  caller: AuditCaller,
  input: {
    programId: string;
    participantId: string;
    responseId: string;
    result: Pick<ScoreResult, 'instrument' | 'flags'>;
    answers?: Answers;
    /** The person who entered the answers, or null when the participant completed them by link. */
    enteredBy: string | null;
  },
): Promise<{ eventId: string; isNew: boolean }[]> {
  if (input.result.flags.length === 0) return [];
  const [participant] = await findParticipants(tx, { programId: input.programId, ids: [input.participantId] });
  if (!participant) throw new DomainError('not_found', undefined, 'Not found');
  const out: { eventId: string; isNew: boolean }[] = [];
  for (const flag of input.result.flags) {
    const item = input.result.instrument === 'phq9' ? input.answers?.[PHQ9_SAFETY_ITEM] : undefined;
    const { event, isNew } = await raiseEvent(tx, env, caller, {
      programId: input.programId,
      participant,
      trigger: 'assessment_flag',
      category: flag === 'suicidal_ideation' ? 'self_harm' : null,
      sourceKey: `assessment:${input.responseId}:${flag}`,
      raisedBy: input.enteredBy,
      raisedByRole: 'system',
      note: '',
      details: {
        instrument: input.result.instrument,
        flag,
        responseId: input.responseId,
        ...(typeof item === 'number' ? { itemValue: item } : {}),
      },
    });
    out.push({ eventId: event.id, isNew });
  }
  return out;
}

/**
 * Flags a participant's check-in note for a coordinator to read when it contains risk words
 * (`flagRiskWords`); the event records the list's phrases, never the note. Idempotent on the
 * check-in id. Returns null when the note has none. For the check-in slice to call in its transaction.
 */
export async function recordCheckInNoteFlags(
  tx: Db | Tx,
  env: SafetyEnv,
  caller: AuditCaller,
  input: { programId: string; participantId: string; checkInId: string; note: string; enteredBy: string | null },
): Promise<{ eventId: string; isNew: boolean } | null> {
  return raiseForRiskWords(tx, env, caller, input.note, {
    programId: input.programId,
    participantId: input.participantId,
    sourceKey: `checkin:${input.checkInId}`,
    raisedBy: input.enteredBy,
    note: '',
    details: { checkInId: input.checkInId },
  });
}

/** The safety event for risk words in what a participant wrote (none when it has none): the phrases found, never logged. */
async function raiseForRiskWords(
  tx: Db | Tx,
  env: SafetyEnv,
  caller: AuditCaller,
  text: string,
  source: { programId: string; participantId: string; sourceKey: string; raisedBy: string | null; note: string; details: object },
): Promise<{ eventId: string; isNew: boolean } | null> {
  const flag = flagRiskWords(text);
  if (!flag.isFlagged) return null;
  const [participant] = await findParticipants(tx, { programId: source.programId, ids: [source.participantId] });
  if (!participant) throw new DomainError('not_found', undefined, 'Not found');
  const { event, isNew } = await raiseEvent(tx, env, caller, {
    programId: source.programId,
    participant,
    trigger: 'risk_words',
    category: 'self_harm',
    sourceKey: source.sourceKey,
    raisedBy: source.raisedBy,
    raisedByRole: 'system',
    note: source.note,
    details: { phrases: flag.phrases, ...source.details },
  });
  return { eventId: event.id, isNew };
}

/**
 * Risk words in a text message from a participant that is not recorded as a check-in (a reply
 * Kindred could not read, or one with no check-in text open; #16, ADR 0040): the same safety event
 * as a check-in note's, keyed by the provider's message id, with the message as its note so a
 * coordinator can read it (staff only; never logged).
 */
export async function recordTextReplyFlags(
  tx: Db | Tx,
  env: SafetyEnv,
  caller: AuditCaller,
  input: { programId: string; participantId: string; messageKey: string; text: string },
): Promise<{ eventId: string; isNew: boolean } | null> {
  return raiseForRiskWords(tx, env, caller, input.text, {
    programId: input.programId,
    participantId: input.participantId,
    sourceKey: `sms:${input.messageKey}`,
    raisedBy: null,
    note: input.text.slice(0, 2000),
    details: {},
  });
}

function timingsView(e: SafetyEventRecord, now: Date, timeZone: string) {
  const t = safetyTimings(e, now, timeZone);
  return { ...t, followUpDueAt: t.followUpDueAt.toISOString() };
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

async function presentEvent(deps: Deps, e: SafetyEventRecord, program: Program, now: Date): Promise<SafetyEventView> {
  const followUps = await findFollowUps(deps.db, e.programId, e.id);
  return {
    id: e.id,
    participantId: e.participantId,
    participantName: e.participantName,
    participantCode: e.participantCode,
    participantPhone: e.participantPhone,
    coachId: e.coachId,
    coachName: e.coachName,
    trigger: e.trigger,
    category: e.category,
    state: e.state,
    note: e.note,
    details: e.details,
    raisedAt: e.raisedAt.toISOString(),
    raisedByRole: e.raisedByRole,
    raisedByName: e.raisedByName,
    acknowledgedAt: iso(e.acknowledgedAt),
    acknowledgedByName: e.acknowledgedByName,
    closedAt: iso(e.closedAt),
    closedByName: e.closedByName,
    closeNote: e.closeNote,
    followUps: followUps.map((f) => ({
      id: f.id,
      doneAt: f.doneAt.toISOString(),
      action: f.action,
      referredTo: f.referredTo,
      recordedByName: f.recordedByName,
      recordedAt: f.recordedAt.toISOString(),
    })),
    timings: timingsView(e, now, program.timeZone),
    steps: possibleSteps(e.state),
  };
}

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

/**
 * The program's safety and adverse-event log for oversight, newest first, with the time to
 * acknowledgement and to follow-up: names for staff, participant codes only for evaluators.
 */
export async function safetyLog(deps: Deps, caller: Caller, programId: string): Promise<SafetyLogView> {
  const program = await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'safety:log', { programId });
  const events = await findSafetyEvents(deps.db, { programId });
  const now = deps.clock.now();
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'safety_event', programId }]);
  const isFull = view === 'full';
  return {
    view: isFull ? 'full' : 'pseudonymous',
    summary: summarizeSafetyLog(events, now, program.timeZone),
    events: events.map((e) => {
      const base = {
        id: e.id,
        participantCode: e.participantCode,
        trigger: e.trigger,
        category: e.category,
        state: e.state,
        raisedAt: e.raisedAt.toISOString(),
        raisedByRole: e.raisedByRole,
        acknowledgedAt: iso(e.acknowledgedAt),
        firstFollowUpAt: iso(e.firstFollowUpAt),
        closedAt: iso(e.closedAt),
        timings: timingsView(e, now, program.timeZone),
      };
      return isFull
        ? {
            view: 'full' as const,
            ...base,
            participantId: e.participantId,
            participantName: e.participantName,
            raisedByName: e.raisedByName,
          }
        : { view: 'pseudonymous' as const, ...base };
    }),
  };
}

/**
 * The events waiting for acknowledgement, for the banner heading every staff page (issue #16): how
 * many, and the first few by who raised them and the longest wait, with only what the banner
 * shows. Staff only, like acting on an event; it names people, so it is audited as a list.
 */
export async function openSafetyEvents(
  deps: Deps,
  caller: Caller,
  programId: string,
  limit: number,
): Promise<OpenSafetyEventsView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'safety:act', { programId });
  const open = awaitingAcknowledgement(await findSafetyEvents(deps.db, { programId, isUnacknowledged: true }));
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'safety_event', programId }]);
  return {
    total: open.length,
    events: open.slice(0, limit).map((e) => ({
      id: e.id,
      participantName: e.participantName,
      raisedAt: e.raisedAt.toISOString(),
      trigger: e.trigger,
    })),
  };
}

/**
 * The coordinators' safety tasks: every event not yet closed, before any other task (the tasks
 * feature puts them first). The caller has already been authorized to see staff tasks.
 */
export async function openSafetyTasks(db: Db, program: Pick<Program, 'id' | 'timeZone'>, now: Date): Promise<TaskView[]> {
  const events = await findSafetyEvents(db, { programId: program.id, isOpen: true });
  return [...events].sort(compareSafetyTasks).map((e) => {
    const t = safetyTimings(e, now, program.timeZone);
    const dueDay = e.state === 'open' ? e.raisedAt : new Date(t.followUpDueAt.getTime() - 1);
    return {
      kind: 'safety' as const,
      assignee: 'coordinator' as const,
      pairingId: null,
      participantId: e.participantId,
      participantName: e.participantName,
      coachId: e.coachId,
      coachName: e.coachName ?? '',
      dueOn: localDateOf(dueDay, program.timeZone),
      isOverdue: t.followUpStatus === 'overdue',
      reason: safetyTaskReason(e, program.timeZone),
      tips: [],
      safetyEventId: e.id,
    };
  });
}

/** The crisis information for anyone in the program. Not personal data, so not audited. */
export async function getCrisisInfo(deps: Deps, caller: Caller, programId: string): Promise<SafetySettings['crisis']> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'crisis:view', { programId });
  return (await loadSafetySettings(deps.db, programId)).crisis;
}

/** The program's safety settings (safety contacts' addresses are read, so the read is audited). */
export async function getSafetySettings(deps: Deps, caller: Caller, programId: string): Promise<SafetySettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'safety:configure', { programId });
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'safety_settings', entityId: programId, programId },
  ]);
  return loadSafetySettings(deps.db, programId);
}

/** Staff set who is alerted and what crisis information is shown (for programs outside the United States too). */
export async function updateSafetySettings(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: SafetySettings,
): Promise<SafetySettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'safety:configure', { programId });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const values = {
      safetyContacts: input.safetyContacts,
      crisis: input.crisis,
      updatedAt: now,
      updatedBy: caller.actor.personId,
    };
    await tx
      .insert(safetySettings)
      .values({ programId, ...values })
      .onConflictDoUpdate({ target: safetySettings.programId, set: values });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'safety_settings', entityId: programId, programId }]);
  });
  return loadSafetySettings(deps.db, programId);
}
