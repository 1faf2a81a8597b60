import { eq, sql } from 'drizzle-orm';
import type { ParticipantView } from '../../../core/participants';
import { engagementOverview } from '../../../core/engagement';
import type { ScheduledSessionView } from '../../../core/engagement';
import {
  deriveTasks,
  openTaskCounts,
  pairState,
  staffTaskList,
  type Overview,
  type PairingActivity,
  type TaskView,
} from '../../../core/tasks';
import { painJumpOf, type PainAlert } from '../../../core/plans';
import { addDaysOn, localDateOf } from '../../../core/shared/time';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { selectRows } from '../../platform/database';
import { coaches } from '../coaches/coaches.table';
import { openCoachTasks } from '../coaches';
import { agreedNextContacts, findParticipants, nextSessionsOf } from '../participants';
import { presentParticipant } from '../participants';
import { loadProgram, taskRulesOf } from '../programs';
import { openSafetyTasks } from '../safety';
import { openAssessmentTasks } from '../assessments';
import { coachUpcomingSessions } from '../engagement';
import { sharedCheckInsSince } from '../plans';
import { loadPairingActivity } from './activity.repository';
import { ownCoachId } from '../../access/relations';

/** How far ahead the coach's Today page lists scheduled sessions. */
export const TODAY_SESSION_DAYS = 14;

/**
 * Adds what the pair agreed to the activity the task rules read (ADR 0017): the next scheduled
 * session and the next contact agreed in the latest guided session.
 */
async function withAgreements<T extends PairingActivity>(
  deps: Deps,
  scope: { programId: string; coachId?: string },
  activity: T[],
  now: Date,
): Promise<T[]> {
  const [sessions, agreed] = await Promise.all([nextSessionsOf(deps.db, scope, now), agreedNextContacts(deps.db, scope)]);
  return activity.map((a) => ({
    ...a,
    nextSession: sessions.get(a.pairingId) ?? null,
    agreedNextContact: agreed.get(a.participantId) ?? null,
  }));
}

async function namesFor(deps: Deps, programId: string, participantIds: string[]): Promise<Map<string, string>> {
  const rows = await findParticipants(deps.db, { programId, ids: [...new Set(participantIds)] });
  return new Map(rows.map((r) => [r.id, `${r.givenName} ${r.familyName}`]));
}

/**
 * The open tasks the caller should see: a coach's own coaching tasks, or every task in the program
 * for staff. Derived from the data on each request, so a task disappears once it is satisfied.
 */
export async function listTasks(deps: Deps, caller: Caller, programId: string): Promise<TaskView[]> {
  const program = await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'task:list', { programId });
  const coachId = view === 'coaching' ? ownCoachId(caller.actor, programId) : undefined;
  if (view === 'coaching' && !coachId) return [];
  const now = deps.clock.now();
  const scope = { programId, ...(coachId ? { coachId } : {}) };
  const activity = await withAgreements(deps, scope, await loadPairingActivity(deps.db, scope), now);
  const tasks = deriveTasks(activity, taskRulesOf(program), now).filter((t) => view === 'full' || t.assignee === 'coach');
  const [names, coachRows] = await Promise.all([
    namesFor(
      deps,
      programId,
      tasks.map((t) => t.participantId),
    ),
    deps.db
      .select({ id: coaches.id, given: coaches.givenName, family: coaches.familyName })
      .from(coaches)
      .where(eq(coaches.programId, programId)),
  ]);
  const coachNames = new Map(coachRows.map((c) => [c.id, `${c.given} ${c.family}`]));
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'task', programId }]);
  // Safety events not yet closed come first on every staff list (issue #5).
  const safety = view === 'full' ? await openSafetyTasks(deps.db, program, now) : [];
  // Assessments due or overdue (issue #5) follow, for staff.
  const assessments = view === 'full' ? await openAssessmentTasks(deps.db, program, now) : [];
  // Tasks about coaches (#6): a booster due, a call after a worsening well-being check-in.
  const aboutCoaches = view === 'full' ? await openCoachTasks(deps.db, program, now, deps.training.modules) : [];
  const derived = tasks.map((t) => ({
    ...t,
    participantName: names.get(t.participantId) ?? '',
    coachName: coachNames.get(t.coachId) ?? '',
  }));
  if (view !== 'full') return derived;
  // Assessment (and safety) tasks name the participant's coach, when he or she has one.
  const unnamed = [...safety, ...assessments].filter((t) => t.participantId && !t.coachId).map((t) => t.participantId!);
  const paired = unnamed.length > 0 ? await findParticipants(deps.db, { programId, ids: [...new Set(unnamed)] }) : [];
  const pairingOf = new Map(paired.flatMap((r) => (r.pairing ? [[r.id, r.pairing] as const] : [])));
  const withCoach = [...safety, ...assessments].map((t) => {
    const pairing = t.participantId && !t.coachId ? pairingOf.get(t.participantId) : undefined;
    return pairing ? { ...t, coachId: pairing.coachId, coachName: pairing.coachName } : t;
  });
  // One urgency order across kinds, one task per pair on the ladder (issue #16).
  return staffTaskList([...withCoach, ...derived, ...aboutCoaches], localDateOf(now, program.timeZone));
}

/**
 * The coach's "Today": tasks in order, the sessions scheduled in the next two weeks, and every
 * participant with how long since the last contact.
 */
