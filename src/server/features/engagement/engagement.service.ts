import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  bandCounts,
  checkInOutcome,
  checkReachWindow,
  ladderPosition,
  localTimeOf,
  REACHING_TIPS,
  pairsMatching,
  suggestBestTimes,
  type BestTimesView,
  type CheckInCallView,
  type CheckInCallInput,
  type CoachPreferencesUpdate,
  type CoachPreferencesView,
  type DecisionInput,
  type LadderEventView,
  type PairsPageView,
  type PairsQuery,
  type RecordedStep,
  ladderOutcomes,
  weeklyReached,
  type EngagementCharts,
  localDateOf,
} from '../../../core/engagement';
import { addDays, daysBetween } from '../../../core/shared/time';
import { DomainError, notFound } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { coaches } from '../coaches/coaches.table';
import { endPairing } from '../pairings';
import { pairings } from '../pairings/pairings.table';
import { changeStatus, loadParticipantFor, updateParticipant } from '../participants';
import { loadProgram, taskRulesOf, type Program } from '../programs';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { loadPairingActivity, type ActivityRow } from '../tasks';
import { countProgramAttemptsByHour, findAttempts, findLadderEventFacts, findReachedSince } from './engagement.repository';
import { ladderEvents } from './engagement.table';
import { COACH_ACTIVITY_DAYS, presentPair } from './pairs.presenter';
import { findPairsPage } from './pairs.repository';

/** How far back the program-wide pattern of answered calls looks. */
const PATTERN_DAYS = 180;
/** A reminder that fired longer ago than this (e.g. on the first sweep of an old database) gets no e-mail. */
const REMINDER_MAIL_WITHIN_DAYS = 2;

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

/**
 * The best times to try a participant next, for the participant's coach and for staff: learnt from
 * the participant's own attempts and the program's pattern, within the participant's stated days,
 * times and pause.
 */
export async function bestTimes(deps: Deps, caller: Caller, programId: string, participantId: string): Promise<BestTimesView> {
  const { record, program } = await loadParticipantFor(deps, caller, programId, participantId, 'outreach:suggest');
  const now = deps.clock.now();
  const [own, hours] = await Promise.all([
    findAttempts(deps.db, programId, participantId),
    countProgramAttemptsByHour(deps.db, programId, program.timeZone, addDays(now, -PATTERN_DAYS)),
  ]);
  const result = suggestBestTimes({
    attempts: own.map((a) => ({ ...localTimeOf(a.occurredAt, program.timeZone), outcome: a.outcome })),
    program: bandCounts(hours),
    preferences: record,
    now: localTimeOf(now, program.timeZone),
  });
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'best_times', entityId: participantId, programId }]);
  return { timeZone: program.timeZone, ...result };
}

/**
 * "Pairs that need help", for staff: one page of the program's active pairs with their ladder step
 * and measures. The step, filters, order and page come from SQL (pairs.repository.ts, ADR 0048);
 * only the page's pairs are then read in full and presented here, so the view is the same as before.
 */
export async function listPairs(deps: Deps, caller: Caller, programId: string, query: PairsQuery): Promise<PairsPageView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'pair:list', { programId });
  const now = deps.clock.now();
  const since = addDays(now, -COACH_ACTIVITY_DAYS);
  const { pairingIds, counts } = await findPairsPage(
    deps.db,
    { programId, rules: taskRulesOf(program), now, coachSince: since },
    query,
  );
  const activity = pairingIds.length === 0 ? [] : await loadPairingActivity(deps.db, { programId, pairingIds }, { since });
  const byId = new Map(activity.map((a) => [a.pairingId, a]));
  // A pair that ended between the two reads is left out of the page.
  const pairs = pairingIds.flatMap((id) => {
    const a = byId.get(id);
    return a ? [presentPair(a, program, now)] : [];
  });
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'pair', programId }]);
  return { pairs, offset: query.offset, limit: query.limit, total: pairsMatching(counts, query.step), counts };
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
  authorize(caller.actor, 'ladder:record', { programId });
  const now = deps.clock.now();
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
    // The owning features' use cases run inside this transaction (their own becomes a savepoint).
    const inTx: Deps = { ...deps, db: tx as unknown as Db };
    if (input.outcome === 're_pair') {
      await endPairing(inTx, caller, programId, pairingId, { reason: input.reason, note: input.note });
    } else if (input.outcome === 'pause') {
      await updateParticipant(
        inTx,
        caller,
        programId,
        row.participantId,
        { contactPausedUntil: input.until },
        'participant:preferences',
      );
    } else {
      const on = localDateOf(now, program.timeZone);
      await changeStatus(inTx, caller, programId, row.participantId, { status: 'withdrawn', on, reason: input.reason });
    }
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'ladder_event', entityId: event.id, programId }]);
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

