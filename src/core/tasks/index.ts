import { z } from 'zod';
import { EngagementOverview } from '../engagement';
import { addDays, dateOnWords, daysBetween, localDateOf, addDaysOn, zonedMidnight } from '../shared/time';
import { ladderPosition, REACHING_TIPS, type LadderFacts, type LadderRules } from '../engagement/ladder';
import { modalityWords, sessionWhenWords } from '../engagement/scheduling';
import type { Channel } from '../shared/vocab';

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
  /**
   * The pair's next scheduled session (ADR 0013): one that has not ended, else the last one of the past
   * week still marked scheduled. A past one counts only while no contact was reached since its start.
   */
  nextSession?: { startsAt: Date; durationMinutes: number; modality: Channel } | null;
  /** The next contact agreed in the latest guided session (ADR 0014): a program-local date, and when it was agreed. */
  agreedNextContact?: { on: string; agreedAt: Date } | null;
}

export interface TaskRules extends LadderRules {
  /** How many days before a next contact falls due it shows up on the coach's list. */
  leadDays: number;
}

export const DEFAULT_TASK_RULES = { leadDays: 3 } as const;

/**
 * What the coach's next contact is due on, in order (ADR 0017): an upcoming scheduled session (due
 * at its start), else the date agreed in the latest guided session — when it was agreed at or after
 * the last reached contact, so a contact logged since makes it stale — else the program's cadence
 * from the ladder. `showFrom` is when the task appears (the lead window before it).
 */
export type NextContactDue =
  | {
      basis: 'session';
      dueAt: Date;
      dueOn: string;
      showFrom: Date;
      session: { startsAt: Date; durationMinutes: number; modality: Channel };
      /** The session has ended and no reached contact was logged since it began. */
      isPast: boolean;
    }
  | { basis: 'agreed'; dueAt: Date; dueOn: string; showFrom: Date; agreedOn: string }
  | { basis: 'cadence'; dueAt: Date; dueOn: string; showFrom: Date };

export function nextContactDue(
  p: Pick<PairingActivity, 'lastReachedAt' | 'nextSession' | 'agreedNextContact'>,
  cadenceDueAt: Date,
  rules: Pick<TaskRules, 'leadDays' | 'timeZone'>,
  now: Date,
): NextContactDue {
  const s = p.nextSession;
  const isUpcoming = s ? s.startsAt.getTime() + s.durationMinutes * 60_000 > now.getTime() : false;
  if (s && (isUpcoming || p.lastReachedAt === null || p.lastReachedAt.getTime() < s.startsAt.getTime())) {
    const dueOn = localDateOf(s.startsAt, rules.timeZone);
    return {
      basis: 'session',
      dueAt: s.startsAt,
      dueOn,
      showFrom: zonedMidnight(addDaysOn(dueOn, -rules.leadDays), rules.timeZone),
      session: s,
      isPast: !isUpcoming,
    };
  }
  const a = p.agreedNextContact;
  if (a && p.lastReachedAt && a.agreedAt.getTime() >= p.lastReachedAt.getTime()) {
    return {
      basis: 'agreed',
      // Due by the end of the agreed day in the program's zone.
      dueAt: zonedMidnight(addDaysOn(a.on, 1), rules.timeZone),
      dueOn: a.on,
      showFrom: zonedMidnight(addDaysOn(a.on, -rules.leadDays), rules.timeZone),
      agreedOn: a.on,
    };
  }
  return {
    basis: 'cadence',
    dueAt: cadenceDueAt,
    dueOn: localDateOf(cadenceDueAt, rules.timeZone),
    showFrom: addDays(cadenceDueAt, -rules.leadDays),
  };
}

/** What sets a pair's next contact: a scheduled session, the date agreed in the last guide, or the cadence. */
export const nextContactBases = ['session', 'agreed', 'cadence'] as const;
export type NextContactBasis = (typeof nextContactBases)[number];

/**
 * The one rule for when a pair next talks (issue #16 item 10), read by the coach's task, the cards on
 * the coach's Today, the participant's record and the participant's own page, so they cannot
 * disagree: `nextContactDue` (a scheduled session, else the date agreed in the latest guide, else the
 * cadence) at the ladder's position. After a pause, or before the first reached contact, a date
 * agreed earlier is stale and only a session counts. Null once the intervention has ended.
 */
