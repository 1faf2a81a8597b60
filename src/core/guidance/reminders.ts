import { addDaysOn, localTimeOf, minutesOf, timeBands, weekdayIndex, weekdayOfDateOn, type Weekday } from '../shared/time';
import { checkInStatus } from '../plans/progress';
import type { Channel, TimeOfDay } from '../shared/vocab';

/**
 * Whose weekly PEG check-in reminder is due at an instant, following the participant's stated
 * preferences in the program's time zone: the days, times of day and "not before / not after" that
 * suit, a pause, and the channel. One reminder per ISO week at most (the caller's idempotency key).
 */
export interface ReminderFacts {
  status: string;
  /** A participant without an account cannot check in: nothing to remind. */
  hasAccount: boolean;
  email: string | null;
  phone: string | null;
  preferredChannel: Channel;
  preferredDays: readonly Weekday[];
  preferredTimes: readonly TimeOfDay[];
  notBefore: string | null;
  notAfter: string | null;
  contactPausedUntil: string | null;
  /** The program-local date of the last check-in, or null. */
  lastCheckInOn: string | null;
}

/** Without a stated window, reminders go out during the day only. */
export const DEFAULT_REMINDER_WINDOW = { notBefore: '09:00', notAfter: '20:00' } as const;

export type ReminderChannel = 'email' | 'text' | 'in_app';

export type ReminderDecision =
  | { isDue: false; why: 'not_in_program' | 'no_account' | 'not_due' | 'paused' | 'not_a_preferred_day' | 'outside_hours' }
  | { isDue: true; channel: ReminderChannel; week: string; today: string };

/** The ISO week of a calendar date, e.g. "2026-W10" (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekOf(dateOn: string): string {
  const thursday = addDaysOn(dateOn, 3 - weekdayIndex(weekdayOfDateOn(dateOn)));
  const year = Number(thursday.slice(0, 4));
  const jan1 = Date.UTC(year, 0, 1);
  const [y = 1970, m = 1, d = 1] = thursday.split('-').map(Number);
  const week = Math.floor((Date.UTC(y, m - 1, d) - jan1) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The channel a reminder takes: a text message for someone who prefers texts (when texts can be
 * sent), otherwise e-mail, otherwise a text, otherwise only the notice in the app.
 */
export function reminderChannel(
  p: Pick<ReminderFacts, 'email' | 'phone' | 'preferredChannel'>,
  canText: boolean,
): ReminderChannel {
  if (p.preferredChannel === 'text' && p.phone && canText) return 'text';
  if (p.email) return 'email';
  if (p.phone && canText) return 'text';
  return 'in_app';
}

export function checkInReminder(p: ReminderFacts, at: Date, timeZone: string, opts: { canText: boolean }): ReminderDecision {
  if (p.status !== 'enrolled' && p.status !== 'active') return { isDue: false, why: 'not_in_program' };
  if (!p.hasAccount) return { isDue: false, why: 'no_account' };
  const local = localTimeOf(at, timeZone);
  const today = local.dateOn;
  if (!checkInStatus(p.lastCheckInOn, today).isDue) return { isDue: false, why: 'not_due' };
  if (p.contactPausedUntil && today < p.contactPausedUntil) return { isDue: false, why: 'paused' };
  if (p.preferredDays.length > 0 && !p.preferredDays.includes(local.weekday)) return { isDue: false, why: 'not_a_preferred_day' };
  const minutes = local.hour * 60 + local.minute;
  const from = minutesOf(p.notBefore ?? DEFAULT_REMINDER_WINDOW.notBefore);
  const to = minutesOf(p.notAfter ?? DEFAULT_REMINDER_WINDOW.notAfter);
  if (minutes < from || minutes >= to) return { isDue: false, why: 'outside_hours' };
  if (
    p.preferredTimes.length > 0 &&
    !p.preferredTimes.some((band) => local.hour >= timeBands[band][0] && local.hour < timeBands[band][1])
  ) {
    return { isDue: false, why: 'outside_hours' };
  }
  return { isDue: true, channel: reminderChannel(p, opts.canText), week: isoWeekOf(today), today };
}
