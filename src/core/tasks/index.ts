import { z } from 'zod';
import { EngagementOverview } from '../engagement';
import { addDays, daysBetween, toDateOn } from '../shared/dates';
import { ladderPosition, REACHING_TIPS, type LadderFacts, type LadderRules } from '../engagement/ladder';

/** What Kindred asks someone to do next, derived from the data each time (never stored). */
export const taskKinds = ['first_contact', 'next_contact', 'check_in_call', 'decision'] as const;
export type TaskKind = (typeof taskKinds)[number];

export interface Task {
  kind: TaskKind;
  assignee: 'coach' | 'coordinator';
  pairingId: string;
  participantId: string;
  coachId: string;
  dueOn: string;
  isOverdue: boolean;
  /** Plain words: why the task exists. */
  reason: string;
  /** Tips for reaching people, once the ladder's reminder step has fired (coach tasks only). */
  tips: string[];
}

/** The facts about one active pairing that the task rules read. */
export interface PairingActivity extends LadderFacts {
  pairingId: string;
  participantId: string;
  coachId: string;
  /** Unreached attempts since the last reached contact (or since pairing). */
  attemptsSinceReached: number;
}

export interface TaskRules extends LadderRules {
  /** How many days before a next contact falls due it shows up on the coach's list. */
  leadDays: number;
}

export const DEFAULT_TASK_RULES = { leadDays: 3 } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "Paired today", "Paired 1 day ago", "Paired 12 days ago": plain words, no dates to decode. */
function pairedAgo(startedAt: Date, now: Date): string {
  const days = daysBetween(startedAt, now);
  return days <= 0 ? 'Paired today' : `Paired ${plural(days, 'day')} ago`;
}

/**
 * Derives the open tasks for a set of active pairings at `now`, following the escalation ladder
 * (see core/engagement/ladder.ts). A task disappears by itself once the data satisfies it: a
 * reached contact clears "first contact" and resets the cadence clock; a recorded check-in call or
 * decision clears that task; a pause the participant asked for makes no task until it ends.
 */
export function deriveTasks(pairs: readonly PairingActivity[], rules: TaskRules, now: Date): Task[] {
  const tasks: Task[] = [];
  const { ladder, cadenceDays } = rules;
  for (const p of pairs) {
    const pos = ladderPosition(p, rules, now);
    if (pos.state === 'ended' || pos.state === 'paused') continue;
    const ids = { pairingId: p.pairingId, participantId: p.participantId, coachId: p.coachId };
    const attempts =
      p.attemptsSinceReached > 0 ? ` ${plural(p.attemptsSinceReached, 'attempt')} so far without reaching them.` : '';
    const tips = pos.fired.length > 0 ? [...REACHING_TIPS] : [];
    const since = pos.episodeStartedAt;
    const quietDays = daysBetween(since, now);
    const afterPause = pos.isFresh && p.lastReachedAt !== null;

    const coachTask = {
      assignee: 'coach' as const,
      ...ids,
      dueOn: toDateOn(pos.contactDueAt),
      isOverdue: now.getTime() > pos.contactDueAt.getTime(),
      tips,
    };
    const pauseEnded = `The pause they asked for ended ${quietDays <= 0 ? 'today' : `${plural(quietDays, 'day')} ago`}`;
    if (p.lastReachedAt === null) {
      const wasPaused = since.getTime() !== p.startedAt.getTime();
      tasks.push({
        kind: 'first_contact',
        ...coachTask,
        reason: wasPaused
          ? `${pauseEnded} and they are not reached yet; the first contact is due within ${plural(ladder.firstContactDays, 'day')}.${attempts}`
          : `${pairedAgo(p.startedAt, now)} and not reached yet; the first contact is due within ${plural(ladder.firstContactDays, 'day')} of pairing.${attempts}`,
      });
    } else if (afterPause) {
      tasks.push({
        kind: 'next_contact',
        ...coachTask,
        reason: `${pauseEnded}; get back in touch within ${plural(ladder.firstContactDays, 'day')}.${attempts}`,
      });
    } else if (now.getTime() >= addDays(pos.contactDueAt, -rules.leadDays).getTime()) {
      tasks.push({
        kind: 'next_contact',
        ...coachTask,
        reason: `Last reached ${plural(daysBetween(p.lastReachedAt, now), 'day')} ago; the program asks for a contact every ${plural(cadenceDays, 'day')}.${attempts}`,
      });
    }

    const quiet =
      since.getTime() === p.startedAt.getTime()
        ? `No reached contact in the ${plural(quietDays, 'day')} since pairing`
        : pos.isFresh
          ? `No reached contact in the ${plural(quietDays, 'day')} since the pause ended`
          : `No reached contact for ${plural(quietDays, 'day')}`;
    if (pos.fired.includes('check_in') && !pos.isCheckInRecorded) {
      tasks.push({
        kind: 'check_in_call',
        assignee: 'coordinator',
        ...ids,
        dueOn: toDateOn(pos.dueAt.check_in),
        isOverdue: false,
        reason: pos.isFresh
          ? `${quiet}: call the pair to check in.${attempts}`
          : `${quiet} (cadence ${cadenceDays} + ${ladder.checkInGraceDays}): call the pair to check in.${attempts}`,
        tips: [],
      });
    }
    if (pos.fired.includes('decision') && !pos.isDecisionRecorded) {
      tasks.push({
        kind: 'decision',
        assignee: 'coordinator',
        ...ids,
        dueOn: toDateOn(pos.dueAt.decision),
        isOverdue: false,
        reason: `${quiet} (cadence ${cadenceDays} + ${ladder.decisionGraceDays}): decide whether to re-pair, pause or withdraw.${pos.isCheckInRecorded ? ' A check-in call was recorded.' : ''}${attempts}`,
        tips: [],
      });
    }
  }
  return tasks.sort(compareTasks);
}

