import { zonedMidnight } from '../../../core/shared/time';
import { parseDateOn, todayOn } from '../../ui/dates';

/** A pairing that began before today, entered from a paper record by staff (ADR 0030, 0037). */
export interface EarlierStart {
  /** The day it began, `YYYY-MM-DD` as typed (a date field). */
  on: string;
  /** Why it is entered late. */
  reason: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What must be fixed before a back-dated pairing can be sent, in words by field (`startedAt`,
 * `enteredLate.reason`, as the server names them): a real day, not after today, and a reason of a
 * few words. Whether it overlaps an earlier pairing only the server knows (it answers
 * `pairing_overlaps` in words).
 */
export function earlierStartProblems(v: EarlierStart, now: Date, timeZone?: string): Record<string, string> {
  const out: Record<string, string> = {};
  const d = DATE.test(v.on) ? parseDateOn(v.on) : null;
  if (!d || Number.isNaN(d.getTime()) || todayOn(d) !== v.on) out['startedAt'] = 'Enter the day the pairing began';
  else if (v.on > todayOn(now, timeZone)) out['startedAt'] = 'The day cannot be after today';
  const reason = v.reason.trim();
  if (reason.length < 3)
    out['enteredLate.reason'] = 'Say in a few words why it is entered late, such as “From the clinic’s paper log”';
  else if (reason.length > 500) out['enteredLate.reason'] = 'Use 500 characters or fewer';
  return out;
}

/**
 * The request's `startedAt` and `enteredLate` for a pairing that began on an earlier day: the start
 * of that day where the program is (issue #16; on the device when no zone is given), never in the
 * future, so the server's check passes for today.
 */
export function earlierStartBody(v: EarlierStart, timeZone?: string): { startedAt: string; enteredLate: { reason: string } } {
  const start = timeZone ? zonedMidnight(v.on, timeZone) : parseDateOn(v.on);
  return { startedAt: start.toISOString(), enteredLate: { reason: v.reason.trim() } };
}
