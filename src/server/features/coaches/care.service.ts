import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  boosterRecord,
  monthWords,
  worseningSigns,
  type BoosterAttendanceInput,
  type BoosterFact,
  type BoosterInput,
  type BoostersPageView,
  type BoosterView,
  type CoachCareRow,
} from '../../../core/coaches';
import { dateOnWords, localDateOf, todayIn } from '../../../core/shared/time';
import { DomainError } from '../../../core/shared/errors';
import type { TaskView } from '../../../core/tasks';
import { isTrainingComplete, passedModules } from '../../../core/volunteers';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { loadProgram, type Program } from '../programs';
import { trainingAttempts } from '../volunteers/volunteers.table';
import { coaches } from './coaches.table';
import { boosterAttendance, boosterSessions, coachCheckIns } from './support.table';

/** The program-local date today. */

/** Every booster session of a program with who attended, oldest first. */
async function loadBoosters(db: Db | Tx, programId: string): Promise<BoosterView[]> {
  const [sessions, attendance] = await Promise.all([
    db.select().from(boosterSessions).where(eq(boosterSessions.programId, programId)).orderBy(asc(boosterSessions.heldOn)),
    db.select().from(boosterAttendance).where(eq(boosterAttendance.programId, programId)),
  ]);
  return sessions.map((s) => ({
    id: s.id,
    heldOn: s.heldOn,
    topic: s.topic,
    isRecorded: s.attendanceRecordedAt !== null,
    attendedCoachIds: attendance.filter((a) => a.boosterId === s.id).map((a) => a.coachId),
  }));
}

const factsOf = (sessions: readonly BoosterView[]): BoosterFact[] =>
  sessions.map((s) => ({ heldOn: s.heldOn, isRecorded: s.isRecorded, attended: new Set(s.attendedCoachIds) }));

/** The date a coach could first coach: trained (in Kindred or vouched for by staff), else added. */
const expectedFrom = (c: { trainedAt: Date | null; createdAt: Date }, timeZone: string) =>
  localDateOf(c.trainedAt ?? c.createdAt, timeZone);

/** Each coach's care state (training, boosters, last check-in) without authorization: callers check. */
async function careRows(db: Db | Tx, program: Program, now: Date, modulesTotal: readonly { key: string; version: number }[]) {
  const [coachRows, sessions, checkIns] = await Promise.all([
    db.select().from(coaches).where(eq(coaches.programId, program.id)).orderBy(coaches.familyName, coaches.givenName),
    loadBoosters(db, program.id),
    db
      .select({
        coachId: coachCheckIns.coachId,
        month: coachCheckIns.month,
        pegScore: coachCheckIns.pegScore,
        stress: coachCheckIns.stress,
        feelings: coachCheckIns.feelings,
        followedUpAt: coachCheckIns.followedUpAt,
        recordedAt: coachCheckIns.recordedAt,
        id: coachCheckIns.id,
      })
      .from(coachCheckIns)
      .where(eq(coachCheckIns.programId, program.id))
      .orderBy(asc(coachCheckIns.month)),
  ]);
  const passes =
    coachRows.length === 0
      ? []
      : await db
          .selectDistinct({
            coachId: trainingAttempts.coachId,
            moduleKey: trainingAttempts.moduleKey,
            moduleVersion: trainingAttempts.moduleVersion,
          })
          .from(trainingAttempts)
          .where(and(eq(trainingAttempts.programId, program.id), eq(trainingAttempts.isPassed, true)));
  const today = todayIn(program, now);
  const facts = factsOf(sessions);
  return {
    sessions,
    rows: coachRows.map((c) => {
      const record = boosterRecord(c.id, expectedFrom(c, program.timeZone), facts, today);
      const mine = checkIns.filter((k) => k.coachId === c.id);
      const latest = mine.at(-1) ?? null;
      const signs = worseningSigns(mine);
      return {
        coach: c,
        record,
        latestCheckIn: latest,
        signs,
        row: {
          coachId: c.id,
          name: `${c.givenName} ${c.familyName}`,
          status: c.status,
          modulesPassed: passedModules(
            modulesTotal,
            passes.filter((p) => p.coachId === c.id),
          ).size,
          modulesTotal: modulesTotal.length,
          agreementSigned: c.agreementSignedAt !== null,
          isTrained: isTrainingComplete(c),
          boostersExpected: record.expected,
          boostersAttended: record.attended,
          boostersMissedInARow: record.missedInARow,
          lastBoosterOn: record.lastAttendedOn,
          isBoosterDue: c.status === 'active' && record.isBoosterDue,
          lastCheckInMonth: latest?.month ?? null,
          needsCall: signs.length > 0 && latest !== null && latest.followedUpAt === null,
        } satisfies CoachCareRow,
      };
    }),
  };
}

