import { addDaysOn, weekdayOfDateOn, zonedMidnight, localDateOf } from '../shared/time';
import type { SafetyState } from './events';

/**
 * When staff should have followed up: the end of the next business day (Monday to Friday on the
 * program's local calendar) after the event was raised, mirroring the Veterans Crisis Line's
 * next-business-day follow-up (shared/domain/ECLIPSE-and-instruments.md §5, §6.12). Public holidays
 * are not known to Kindred and count as business days.
 */
export function followUpDueAt(raisedAt: Date, timeZone: string): Date {
  let day = addDaysOn(localDateOf(raisedAt, timeZone), 1);
  while (weekdayOfDateOn(day) === 'sat' || weekdayOfDateOn(day) === 'sun') day = addDaysOn(day, 1);
  return zonedMidnight(addDaysOn(day, 1), timeZone);
}

export interface SafetyTimingFacts {
  raisedAt: Date;
  acknowledgedAt: Date | null;
  /** When the first follow-up happened (as staff recorded it). */
  firstFollowUpAt: Date | null;
}

/** pending: not yet due; overdue: due and none recorded; on_time / late: recorded before or after it was due. */
export type FollowUpStatus = 'pending' | 'overdue' | 'on_time' | 'late';

export interface SafetyTimings {
  minutesToAcknowledge: number | null;
  minutesToFollowUp: number | null;
  followUpDueAt: Date;
  followUpStatus: FollowUpStatus;
}

/** Whole minutes from one instant to a later one (never negative: a follow-up a clock-skew early counts as 0). */
function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
}

/** Time to acknowledgement and to the first follow-up, and whether the follow-up came in time. */
export function safetyTimings(e: SafetyTimingFacts, now: Date, timeZone: string): SafetyTimings {
  const due = followUpDueAt(e.raisedAt, timeZone);
  const followUpStatus: FollowUpStatus = e.firstFollowUpAt
    ? e.firstFollowUpAt.getTime() <= due.getTime()
      ? 'on_time'
      : 'late'
    : now.getTime() > due.getTime()
      ? 'overdue'
      : 'pending';
  return {
    minutesToAcknowledge: e.acknowledgedAt ? minutesBetween(e.raisedAt, e.acknowledgedAt) : null,
    minutesToFollowUp: e.firstFollowUpAt ? minutesBetween(e.raisedAt, e.firstFollowUpAt) : null,
    followUpDueAt: due,
    followUpStatus,
  };
}

/** The middle value (the mean of the two middle values for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface SafetyLogSummary {
  total: number;
  notClosed: number;
  awaitingAcknowledgement: number;
  followUpOverdue: number;
  followUpsOnTime: number;
  followUpsLate: number;
  medianMinutesToAcknowledge: number | null;
  medianMinutesToFollowUp: number | null;
}

/** The program's safety log at a glance: what is still open and how fast staff acknowledged and followed up. */
export function summarizeSafetyLog(
  events: readonly (SafetyTimingFacts & { state: SafetyState })[],
  now: Date,
  timeZone: string,
): SafetyLogSummary {
  const timings = events.map((e) => ({ e, t: safetyTimings(e, now, timeZone) }));
  const count = (f: (x: (typeof timings)[number]) => boolean) => timings.filter(f).length;
  return {
    total: events.length,
    notClosed: count(({ e }) => e.state !== 'closed'),
    awaitingAcknowledgement: count(({ e }) => e.state === 'open'),
    followUpOverdue: count(({ t }) => t.followUpStatus === 'overdue'),
    followUpsOnTime: count(({ t }) => t.followUpStatus === 'on_time'),
    followUpsLate: count(({ t }) => t.followUpStatus === 'late'),
    medianMinutesToAcknowledge: median(
      timings.flatMap(({ t }) => (t.minutesToAcknowledge === null ? [] : [t.minutesToAcknowledge])),
    ),
    medianMinutesToFollowUp: median(timings.flatMap(({ t }) => (t.minutesToFollowUp === null ? [] : [t.minutesToFollowUp]))),
  };
}
