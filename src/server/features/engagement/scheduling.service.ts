import { and, asc, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import {
  DEFAULT_SCHEDULING,
  localTimeOf,
  reminderChannels,
  remindersDue,
  sessionStart,
  videoLinkFor,
  type ScheduleSessionInput,
  type SchedulingSettings,
  sessionChangeMail,
  sessionReminderMail,
  sessionReminderText,
  type SessionChange,
  type SessionMailFacts,
  type ScheduledSessionView,
  localDateOf,
} from '../../../core/engagement';
import { DEFAULT_LOCALE } from '../../../core/shared/locale';
import { clockOf } from '../../../core/shared/time';
import { DomainError, notFound } from '../../../core/shared/errors';
import type { Actor } from '../../access/actor';
import { authorize, type Relation, type View } from '../../access/policy';
import { auditLog, type ProgramContext } from '../../access/program-context';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import type { OutgoingMail } from '../../platform/mail';
import { isOptedOut } from '../../platform/outbox';
import { coaches } from '../coaches/coaches.table';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';
import { loadProgram, type Program } from '../programs';
import { programs } from '../programs/programs.table';
import { organizerOf, sessionCalendar } from './calendar';
import { scheduledSessions, schedulingSettings } from './engagement.table';

type SessionRow = typeof scheduledSessions.$inferSelect;
type ParticipantRow = typeof participants.$inferSelect;
type CoachRow = typeof coaches.$inferSelect;
type PairingRow = typeof pairings.$inferSelect;

interface Pair {
  pairing: PairingRow;
  participant: ParticipantRow;
  coach: CoachRow;
}

/** The program's scheduling settings, or the defaults when none are stored. */
export async function settingsOf(db: Db | Tx, programId: string): Promise<SchedulingSettings> {
  const [row] = await db.select().from(schedulingSettings).where(eq(schedulingSettings.programId, programId));
  return row
    ? { videoRoomTemplate: row.videoRoomTemplate, reminderLeadHours: row.reminderLeadHours, textReminders: row.textReminders }
    : { ...DEFAULT_SCHEDULING };
}

export async function getSchedulingSettings(deps: Deps, caller: Caller, programId: string): Promise<SchedulingSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'scheduling:configure', { programId });
  return settingsOf(deps.db, programId);
}

export async function updateSchedulingSettings(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: SchedulingSettings,
): Promise<SchedulingSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'scheduling:configure', { programId });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(schedulingSettings)
      .values({ programId, ...input, updatedAt: now })
      .onConflictDoUpdate({ target: schedulingSettings.programId, set: { ...input, updatedAt: now } });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'scheduling_settings', entityId: programId, programId }]);
  });
  return settingsOf(deps.db, programId);
}

function relationToPair(actor: Actor, programId: string, pairing: PairingRow): Relation {
  if (actor.participantIds.get(programId) === pairing.participantId) return 'self';
  if (!pairing.endedAt && actor.coachIds.get(programId) === pairing.coachId) return 'coach_of';
  return 'none';
}

async function readPair(
  db: Db | Tx,
  programId: string,
  where: { pairingId: string } | { participantId: string },
): Promise<Pair | null> {
  const [row] = await db
    .select({ pairing: pairings, participant: participants, coach: coaches })
    .from(pairings)
    .innerJoin(participants, eq(participants.id, pairings.participantId))
    .innerJoin(coaches, eq(coaches.id, pairings.coachId))
    .where(
      and(
        eq(pairings.programId, programId),
        'pairingId' in where
          ? eq(pairings.id, where.pairingId)
          : and(eq(pairings.participantId, where.participantId), isNull(pairings.endedAt)),
      ),
    );
  return row ?? null;
}

/** Loads a pairing of the program with its two people and authorizes the caller on it (unseen pairs are "not found"). */
async function loadPairFor(
  db: Db | Tx,
  caller: Caller,
  programId: string,
  pairingId: string,
  action: 'session:view' | 'session:schedule',
): Promise<Pair & { view: View }> {
  const pair = await readPair(db, programId, { pairingId });
  if (!pair) throw notFound();
  const relation = relationToPair(caller.actor, programId, pair.pairing);
  const view = authorize(caller.actor, action, { programId, relation, hideExistence: relation === 'none' });
  return { ...pair, view };
}