/** The boosters page: sessions with attendance, and each coach's training and booster state (staff). */
export async function getBoosters(deps: Deps, caller: Caller, programId: string): Promise<BoostersPageView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'coach_care:view', { programId });
  const now = deps.clock.now();
  const { sessions, rows } = await careRows(deps.db, program, now, deps.training.modules);
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'coach', programId }]);
  return { sessions: [...sessions].reverse(), coaches: rows.map((r) => r.row) };
}

/** Schedules a booster session (staff). */
export async function scheduleBooster(deps: Deps, caller: Caller, programId: string, input: BoosterInput): Promise<BoosterView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'booster:manage', { programId });
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await tx.insert(boosterSessions).values({
      id,
      programId,
      heldOn: input.heldOn,
      topic: input.topic,
      createdBy: caller.actor.personId,
      createdAt: now,
    });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'booster', entityId: id, programId }]);
  });
  return { id, heldOn: input.heldOn, topic: input.topic, isRecorded: false, attendedCoachIds: [] };
}

/**
 * Records who attended a booster (the whole list; recording again replaces it). Refused before the
 * session's day, and for coaches outside the program. Everyone else in the program missed it.
 */
export async function recordAttendance(
  deps: Deps,
  caller: Caller,
  programId: string,
  boosterId: string,
  input: BoosterAttendanceInput,
): Promise<BoosterView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'booster:manage', { programId });
  const now = deps.clock.now();
  const coachIds = [...new Set(input.coachIds)];
  return deps.db.transaction(async (tx) => {
    const [session] = await tx
      .select()
      .from(boosterSessions)
      .where(and(eq(boosterSessions.id, boosterId), eq(boosterSessions.programId, programId)))
      .for('update');
    if (!session) throw new DomainError('not_found', undefined, 'Not found');
    if (session.heldOn > todayIn(program, now)) {
      throw new DomainError('invalid_state', 'booster_not_held_yet', 'Attendance can be recorded once the session has been held');
    }
    if (coachIds.length > 0) {
      const known = await tx
        .select({ id: coaches.id })
        .from(coaches)
        .where(and(eq(coaches.programId, programId), inArray(coaches.id, coachIds)));
      if (known.length !== coachIds.length) throw new DomainError('not_found', undefined, 'Not found');
    }
    await tx.delete(boosterAttendance).where(eq(boosterAttendance.boosterId, boosterId));
    if (coachIds.length > 0) {
      await tx.insert(boosterAttendance).values(coachIds.map((coachId) => ({ boosterId, coachId, programId })));
    }
    await tx
      .update(boosterSessions)
      .set({ attendanceRecordedAt: now, attendanceRecordedBy: caller.actor.personId })
      .where(eq(boosterSessions.id, boosterId));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'booster', entityId: boosterId, programId }]);
    return { id: session.id, heldOn: session.heldOn, topic: session.topic, isRecorded: true, attendedCoachIds: coachIds };
  });
}

/**
 * The coordinator's tasks about coaches, derived like every task (never stored): "booster due" for
 * an active coach who missed two boosters in a row, and "call the coach" after a check-in with a
 * worsening trend that no one has followed up yet. Not about a participant: `participantId` is null.
 */
export async function openCoachTasks(
  db: Db,
  program: Program,
  now: Date,
  modules: readonly { key: string; version: number }[],
): Promise<TaskView[]> {
  const { rows } = await careRows(db, program, now, modules);
  const tasks: TaskView[] = [];
  const base = (c: (typeof rows)[number]['coach']) => ({
    assignee: 'coordinator' as const,
    pairingId: null,
    participantId: null,
    participantName: '',
    coachId: c.id,
    coachName: `${c.givenName} ${c.familyName}`,
    isOverdue: false,
    tips: [],
  });
  for (const r of rows) {
    if (r.row.isBoosterDue) {
      const missed = r.record.missedOn;
      tasks.push({
        ...base(r.coach),
        kind: 'booster_due',
        dueOn: missed.at(-1)!,
        reason: `Missed the last ${missed.length} booster sessions (since ${dateOnWords(missed[0]!)}): arrange a catch-up booster. Attending one clears this task.`,
      });
    }
    if (r.row.needsCall && r.latestCheckIn) {
      tasks.push({
        ...base(r.coach),
        kind: 'call_coach',
        dueOn: localDateOf(r.latestCheckIn.recordedAt, program.timeZone),
        reason: `The ${monthWords(r.latestCheckIn.month)} well-being check-in ${r.signs.join('; ')}: call the coach to see how he or she is doing.`,
        checkInId: r.latestCheckIn.id,
      });
    }
  }
  return tasks.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}