/** Overdue first, then by due date, then staff tasks (decision, check-in call) before coach tasks of the same day. */
export function compareTasks(a: Task, b: Task): number {
  if (a.isOverdue !== b.isOverdue) return a.isOverdue ? -1 : 1;
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  return taskKinds.indexOf(b.kind) - taskKinds.indexOf(a.kind);
}

export const pairStates = ['on_track', 'due', 'overdue', 'quiet', 'paused'] as const;
export type PairState = (typeof pairStates)[number];

/**
 * Where a pair stands against the cadence: on track, due in the lead window, overdue past it, quiet
 * once staff should call (the ladder's check-in step), or paused at the participant's request.
 */
export function pairState(
  p: Pick<LadderFacts, 'startedAt' | 'lastReachedAt'> &
    Partial<Pick<LadderFacts, 'interventionStartedAt' | 'contactPausedUntil'>>,
  rules: TaskRules,
  now: Date,
): PairState {
  const pos = ladderPosition(
    {
      startedAt: p.startedAt,
      lastReachedAt: p.lastReachedAt,
      interventionStartedAt: p.interventionStartedAt ?? p.startedAt,
      contactPausedUntil: p.contactPausedUntil ?? null,
      acted: [],
    },
    rules,
    now,
  );
  if (pos.resumesAt) return 'paused';
  const t = now.getTime();
  if (t >= pos.dueAt.check_in.getTime()) return 'quiet';
  if (t > pos.contactDueAt.getTime()) return 'overdue';
  // A first contact due in 3 days is "due" from the day after pairing, not from the day itself.
  const allowance = pos.isFresh ? rules.ladder.firstContactDays : rules.cadenceDays;
  const lead = Math.min(rules.leadDays, allowance - 1);
  if (t >= addDays(pos.contactDueAt, -lead).getTime()) return 'due';
  return 'on_track';
}

/**
 * Kinds of task in a list: the derived kinds, and `safety`: a stored safety event not yet closed,
 * put first on every coordinator's list (issue #5, features/safety). A safety task has no pairing
 * (the participant may be waiting for a coach) and carries its event's id.
 */
export const taskViewKinds = [...taskKinds, 'safety', 'booster_due', 'call_coach', 'assessment'] as const;
export type TaskViewKind = (typeof taskViewKinds)[number];

export const TaskView = z.object({
  kind: z.enum(taskViewKinds),
  assignee: z.enum(['coach', 'coordinator']),
  pairingId: z.uuid().nullable(),
  /** Null for the tasks about a coach (#6, ADR 0016): a booster due, a call after a worsening check-in. */
  participantId: z.uuid().nullable(),
  participantName: z.string(),
  coachId: z.uuid().nullable(),
  coachName: z.string(),
  dueOn: z.string(),
  isOverdue: z.boolean(),
  reason: z.string(),
  tips: z.array(z.string()),
  safetyEventId: z.uuid().optional(),
  /** The coach's well-being check-in a `call_coach` task follows up. */
  checkInId: z.uuid().optional(),
});
export type TaskView = z.infer<typeof TaskView>;

export const Overview = z.object({
  participantsByStatus: z.record(z.string(), z.int()),
  pairsByState: z.object({ on_track: z.int(), due: z.int(), overdue: z.int(), quiet: z.int(), paused: z.int() }),
  openTasks: z.object({ first_contact: z.int(), next_contact: z.int(), check_in_call: z.int(), decision: z.int() }),
  coaches: z.object({ active: z.int(), paused: z.int(), retired: z.int(), openPlaces: z.int() }),
  contactsLast30Days: z.object({ attempts: z.int(), reached: z.int() }),
  targetContacts: z.int(),
  cadenceDays: z.int(),
  /** Live engagement measures (issue #3). */
  engagement: EngagementOverview,
});
export type Overview = z.infer<typeof Overview>;