export async function coachToday(
  deps: Deps,
  caller: Caller,
  programId: string,
): Promise<{ tasks: TaskView[]; sessions: ScheduledSessionView[]; participants: ParticipantView[]; painAlerts: PainAlert[] }> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'task:list', { programId });
  const coachId = ownCoachId(caller.actor, programId);
  if (!coachId) return { tasks: [], sessions: [], participants: [], painAlerts: [] };
  const now = deps.clock.now();
  const rules = taskRulesOf(program);
  const [loaded, records, sessions] = await Promise.all([
    loadPairingActivity(deps.db, { programId, coachId }),
    findParticipants(deps.db, { programId, coachId }),
    coachUpcomingSessions(deps, program, coachId, now, TODAY_SESSION_DAYS),
  ]);
  const activity = await withAgreements(deps, { programId, coachId }, loaded, now);
  const byId = new Map(records.map((r) => [r.id, r]));
  const agreements = new Map(
    activity.map((a) => [
      a.participantId,
      { nextSession: a.nextSession ?? null, agreedNextContact: a.agreedNextContact ?? null },
    ]),
  );
  const coach = records[0]?.pairing?.coachName ?? '';
  const tasks = deriveTasks(activity, rules, now)
    .filter((t) => t.assignee === 'coach')
    .map((t) => {
      const r = byId.get(t.participantId);
      return { ...t, participantName: r ? `${r.givenName} ${r.familyName}` : '', coachName: coach };
    });
  const painAlerts = await coachPainAlerts(deps, programId, records, localDateOf(now, program.timeZone));
  await audit(deps.db, caller, now, [
    { verb: 'list', entityType: 'participant', programId },
    { verb: 'list', entityType: 'scheduled_session', programId },
    { verb: 'list', entityType: 'pain_check_in', programId },
  ]);
  // Longest since the last reached contact first: those are the people to call.
  const participants = [...records]
    .sort((a, b) => (a.lastReachedAt?.getTime() ?? 0) - (b.lastReachedAt?.getTime() ?? 0))
    // The card's "next contact" follows what the pair agreed, by the task's rule (ADR 0017, issue #16).
    .map((r) => presentParticipant(r, 'coaching', program, now, agreements.get(r.id)));
  return { tasks, sessions, participants, painAlerts };
}

/** How far back "Today" reads check-ins: enough for the latest and the three before it. */
const PAIN_ALERT_LOOKBACK_DAYS = 120;

/**
 * The coach's participants whose latest shared weekly check-in jumped or carries a worrying note
 * (issue #16), the highest score first. Only check-ins the participant shares with the coach count.
 */
async function coachPainAlerts(
  deps: Deps,
  programId: string,
  records: readonly { id: string; givenName: string }[],
  today: string,
): Promise<PainAlert[]> {
  const rows = await sharedCheckInsSince(
    deps.db,
    programId,
    records.map((r) => r.id),
    addDaysOn(today, -PAIN_ALERT_LOOKBACK_DAYS),
  );
  const alerts: PainAlert[] = [];
  for (const r of records) {
    const jump = painJumpOf(
      rows.filter((c) => c.participantId === r.id),
      today,
    );
    if (jump) alerts.push({ participantId: r.id, givenName: r.givenName, ...jump });
  }
  return alerts.sort((a, b) => Number(b.isWorryingNote) - Number(a.isWorryingNote) || b.to - a.to);
}

/** Program at a glance: participants by status, pairs on track or not, open tasks, coaches, recent contacts. */
export async function programOverview(deps: Deps, caller: Caller, programId: string): Promise<Overview> {
  const program = await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'overview:view', { programId });
  const now = deps.clock.now();
  const rules = taskRulesOf(program);
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const [statusRows, coachRows, contactRows, activity] = await Promise.all([
    selectRows<{ status: string; n: number | string }>(
      deps.db,
      sql`select status, count(*) as n from participants where program_id = ${programId} group by status`,
    ),
    selectRows<{ status: string; n: number | string; places: number | string }>(
      deps.db,
      sql`select c.status, count(*) as n,
        sum(greatest(c.caseload - (select count(*) from pairings p where p.coach_id = c.id and p.ended_at is null), 0)) as places
        from coaches c where c.program_id = ${programId} group by c.status`,
    ),
    selectRows<{ attempts: number | string; reached: number | string }>(
      deps.db,
      sql`select count(*) as attempts, count(*) filter (where is_reached) as reached
        from contacts where program_id = ${programId} and occurred_at >= ${since}`,
    ),
    loadPairingActivity(deps.db, { programId }, { since: new Date(now.getTime() - 14 * 86_400_000) }).then((a) =>
      withAgreements(deps, { programId }, a, now),
    ),
  ]);
  const pairsByState = { on_track: 0, due: 0, overdue: 0, quiet: 0, paused: 0 };
  for (const a of activity) pairsByState[pairState(a, rules, now)]++;
  // One per pair on the ladder, as the Tasks page lists them (issue #16).
  const openTasks = openTaskCounts(deriveTasks(activity, rules, now));
  const coachCounts = { active: 0, paused: 0, retired: 0, openPlaces: 0 };
  for (const c of coachRows) {
    if (c.status === 'active' || c.status === 'paused' || c.status === 'retired') coachCounts[c.status] = Number(c.n);
    if (c.status === 'active') coachCounts.openPlaces = Number(c.places ?? 0);
  }
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'overview', programId }]);
  return {
    participantsByStatus: Object.fromEntries(statusRows.map((r) => [r.status, Number(r.n)])),
    pairsByState,
    openTasks,
    coaches: coachCounts,
    contactsLast30Days: { attempts: Number(contactRows[0]?.attempts ?? 0), reached: Number(contactRows[0]?.reached ?? 0) },
    targetContacts: program.targetContacts,
    cadenceDays: program.cadenceDays,
    engagement: engagementOverview(
      // Evaluators see pseudonymous data: coaches by id only.
      activity.map((a) => ({ ...a, coachName: view === 'full' ? a.coachName : null })),
      { ...rules, targetContacts: program.targetContacts },
      now,
    ),
  };
}