function present(s: SessionRow, program: Program, pair: Pair, view: View): ScheduledSessionView {
  const local = localTimeOf(s.startsAt, program.timeZone);
  return {
    id: s.id,
    pairingId: s.pairingId,
    participantId: s.participantId,
    coachId: s.coachId,
    startsAt: s.startsAt.toISOString(),
    date: local.dateOn,
    time: clockOf(local.hour * 60 + local.minute),
    timeZone: program.timeZone,
    durationMinutes: s.durationMinutes,
    modality: s.modality,
    videoLink: s.videoLink,
    place: s.place,
    status: s.status,
    sequence: s.sequence,
    participantName: view === 'self' ? null : `${pair.participant.givenName} ${pair.participant.familyName}`,
    coachName: view === 'coaching' ? null : `${pair.coach.givenName} ${pair.coach.familyName}`,
  };
}

type Change = SessionChange;

/** What the session e-mails say about where to meet, from the stored session. */
function sessionFacts(s: SessionRow, timeZone: string, page: string): SessionMailFacts {
  return { startsAt: s.startsAt, timeZone, modality: s.modality, videoLink: s.videoLink, place: s.place, page };
}

/** The invitation (or cancellation) e-mails to both people of the pair, each with a calendar file. */
async function mailInvitations(
  deps: Pick<Deps, 'mailer' | 'publicUrl'>,
  tx: Tx,
  program: Program,
  pair: Pair,
  s: SessionRow,
  change: Change,
  now: Date,
) {
  // The participant reads it in his or her language; coaches in English (issue #16).
  const recipients = [
    {
      role: 'Participant',
      email: pair.participant.email,
      page: `${deps.publicUrl}/programs/${program.id}/my-coach`,
      audience: 'participant' as const,
      locale: pair.participant.locale,
    },
    {
      role: 'Coach',
      email: pair.coach.email,
      page: `${deps.publicUrl}/programs/${program.id}/participants/${pair.participant.id}`,
      audience: 'coach' as const,
      locale: DEFAULT_LOCALE,
    },
  ];
  for (const r of recipients) {
    if (!r.email) continue;
    const mail: OutgoingMail = {
      programId: program.id,
      to: r.email,
      ...sessionChangeMail(change, sessionFacts(s, program.timeZone, r.page), r.audience, r.locale),
      attachments: [
        {
          filename: change === 'cancelled' ? 'cancel.ics' : 'invite.ics',
          contentType: `text/calendar; charset=utf-8; method=${change === 'cancelled' ? 'CANCEL' : 'REQUEST'}`,
          content: sessionCalendar(s, {
            method: change === 'cancelled' ? 'CANCEL' : 'REQUEST',
            organizer: organizerOf(deps.mailer.from),
            attendeeEmail: r.email,
            attendeeRole: r.role,
            now,
            timeZone: program.timeZone,
          }),
        },
      ],
      idempotencyKey: `session-invite:${s.id}:${s.sequence}:${r.role.toLowerCase()}`,
    };
    await deps.mailer.enqueue(tx, mail, now);
  }
}

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

async function lockSession(tx: Tx, programId: string, sessionId: string): Promise<SessionRow> {
  const [row] = await tx
    .select()
    .from(scheduledSessions)
    .where(and(eq(scheduledSessions.id, sessionId), eq(scheduledSessions.programId, programId)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

async function loadSessionFor(
  deps: Deps,
  caller: Caller,
  programId: string,
  sessionId: string,
  action: 'session:view' | 'session:schedule',
) {
  const [row] = await deps.db
    .select()
    .from(scheduledSessions)
    .where(and(eq(scheduledSessions.id, sessionId), eq(scheduledSessions.programId, programId)));
  if (!row) throw notFound();
  return { row, pair: await loadPairFor(deps.db, caller, programId, row.pairingId, action) };
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

export interface ParticipantSessions {
  pairingId: string | null;
  /** Whether the caller may schedule for this pair. */
  canSchedule: boolean;
  /** Scheduled sessions that have not ended, soonest first. */
  upcoming: ScheduledSessionView[];
}

/** A participant's upcoming sessions with the current coach: for the participant, the coach and staff. */
export async function participantSessions(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
): Promise<ParticipantSessions> {
  const program = await loadProgram(deps.db, caller, programId);
  const pair = await readPair(deps.db, programId, { participantId });
  const now = deps.clock.now();
  if (!pair) {
    // Not paired: only someone who may see the participant learns that.
    const [p] = await deps.db
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.id, participantId), eq(participants.programId, programId)));
    if (!p) throw notFound();
    const isSelf = caller.actor.participantIds.get(programId) === participantId;
    authorize(caller.actor, 'session:view', { programId, relation: isSelf ? 'self' : 'none', hideExistence: true });
    return { pairingId: null, canSchedule: false, upcoming: [] };
  }
  const relation = relationToPair(caller.actor, programId, pair.pairing);
  const view = authorize(caller.actor, 'session:view', { programId, relation, hideExistence: true });
  const rows = await deps.db
    .select()
    .from(scheduledSessions)
    .where(
      and(
        eq(scheduledSessions.pairingId, pair.pairing.id),
        eq(scheduledSessions.status, 'scheduled'),
        gt(scheduledSessions.startsAt, new Date(now.getTime() - 3 * 3_600_000)),
      ),
    )
    .orderBy(asc(scheduledSessions.startsAt));
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'scheduled_session', entityId: participantId, programId }]);
  const canSchedule = view !== 'self' && ['full', 'coaching'].includes(view);
  return {
    pairingId: pair.pairing.id,
    canSchedule,
    upcoming: rows
      .filter((r) => r.startsAt.getTime() + r.durationMinutes * 60_000 > now.getTime())
      .map((r) => present(r, program, pair, view)),
  };
}

