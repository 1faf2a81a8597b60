import { z } from 'zod';
import { addDays, daysBetween, toDateOn } from '../shared/dates';

/** What Kindred asks someone to do next, derived from the data each time (never stored). */
export const taskKinds = ['first_contact', 'next_contact', 'check_in_call'] as const;
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
}

/** The facts about one active pairing that the task rules read. */
export interface PairingActivity {
  pairingId: string;
  participantId: string;
  coachId: string;
  startedAt: Date;
  /** When the participant's intervention began (the first pairing); the program length counts from here. */
  interventionStartedAt: Date;
  lastReachedAt: Date | null;
  /** Unreached attempts since the last reached contact (or since pairing). */
  attemptsSinceReached: number;
}

export interface TaskRules {
  cadenceDays: number;
  lengthDays: number;
  /** Days after pairing by which the coach should have made the first contact. */
  firstContactDays: number;
  /** Days past the cadence without a reached contact before staff call to check in. */
  checkInGraceDays: number;
  /** How many days before a next contact falls due it shows up on the coach's list. */
  leadDays: number;
}

export const DEFAULT_TASK_RULES = { firstContactDays: 7, checkInGraceDays: 7, leadDays: 3 } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "Paired today", "Paired 1 day ago", "Paired 12 days ago": plain words, no dates to decode. */
function pairedAgo(startedAt: Date, now: Date): string {
  const days = daysBetween(startedAt, now);
  return days <= 0 ? 'Paired today' : `Paired ${plural(days, 'day')} ago`;
}

/**
 * Derives the open tasks for a set of active pairings at `now`. A task disappears by itself once
 * the data satisfies it: a reached contact clears "first contact" and resets the cadence clock.
 */
export function deriveTasks(pairs: readonly PairingActivity[], rules: TaskRules, now: Date): Task[] {
  const tasks: Task[] = [];
  for (const p of pairs) {
    const interventionEndsAt = addDays(p.interventionStartedAt, rules.lengthDays);
    if (now.getTime() >= interventionEndsAt.getTime()) continue;
    const ids = { pairingId: p.pairingId, participantId: p.participantId, coachId: p.coachId };
    const attempts =
      p.attemptsSinceReached > 0 ? ` ${plural(p.attemptsSinceReached, 'attempt')} so far without reaching them.` : '';

    if (p.lastReachedAt === null) {
      const due = addDays(p.startedAt, rules.firstContactDays);
      tasks.push({
        kind: 'first_contact',
        assignee: 'coach',
        ...ids,
        dueOn: toDateOn(due),
        isOverdue: now.getTime() > due.getTime(),
        reason: `${pairedAgo(p.startedAt, now)} and not reached yet; the first contact is due within ${plural(rules.firstContactDays, 'day')} of pairing.${attempts}`,
      });
    } else {
      const due = addDays(p.lastReachedAt, rules.cadenceDays);
      if (now.getTime() >= addDays(due, -rules.leadDays).getTime()) {
        tasks.push({
          kind: 'next_contact',
          assignee: 'coach',
          ...ids,
          dueOn: toDateOn(due),
          isOverdue: now.getTime() > due.getTime(),
          reason: `Last reached ${plural(daysBetween(p.lastReachedAt, now), 'day')} ago; the program asks for a contact every ${plural(rules.cadenceDays, 'day')}.${attempts}`,
        });
      }
    }

    const quietSince = p.lastReachedAt ?? p.startedAt;
    const checkInDue = addDays(quietSince, rules.cadenceDays + rules.checkInGraceDays);
    if (now.getTime() >= checkInDue.getTime()) {
      const days = daysBetween(quietSince, now);
      tasks.push({
        kind: 'check_in_call',
        assignee: 'coordinator',
        ...ids,
        dueOn: toDateOn(checkInDue),
        isOverdue: false,
        reason:
          p.lastReachedAt === null
            ? `No reached contact in the ${plural(days, 'day')} since pairing: call the pair to check in.${attempts}`
            : `No reached contact for ${plural(days, 'day')} (cadence ${rules.cadenceDays} + ${rules.checkInGraceDays}): call the pair to check in.${attempts}`,
      });
    }
  }
  return tasks.sort(compareTasks);
}

/** Overdue first, then by due date, then check-in calls before coach tasks of the same day. */
export function compareTasks(a: Task, b: Task): number {
  if (a.isOverdue !== b.isOverdue) return a.isOverdue ? -1 : 1;
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  return taskKinds.indexOf(b.kind) - taskKinds.indexOf(a.kind);
}

export type PairState = 'on_track' | 'due' | 'overdue' | 'quiet';

/**
 * Where a pair stands against the cadence: on track within the cadence, due in the lead window,
 * overdue past it, quiet once staff should call (cadence + grace).
 */
export function pairState(p: Pick<PairingActivity, 'startedAt' | 'lastReachedAt'>, rules: TaskRules, now: Date): PairState {
  const since = p.lastReachedAt ?? p.startedAt;
  const days = (now.getTime() - since.getTime()) / 86_400_000;
  const allowance = p.lastReachedAt === null ? rules.firstContactDays : rules.cadenceDays;
  if (days >= rules.cadenceDays + rules.checkInGraceDays) return 'quiet';
  if (days > allowance) return 'overdue';
  if (days >= allowance - rules.leadDays) return 'due';
  return 'on_track';
}

export const TaskView = z.object({
  kind: z.enum(taskKinds),
  assignee: z.enum(['coach', 'coordinator']),
  pairingId: z.uuid(),
  participantId: z.uuid(),
  participantName: z.string(),
  coachId: z.uuid(),
  coachName: z.string(),
  dueOn: z.string(),
  isOverdue: z.boolean(),
  reason: z.string(),
});
export type TaskView = z.infer<typeof TaskView>;

export const Overview = z.object({
  participantsByStatus: z.record(z.string(), z.int()),
  pairsByState: z.object({ on_track: z.int(), due: z.int(), overdue: z.int(), quiet: z.int() }),
  openTasks: z.object({ first_contact: z.int(), next_contact: z.int(), check_in_call: z.int() }),
  coaches: z.object({ active: z.int(), paused: z.int(), retired: z.int(), openPlaces: z.int() }),
  contactsLast30Days: z.object({ attempts: z.int(), reached: z.int() }),
  targetContacts: z.int(),
  cadenceDays: z.int(),
});
export type Overview = z.infer<typeof Overview>;