/**
 * Records every ladder step that has fired and is not yet recorded, in every program, and e-mails
 * the coach when a reminder fires (subject with nothing personal, no names in the body). Idempotent:
 * the unique (pairing, step, episode) key makes a second run, or a concurrent one, record nothing.
 */
export async function sweepLadder(deps: Deps, now: Date): Promise<{ recorded: number; mailed: number }> {
  const system = { actor: null, requestId: 'ladder-sweep', ip: null };
  const all = await deps.db.select().from(programs);
  let recorded = 0;
  let mailed = 0;
  for (const program of all) {
    const rules = taskRulesOf(program);
    const [activity, recordedRows] = await Promise.all([
      loadPairingActivity(deps.db, { programId: program.id }),
      deps.db
        .select({ pairingId: ladderEvents.pairingId, step: ladderEvents.step, episodeStartedAt: ladderEvents.episodeStartedAt })
        .from(ladderEvents)
        .where(eq(ladderEvents.programId, program.id)),
    ]);
    const key = (pairingId: string, step: string, episode: Date) => `${pairingId}:${step}:${episode.getTime()}`;
    // Most fired steps were recorded by an earlier sweep; only the new ones are offered to the insert.
    const recordedKeys = new Set(recordedRows.map((r) => key(r.pairingId, r.step, r.episodeStartedAt)));
    const candidates = activity.flatMap((a) => {
      const pos = ladderPosition(a, rules, now);
      return pos.fired
        .filter((step) => !recordedKeys.has(key(a.pairingId, step, pos.episodeStartedAt)))
        .map((step) => ({
          id: newId(),
          programId: program.id,
          pairingId: a.pairingId,
          participantId: a.participantId,
          step,
          episodeStartedAt: pos.episodeStartedAt,
          firedAt: pos.dueAt[step],
          recordedAt: now,
          coachId: a.coachId,
          quietDays: daysBetween(pos.episodeStartedAt, now),
        }));
    });
    if (candidates.length === 0) continue;
    await deps.db.transaction(async (tx) => {
      const inserted: { id: string; pairingId: string; step: RecordedStep }[] = [];
      for (let i = 0; i < candidates.length; i += 500) {
        const batch = candidates.slice(i, i + 500).map(({ coachId: _c, quietDays: _q, ...row }) => row);
        inserted.push(
          ...(await tx
            .insert(ladderEvents)
            .values(batch)
            .onConflictDoNothing()
            .returning({ id: ladderEvents.id, pairingId: ladderEvents.pairingId, step: ladderEvents.step })),
        );
      }
      if (inserted.length === 0) return;
      recorded += inserted.length;
      await audit(
        tx,
        system,
        now,
        inserted.map((e) => ({ verb: 'create' as const, entityType: 'ladder_event', entityId: e.id, programId: program.id })),
      );
      const byId = new Map(candidates.map((c) => [c.id, c]));
      const reminders = inserted
        .filter((e) => e.step === 'reminder')
        .map((e) => byId.get(e.id)!)
        .filter((c) => c.firedAt.getTime() >= addDays(now, -REMINDER_MAIL_WITHIN_DAYS).getTime());
      if (reminders.length === 0) return;
      const emails = new Map(
        (await tx.select({ id: coaches.id, email: coaches.email }).from(coaches).where(eq(coaches.programId, program.id))).map(
          (c) => [c.id, c.email],
        ),
      );
      for (const r of reminders) {
        const to = emails.get(r.coachId);
        if (!to) continue;
        await deps.mailer.enqueue(
          tx,
          { ...reminderMail(program, to, r.quietDays, deps.publicUrl), idempotencyKey: `ladder-reminder:${r.id}` },
          now,
        );
        mailed++;
      }
    });
  }
  return { recorded, mailed };
}

