/**
 * Scheduling: booking a pair's next session, moving it, and marking it held, missed or cancelled (ADR 0013).
 */
import { and, eq } from 'drizzle-orm';
import {
  DEFAULT_SCHEDULING,
  sessionStart,
  videoLinkFor,
  type ScheduleSessionInput,
  type SchedulingSettings,
  type ScheduledSessionView,
} from '../../../core/engagement';
import { DomainError } from '../../../core/shared/errors';
import { auditLog, type ProgramContext } from '../../access/program-context';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { coaches } from '../coaches/coaches.table';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';
import { loadProgram, type Program } from '../programs';
import { scheduledSessions, schedulingSettings } from './engagement.table';
import { settingsOf } from './scheduling.settings';
import { loadPairFor, loadSessionFor, lockSession, type Pair, type SessionRow } from './scheduling.access';
import { mailInvitations } from './scheduling.mail';
import { present } from './scheduling.presenter';

function checkStart(program: Program, pair: Pair, input: ScheduleSessionInput, now: Date): Date {
  if (pair.pairing.endedAt) throw new DomainError('invalid_state', 'pairing_ended', 'This pairing has ended');
  return sessionStart(input, { timeZone: program.timeZone, now, participantPausedUntil: pair.participant.contactPausedUntil });
}

/**
 * Schedules the next session of a pair (the pair's coach, or staff), and e-mails both people a
 * calendar invitation in the same transaction. The video link comes from the program's video-room
 * template; a place is kept only for a meeting in person. For the session guide (#3) too.
 */
export async function scheduleSession(
  deps: Deps,
  caller: Caller,
  programId: string,
  pairingId: string,
  input: ScheduleSessionInput,
): Promise<ScheduledSessionView> {
  const program = await loadProgram(deps.db, caller, programId);
  const pair = await loadPairFor(deps.db, caller, programId, pairingId, 'session:schedule');
  const now = deps.clock.now();
  const startsAt = checkStart(program, pair, input, now);
  const settings = await settingsOf(deps.db, programId);
  const log = auditLog(caller, programId, now);
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertScheduledSession(
      deps,
      tx,
      { caller, programId, now, audit: log },
      { program, pair, settings },
      input,
      startsAt,
    );
    await log.flush(tx);
    return created;
  });
  return present(row, program, pair, pair.view);
}

/** What scheduling a pair's session needs, read in one statement: the pair with its two people and the program's settings. */
export interface SchedulingTarget {
  pair: Pair;
  settings: SchedulingSettings;
}

/**
 * The pairing with its participant and coach and the program's scheduling settings (the defaults
 * when none are stored), in one round trip; null when the program has no such pairing. Unscoped:
 * for a use case that has already authorized the caller on this pair (ADR 0045).
 */
export async function schedulingTarget(db: Db | Tx, programId: string, pairingId: string): Promise<SchedulingTarget | null> {
  const [row] = await db
    .select({ pairing: pairings, participant: participants, coach: coaches, settings: schedulingSettings })
    .from(pairings)
    .innerJoin(participants, eq(participants.id, pairings.participantId))
    .innerJoin(coaches, eq(coaches.id, pairings.coachId))
    .leftJoin(schedulingSettings, eq(schedulingSettings.programId, pairings.programId))
    .where(and(eq(pairings.programId, programId), eq(pairings.id, pairingId)));
  if (!row) return null;
  const { settings, ...pair } = row;
  return {
    pair,
    settings: settings
      ? {
          videoRoomTemplate: settings.videoRoomTemplate,
          reminderLeadHours: settings.reminderLeadHours,
          textReminders: settings.textReminders,
        }
      : { ...DEFAULT_SCHEDULING },
  };
}

/** When a session asked for would start, or why it cannot be scheduled (the pairing ended, the time is not allowed). */
export function sessionStartFor(program: Program, target: SchedulingTarget, input: ScheduleSessionInput, now: Date): Date {
  return checkStart(program, target.pair, input, now);
}

/**
 * Inserts a scheduled session in the caller's transaction, e-mails both people the calendar
 * invitation through the outbox, and adds the audit entry to the context's log. For a pair the
 * caller has already been authorized on, with the start already checked (`sessionStartFor`).
 */