/**
 * Sends the reminders that are due at `now`, in every program: by e-mail, and by text to people who
 * prefer texts (ADR 0013). Each message carries the idempotency key
 * `session-reminder:<session>:<sequence>:<recipient>`, so a sweep that runs again, or concurrently,
 * sends nothing twice; a moved session (new sequence) is reminded again. First it cancels the
 * future sessions of pairings that have ended.
 */
export async function sweepSessionReminders(
  deps: Deps,
  now: Date,
): Promise<{ emails: number; texts: number; cancelled: number }> {
  let emails = 0;
  let texts = 0;
  // Only sessions in the next 8 days can have a reminder due (the longest lead is 7 days).
  const horizon = new Date(now.getTime() + 8 * 24 * 3_600_000);
  const cancelled = await cancelSessionsOfEndedPairings(deps, now);
  const rows = await deps.db
    .select({ session: scheduledSessions, participant: participants, coach: coaches, program: programs })
    .from(scheduledSessions)
    .innerJoin(participants, eq(participants.id, scheduledSessions.participantId))
    .innerJoin(coaches, eq(coaches.id, scheduledSessions.coachId))
    .innerJoin(programs, eq(programs.id, scheduledSessions.programId))
    // A pairing that ended takes its sessions with it: no reminders for them.
    .innerJoin(pairings, and(eq(pairings.id, scheduledSessions.pairingId), isNull(pairings.endedAt)))
    .where(
      and(
        eq(scheduledSessions.status, 'scheduled'),
        gt(scheduledSessions.startsAt, now),
        lte(scheduledSessions.startsAt, horizon),
      ),
    )
    .orderBy(asc(scheduledSessions.startsAt));
  const soon = rows;
  const settingsByProgram = new Map<string, SchedulingSettings>();
  for (const r of soon) {
    if (!settingsByProgram.has(r.program.id)) settingsByProgram.set(r.program.id, await settingsOf(deps.db, r.program.id));
  }
  const system = { actor: null, requestId: 'session-reminders', ip: null };
  for (const r of soon) {
    const settings = settingsByProgram.get(r.program.id)!;
    const [due] = remindersDue([r.session], now, { reminderLeadHours: settings.reminderLeadHours, timeZone: r.program.timeZone });
    if (!due) continue;
    const s = r.session;
    const sessionDateOn = localDateOf(s.startsAt, r.program.timeZone);
    await deps.db.transaction(async (tx) => {
      const people = [
        {
          key: 'participant' as const,
          row: r.participant,
          page: `${deps.publicUrl}/programs/${r.program.id}/my-coach`,
          locale: r.participant.locale,
        },
        {
          key: 'coach' as const,
          row: r.coach,
          page: `${deps.publicUrl}/programs/${r.program.id}/participants/${r.participant.id}`,
          locale: DEFAULT_LOCALE,
        },
      ];
      let sentAny = false;
      for (const p of people) {
        const textsAllowed = p.row.phone ? !(await isOptedOut(tx, p.row.phone)) : false;
        const channels = reminderChannels(
          {
            email: p.row.email,
            phone: p.row.phone,
            preferredChannel: p.row.preferredChannel,
            textsAllowed,
            contactPausedUntil: p.row.contactPausedUntil,
          },
          { textReminders: settings.textReminders, sessionDateOn },
        );
        const key = `session-reminder:${s.id}:${s.sequence}:${p.key}`;
        if (channels.email && p.row.email) {
          const wrote = await deps.mailer.enqueue(
            tx,
            {
              programId: r.program.id,
              to: p.row.email,
              ...sessionReminderMail(sessionFacts(s, r.program.timeZone, p.page), p.key, p.locale),
              idempotencyKey: key,
            },
            now,
          );
          if (wrote) {
            emails++;
            sentAny = true;
          }
        }
        if (channels.text && p.row.phone) {
          const wrote = await deps.texter.enqueue(
            tx,
            {
              programId: r.program.id,
              to: p.row.phone,
              text: sessionReminderText(sessionFacts(s, r.program.timeZone, p.page), p.locale),
              idempotencyKey: key,
            },
            now,
          );
          if (wrote) {
            texts++;
            sentAny = true;
          }
        }
      }
      if (sentAny) {
        await audit(tx, system, now, [
          { verb: 'update', entityType: 'scheduled_session_reminder', entityId: s.id, programId: r.program.id },
        ]);
      }
    });
  }
  return { emails, texts, cancelled };
}