export function nextContactOf(
  p: LadderFacts & Pick<PairingActivity, 'nextSession' | 'agreedNextContact'>,
  rules: Pick<TaskRules, 'leadDays' | 'timeZone' | 'cadenceDays' | 'lengthDays' | 'ladder'>,
  now: Date,
): NextContactDue | null {
  const pos = ladderPosition(p, rules, now);
  if (pos.state === 'ended') return null;
  return dueAt(p, pos, rules, now);
}

function dueAt(
  p: Pick<PairingActivity, 'lastReachedAt' | 'nextSession' | 'agreedNextContact'>,
  pos: { isFresh: boolean; contactDueAt: Date },
  rules: Pick<TaskRules, 'leadDays' | 'timeZone'>,
  now: Date,
): NextContactDue {
  return nextContactDue(pos.isFresh ? { ...p, agreedNextContact: null } : p, pos.contactDueAt, rules, now);
}

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
      dueOn: localDateOf(pos.contactDueAt, rules.timeZone),
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
    } else {
      // After a pause, a date agreed before it is stale: only a session scheduled since counts.
      const due = dueAt(p, pos, rules, now);
      // The ladder still runs from the last reached contact: once a step fired, the coach sees the
      // task whatever was agreed, so a far-off date never hides a quiet pair (ADR 0017).
      const isShown = afterPause || pos.fired.length > 0 || now.getTime() >= due.showFrom.getTime();
      if (isShown) {
        const lastReached = `Last reached ${plural(daysBetween(p.lastReachedAt, now), 'day')} ago`;
        const lateness =
          due.basis !== 'cadence' && due.dueAt.getTime() > pos.dueAt.check_in.getTime()
            ? ` That is later than the program asks: staff will be asked to check in if nobody is reached by ${dateOnWords(localDateOf(pos.dueAt.check_in, rules.timeZone))}.`
            : '';
        const reason =
          due.basis === 'session' && due.isPast
            ? `The session on ${sessionWhenWords(due.session.startsAt, rules.timeZone)} has passed and no reached contact is logged since: log how it went, or agree a new time. ${lastReached}.${attempts}`
            : due.basis === 'session'
              ? `Session on ${sessionWhenWords(due.session.startsAt, rules.timeZone)}, ${modalityWords[due.session.modality]}. ${lastReached}.${lateness}${attempts}`
              : due.basis === 'agreed'
                ? `Next contact agreed for ${dateOnWords(due.agreedOn)} in the last session. ${lastReached}.${lateness}${attempts}`
                : afterPause
                  ? `${pauseEnded}; get back in touch within ${plural(ladder.firstContactDays, 'day')}.${attempts}`
                  : `${lastReached}; the program asks for a contact every ${plural(cadenceDays, 'day')}.${attempts}`;
        tasks.push({
          kind: 'next_contact',
          ...coachTask,
          dueOn: due.dueOn,
          // A session is due at its start but not overdue until it has ended without a reached contact.
          isOverdue: due.basis === 'session' ? due.isPast : now.getTime() > due.dueAt.getTime(),
          reason,
        });
      }
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
        dueOn: localDateOf(pos.dueAt.check_in, rules.timeZone),
        isOverdue: false,
        reason: pos.isFresh
          ? `${quiet}: call the pair to check in.${attempts}`
          : `${quiet}, ${plural(ladder.checkInGraceDays, 'day')} past the program’s ${plural(cadenceDays, 'day')} between contacts: call the pair to check in.${attempts}`,
        tips: [],
      });
    }
    if (pos.fired.includes('decision') && !pos.isDecisionRecorded) {
      tasks.push({
        kind: 'decision',
        assignee: 'coordinator',
        ...ids,
        dueOn: localDateOf(pos.dueAt.decision, rules.timeZone),
        isOverdue: false,
        reason: `${quiet}, ${plural(ladder.decisionGraceDays, 'day')} past the program’s ${plural(cadenceDays, 'day')} between contacts: decide whether to re-pair, pause or withdraw.${pos.isCheckInRecorded ? ' A check-in call was recorded.' : ''}${attempts}`,
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

/** Kinds that say someone may be unwell or unsafe: first on every staff list, whatever their date. */
const ALERT_KINDS: readonly TaskViewKind[] = ['safety', 'call_coach'];
/** Within the same urgency and day: the ladder's later steps first, then the other staff tasks, then coach tasks. */
const KIND_ORDER: readonly TaskViewKind[] = [
  'safety',
  'call_coach',
  'decision',
  'check_in_call',
  'first_contact',
  'next_contact',
  'assessment',
  'booster_due',
];

/**
 * Urgency of a task on `today` (a program-local date): 0 an alert (safety event, coach well-being),
 * 1 overdue (flagged, or due before today), 2 due today, 3 upcoming.
 */
export function urgencyTier(t: Pick<TaskView, 'kind' | 'dueOn' | 'isOverdue'>, today: string): 0 | 1 | 2 | 3 {
  if (ALERT_KINDS.includes(t.kind)) return 0;
  if (t.isOverdue || t.dueOn < today) return 1;
  return t.dueOn === today ? 2 : 3;
}

/**
 * One urgency order across kinds (issue #16): alerts first (safety events, then coaches' well-being calls), then overdue tasks by how long overdue
 * (the earliest due date first), then what is due today, then upcoming by due date; within a day the
 * later ladder step first, then by the participant's (or coach's) name.
 */
export function compareUrgency(a: TaskView, b: TaskView, today: string): number {
  const tier = urgencyTier(a, today) - urgencyTier(b, today);
  if (tier !== 0) return tier;
  // A participant's safety event comes before a coach's well-being call, whatever their dates.
  if (a.kind !== b.kind && (a.kind === 'safety' || b.kind === 'safety')) return a.kind === 'safety' ? -1 : 1;
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  const kind = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (kind !== 0) return kind;
  return (a.participantName || a.coachName).localeCompare(b.participantName || b.coachName);
}

const LADDER_STEPS: readonly TaskViewKind[] = ['decision', 'check_in_call', 'first_contact', 'next_contact'];
const STEP_WORDS: Partial<Record<TaskViewKind, string>> = {
  check_in_call: 'a check-in call',
  first_contact: 'the coach’s first contact',
  next_contact: 'the coach’s next contact',
};

/**
 * A staff list shows one task per pair on the ladder (issue #16): the most advanced step open (a
 * decision, else a check-in call, else the coach's contact), whose reason names the steps it stands
 * for; it keeps its own due date (when that step fell due). Other kinds pass through unchanged.
 */
export function onePerPair(tasks: readonly TaskView[]): TaskView[] {
  const byPair = new Map<string, TaskView[]>();
  const out: TaskView[] = [];
  for (const t of tasks) {
    if (!t.pairingId || !LADDER_STEPS.includes(t.kind)) {
      out.push(t);
      continue;
    }
    const list = byPair.get(t.pairingId);
    if (list) list.push(t);
    else byPair.set(t.pairingId, [t]);
  }
  for (const list of byPair.values()) {
    const steps = [...list].sort((a, b) => LADDER_STEPS.indexOf(a.kind) - LADDER_STEPS.indexOf(b.kind));
    const [top, ...others] = steps as [TaskView, ...TaskView[]];
    if (others.length === 0) {
      out.push(top);
      continue;
    }
    const also = others.map((t) => STEP_WORDS[t.kind] ?? t.kind).join(' and ');
    out.push({
      ...top,
      reason: `${top.reason} Also open for this pair: ${also}.`,
    });
  }
  return out;
}

/**
 * The overview's open-task counts (issue #16): like the Tasks page, one per pair on the ladder,
 * counted under its most advanced open step (a decision, else a check-in call, else the coach's
 * contact), so a quiet pair with a contact and a check-in call open counts once, as a check-in call.
 */
export function openTaskCounts(tasks: readonly Pick<Task, 'kind' | 'pairingId'>[]): Record<TaskKind, number> {
  const top = new Map<string, TaskKind>();
  for (const t of tasks) {
    const held = top.get(t.pairingId);
    if (!held || LADDER_STEPS.indexOf(t.kind) < LADDER_STEPS.indexOf(held)) top.set(t.pairingId, t.kind);
  }
  const counts: Record<TaskKind, number> = { first_contact: 0, next_contact: 0, check_in_call: 0, decision: 0 };
  for (const kind of top.values()) counts[kind]++;
  return counts;
}

/** The coordinator's list: one task per pair, in one urgency order across kinds. */
export function staffTaskList(tasks: readonly TaskView[], today: string): TaskView[] {
  return onePerPair(tasks).sort((a, b) => compareUrgency(a, b, today));
}