export async function insertScheduledSession(
  deps: Pick<Deps, 'mailer' | 'publicUrl'>,
  tx: Tx,
  ctx: Pick<ProgramContext, 'caller' | 'programId' | 'now' | 'audit'>,
  target: SchedulingTarget & { program: Program },
  input: ScheduleSessionInput,
  startsAt: Date,
): Promise<SessionRow> {
  const { program, pair, settings } = target;
  const { now } = ctx;
  const id = newId();
  const pairingId = pair.pairing.id;
  const [created] = await tx
    .insert(scheduledSessions)
    .values({
      id,
      programId: ctx.programId,
      pairingId,
      participantId: pair.pairing.participantId,
      coachId: pair.pairing.coachId,
      startsAt,
      durationMinutes: input.durationMinutes,
      modality: input.modality,
      videoLink:
        input.modality === 'video' && settings.videoRoomTemplate
          ? videoLinkFor(settings.videoRoomTemplate, { pairingId, sessionId: id })
          : null,
      place: input.modality === 'in_person' ? input.place : null,
      status: 'scheduled',
      sequence: 0,
      scheduledBy: ctx.caller.actor.personId,
      scheduledAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await mailInvitations(deps, tx, program, pair, created!, 'scheduled', now);
  ctx.audit.add({ verb: 'create', entityType: 'scheduled_session', entityId: id });
  return created!;
}

/** Moves a scheduled session (new time, modality or place), bumps its sequence and sends both people the updated invitation. */
export async function rescheduleSession(
  deps: Deps,
  caller: Caller,
  programId: string,
  sessionId: string,
  input: ScheduleSessionInput,
): Promise<ScheduledSessionView> {
  const program = await loadProgram(deps.db, caller, programId);
  const { pair } = await loadSessionFor(deps, caller, programId, sessionId, 'session:schedule');
  const now = deps.clock.now();
  const startsAt = checkStart(program, pair, input, now);
  const settings = await settingsOf(deps.db, programId);
  const row = await deps.db.transaction(async (tx) => {
    const before = await lockSession(tx, programId, sessionId);
    if (before.status !== 'scheduled')
      throw new DomainError('invalid_state', 'session_not_scheduled', 'This session is no longer scheduled');
    const [updated] = await tx
      .update(scheduledSessions)
      .set({
        startsAt,
        durationMinutes: input.durationMinutes,
        modality: input.modality,
        videoLink:
          input.modality === 'video'
            ? (before.videoLink ??
              (settings.videoRoomTemplate
                ? videoLinkFor(settings.videoRoomTemplate, { pairingId: before.pairingId, sessionId })
                : null))
            : null,
        place: input.modality === 'in_person' ? input.place : null,
        sequence: before.sequence + 1,
        scheduledBy: caller.actor.personId,
        scheduledAt: now,
        updatedAt: now,
      })
      .where(eq(scheduledSessions.id, sessionId))
      .returning();
    await mailInvitations(deps, tx, program, pair, updated!, 'moved', now);
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'scheduled_session', entityId: sessionId, programId }]);
    return updated!;
  });
  return present(row, program, pair, pair.view);
}

/** Cancels a scheduled session and sends both people the calendar cancellation; or marks it done. */
export async function setSessionStatus(
  deps: Deps,
  caller: Caller,
  programId: string,
  sessionId: string,
  status: 'cancelled' | 'done',
): Promise<ScheduledSessionView> {
  const program = await loadProgram(deps.db, caller, programId);
  const { pair } = await loadSessionFor(deps, caller, programId, sessionId, 'session:schedule');
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const before = await lockSession(tx, programId, sessionId);
    if (before.status !== 'scheduled')
      throw new DomainError('invalid_state', 'session_not_scheduled', 'This session is no longer scheduled');
    if (status === 'done' && before.startsAt.getTime() > now.getTime()) {
      throw new DomainError('invalid_state', 'session_not_started', 'A session can be marked done once it has started');
    }
    const [updated] = await tx
      .update(scheduledSessions)
      .set({ status, sequence: status === 'cancelled' ? before.sequence + 1 : before.sequence, updatedAt: now })
      .where(eq(scheduledSessions.id, sessionId))
      .returning();
    if (status === 'cancelled') await mailInvitations(deps, tx, program, pair, updated!, 'cancelled', now);
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'scheduled_session', entityId: sessionId, programId }]);
    return updated!;
  });
  return present(row, program, pair, pair.view);
}