/**
 * Cancels the future sessions of pairings that have ended (re-paired, withdrawn, completed), with the
 * calendar cancellation to both people, whichever way the pairing ended. Runs with the reminder
 * sweep; the status check under the row lock makes a second run, or a concurrent one, do nothing.
 */
async function cancelSessionsOfEndedPairings(deps: Deps, now: Date): Promise<number> {
  const rows = await deps.db
    .select({ session: scheduledSessions, pairing: pairings, participant: participants, coach: coaches, program: programs })
    .from(scheduledSessions)
    .innerJoin(pairings, eq(pairings.id, scheduledSessions.pairingId))
    .innerJoin(participants, eq(participants.id, scheduledSessions.participantId))
    .innerJoin(coaches, eq(coaches.id, scheduledSessions.coachId))
    .innerJoin(programs, eq(programs.id, scheduledSessions.programId))
    .where(and(eq(scheduledSessions.status, 'scheduled'), gt(scheduledSessions.startsAt, now), isNotNull(pairings.endedAt)));
  const system = { actor: null, requestId: 'session-sweep', ip: null };
  let cancelled = 0;
  for (const r of rows) {
    await deps.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(scheduledSessions)
        .set({ status: 'cancelled', sequence: r.session.sequence + 1, updatedAt: now })
        .where(and(eq(scheduledSessions.id, r.session.id), eq(scheduledSessions.status, 'scheduled')))
        .returning();
      if (!updated) return;
      await mailInvitations(deps, tx, r.program, r, updated, 'cancelled', now);
      await audit(tx, system, now, [
        { verb: 'update', entityType: 'scheduled_session', entityId: updated.id, programId: r.program.id },
      ]);
      cancelled++;
    });
  }
  return cancelled;
}

/** A coach's scheduled sessions in the next `days` days (from now; those under way included), with the participants' names. */
export async function coachUpcomingSessions(
  deps: Deps,
  program: Program,
  coachId: string,
  now: Date,
  days: number,
): Promise<ScheduledSessionView[]> {
  const rows = await deps.db
    .select({ session: scheduledSessions, pairing: pairings, participant: participants, coach: coaches })
    .from(scheduledSessions)
    .innerJoin(pairings, and(eq(pairings.id, scheduledSessions.pairingId), isNull(pairings.endedAt)))
    .innerJoin(participants, eq(participants.id, scheduledSessions.participantId))
    .innerJoin(coaches, eq(coaches.id, scheduledSessions.coachId))
    .where(
      and(
        eq(scheduledSessions.programId, program.id),
        eq(scheduledSessions.coachId, coachId),
        eq(scheduledSessions.status, 'scheduled'),
        gt(scheduledSessions.startsAt, new Date(now.getTime() - 3 * 3_600_000)),
        lte(scheduledSessions.startsAt, new Date(now.getTime() + days * 86_400_000)),
      ),
    )
    .orderBy(asc(scheduledSessions.startsAt));
  return rows
    .filter((r) => r.session.startsAt.getTime() + r.session.durationMinutes * 60_000 > now.getTime())
    .map((r) => present(r.session, program, r, 'coaching'));
}