/** The coach's reminder e-mail: no participant's name anywhere, only a link to Today. */
function reminderMail(program: Program, to: string, quietDays: number, publicUrl: string) {
  return {
    programId: program.id,
    to,
    subject: 'A reminder from Kindred',
    text: [
      'Hello,',
      '',
      `One of the people you coach has not been reached for ${quietDays} days. Your Today page shows who, and the best times to try:`,
      `${publicUrl}/programs/${program.id}/today`,
      '',
      'Tips for reaching people:',
      ...REACHING_TIPS.map((t) => `- ${t}`),
      '',
      'Thank you for coaching.',
    ].join('\n'),
  };
}

async function loadCoachFor(db: Db, caller: Caller, programId: string, coachId: string) {
  const [coach] = await db
    .select()
    .from(coaches)
    .where(and(eq(coaches.id, coachId), eq(coaches.programId, programId)));
  if (!coach) throw notFound();
  const isSelf = caller.actor.coachIds.get(programId) === coachId;
  authorize(caller.actor, 'coach:preferences', { programId, relation: isSelf ? 'self' : 'none', hideExistence: true });
  return coach;
}

function presentCoachPreferences(c: typeof coaches.$inferSelect): CoachPreferencesView {
  return {
    coachId: c.id,
    preferredChannel: c.preferredChannel,
    preferredTimes: c.preferredTimes,
    contactNotes: c.contactNotes,
    preferredDays: c.preferredDays,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    contactPausedUntil: c.contactPausedUntil,
  };
}

/** A coach's own preferences for being reached (the coach, or staff). */
export async function getCoachPreferences(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
): Promise<CoachPreferencesView> {
  await loadProgram(deps.db, caller, programId);
  const coach = await loadCoachFor(deps.db, caller, programId, coachId);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'read', entityType: 'coach', entityId: coachId, programId }]);
  return presentCoachPreferences(coach);
}

/** Changes how and when a coach prefers to be reached; the coach edits his or her own, staff anyone's. */
export async function updateCoachPreferences(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
  input: CoachPreferencesUpdate,
): Promise<CoachPreferencesView> {
  const program = await loadProgram(deps.db, caller, programId);
  const before = await loadCoachFor(deps.db, caller, programId, coachId);
  const now = deps.clock.now();
  checkReachWindow(
    {
      notBefore: input.notBefore === undefined ? before.notBefore : input.notBefore,
      notAfter: input.notAfter === undefined ? before.notAfter : input.notAfter,
      contactPausedUntil: input.contactPausedUntil === undefined ? before.contactPausedUntil : input.contactPausedUntil,
    },
    { today: localDateOf(now, program.timeZone), storedPausedUntil: before.contactPausedUntil },
  );
  const [row] = await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(coaches)
      .set({ ...input, updatedAt: now })
      .where(and(eq(coaches.id, coachId), eq(coaches.programId, programId)))
      .returning();
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'coach', entityId: coachId, programId }]);
    return updated;
  });
  if (!row) throw notFound();
  return presentCoachPreferences(row);
}

/** How many weeks the weekly reached-contacts chart shows. */
const CHART_WEEKS = 12;

/** The series of the program dashboard's engagement charts (staff and evaluators: counts only, no names). */
export async function engagementCharts(deps: Deps, caller: Caller, programId: string): Promise<EngagementCharts> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'overview:view', { programId });
  const now = deps.clock.now();
  const [reached, events] = await Promise.all([
    findReachedSince(deps.db, programId, addDays(now, -7 * (CHART_WEEKS + 1))),
    findLadderEventFacts(deps.db, programId),
  ]);
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'engagement_charts', entityId: programId, programId }]);
  return {
    timeZone: program.timeZone,
    weekly: weeklyReached(reached, { now, timeZone: program.timeZone, weeks: CHART_WEEKS }),
    ladder: ladderOutcomes(events),
  };
}
