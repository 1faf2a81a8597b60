import { z } from 'zod';
import type { TimeOfDay } from './vocab';
import type { Locale } from './locale';

/**
 * The one time module (#14). Instants are `Date` (UTC); domain dates — due dates, enrolment, end
 * and pause dates, anything a person reads as "on" a day — are calendar dates in the program's
 * time zone (an IANA name such as America/New_York), written `YYYY-MM-DD`. Computed with the
 * platform's Intl time-zone data: no I/O and no dependency, so the rules stay pure. See
 * docs/decisions/0007-local-time.md for why the program's zone is the one that counts.
 *
 * There is deliberately no "date of an instant" without a zone: the UTC date of an evening in New
 * York is the next day. Use `localDateOf(at, timeZone)`.
 */

export const DAY_MS = 86_400_000;

/** Adds whole 24-hour days to an instant. */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** Whole 24-hour days from `from` to `to`, rounded down (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** Days of the week, Monday first (ISO 8601 order). */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(weekdays);
export type Weekday = z.infer<typeof Weekday>;

/** The zone a new program gets when none is given: the demo's, and ECLIPSE's region (Indiana). */
export const DEFAULT_TIME_ZONE = 'America/New_York';

/** True when the runtime knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, 'Choose a time zone from the list, such as New York for Eastern time');

/** A clock time as HH:MM (24-hour), e.g. "09:30". */
/** An HH:MM clock time, with the words a form shows when it is missing or malformed. */
export const clockTime = (words = 'Use a time such as 09:30 or 18:00') =>
  z.string({ error: words }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, words);
export const ClockTime = clockTime();

/** Minutes since midnight of an HH:MM clock time. */
export function minutesOf(clock: string): number {
  const [h = '0', m = '0'] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

/** HH:MM of minutes since midnight. */
export function clockOf(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A calendar date as people read it (issue #16): "2026-03-10" → "Tuesday 10 March 2026". */
export function dateOnWords(dateOn: string, locale: Locale = 'en'): string {
  const [y, m, d] = dateOn.split('-').map(Number);
  if (locale === 'es') {
    // "martes, 10 de marzo de 2026" (ADR 0041): the calendar date itself, so no zone can move it.
    return new Intl.DateTimeFormat('es-US', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
  }
  return `${WEEKDAY_NAMES[weekdayOfDateOn(dateOn)]} ${d} ${MONTH_NAMES[(m ?? 1) - 1]} ${y}`;
}

/** A clock time as people read it (issue #16): "18:00" → "6:00 PM", "00:30" → "12:30 AM". */
export function clockWords(clock: string, locale: Locale = 'en'): string {
  const minutes = minutesOf(clock);
  const h = Math.floor(minutes / 60) % 24;
  const m = String(minutes % 60).padStart(2, '0');
  // Spanish in the United States also reads a 12-hour clock: "6:00 p. m." (ADR 0041).
  if (locale === 'es') return `${h % 12 === 0 ? 12 : h % 12}:${m} ${h < 12 ? 'a. m.' : 'p. m.'}`;
  return `${h % 12 === 0 ? 12 : h % 12}:${m} ${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * A time zone as people say it, never its IANA name (issue #16): "Eastern time", "Pacific time",
 * "Hawaii-Aleutian time"; a zone without a common name goes by its city ("Guam time").
 */
export function zoneWords(timeZone: string, locale: Locale = 'en'): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  let name: string;
  try {
    name =
      new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone, timeZoneName: 'longGeneric' })
        .formatToParts(new Date(0))
        .find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    name = '';
  }
  const city = (timeZone.split('/').at(-1) ?? timeZone).replaceAll('_', ' ');
  if (locale === 'es') {
    // "hora oriental", "hora del Pacífico" (ADR 0041).
    if (name && !/^(GMT|UTC)/.test(name)) return name.replace(/^hora estándar /, 'hora ');
    return `hora de ${city}`;
  }
  if (name && !/^(GMT|UTC)/.test(name)) return name.replace(/( Standard)? Time$/, ' time');
  return `${city} time`;
}

export interface LocalTime {
  weekday: Weekday;
  /** 0–23. */
  hour: number;
  minute: number;
  /** The local calendar date, YYYY-MM-DD. */
  dateOn: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAY_BY_SHORT: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

function partsOf(at: Date, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) out[p.type] = p.value;
  return out;
}

/** The local weekday, hour, minute and date of an instant in a time zone. */
export function localTimeOf(at: Date, timeZone: string): LocalTime {
  const p = partsOf(at, timeZone);
  return {
    weekday: WEEKDAY_BY_SHORT[p['weekday'] ?? ''] ?? 'mon',
    hour: Number(p['hour']) % 24,
    minute: Number(p['minute']),
    dateOn: `${p['year']}-${p['month']}-${p['day']}`,
  };
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: the program's local date. */
export function localDateOf(at: Date, timeZone: string): string {
  return localTimeOf(at, timeZone).dateOn;
}

/** Today's date where a program is (anything with a `timeZone`). */
export function todayIn(where: { timeZone: string }, now: Date): string {
  return localDateOf(now, where.timeZone);
}

/**
 * A SQL `date` column as YYYY-MM-DD. Drivers return either the string or a Date at UTC midnight of
 * that calendar date, so the UTC date is the stored date here (no zone applies to a stored date).
 */
export function calendarDateOf(v: string | Date): string;
export function calendarDateOf(v: string | Date | null): string | null;
export function calendarDateOf(v: string | Date | null): string | null {
  return v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: Date, timeZone: string): number {
  const p = partsOf(at, timeZone);
  const wall = Date.UTC(
    Number(p['year']),
    Number(p['month']) - 1,
    Number(p['day']),
    Number(p['hour']) % 24,
    Number(p['minute']),
    Number(p['second']),
  );
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a calendar date begins (00:00 local) in a time zone. */
export function zonedMidnight(dateOn: string, timeZone: string): Date {
  const [y = 1970, m = 1, d = 1] = dateOn.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetAt(new Date(guess), timeZone);
  // Across a daylight-saving change the offset at midnight differs from the offset at the guess.
  const second = guess - offsetAt(new Date(first), timeZone);
  return new Date(second);
}

/**
 * The instant a local date and clock time (HH:MM) happen in a time zone, or null when that wall
 * time does not exist there (the hour skipped when daylight saving starts). In the repeated hour
 * when it ends, the earlier instant is chosen.
 */
export function zonedInstant(dateOn: string, clock: string, timeZone: string): Date | null {
  const [y = 1970, m = 1, d = 1] = dateOn.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d) + minutesOf(clock) * 60_000;
  const candidates = [
    wall - offsetAt(new Date(wall - 36 * 3_600_000), timeZone),
    wall - offsetAt(new Date(wall + 36 * 3_600_000), timeZone),
  ]
    .filter((t) => {
      const local = localTimeOf(new Date(t), timeZone);
      return local.dateOn === dateOn && local.hour * 60 + local.minute === minutesOf(clock);
    })
    .sort((a, b) => a - b);
  return candidates.length > 0 ? new Date(candidates[0]!) : null;
}

/** The index of a weekday, Monday = 0. */
export function weekdayIndex(w: Weekday): number {
  return weekdays.indexOf(w);
}

/** Adds whole calendar days to a YYYY-MM-DD date. */
export function addDaysOn(dateOn: string, days: number): string {
  const [y = 1970, m = 1, d = 1] = dateOn.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Adds calendar months to a YYYY-MM-DD date; a day that does not exist in the target month becomes
 * that month's last day (31 August + 6 months = 28 or 29 February).
 */
export function addMonthsOn(dateOn: string, months: number): string {
  const [y = 1970, m = 1, d = 1] = dateOn.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** A calendar month as people say it, "2026-11" → "November 2026" ("noviembre de 2026"): no ISO months on screen (#16). */
export function monthWords(month: string, locale: Locale = 'en'): string {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 15)),
  );
}

/** The weekday of a YYYY-MM-DD calendar date. */
export function weekdayOfDateOn(dateOn: string): Weekday {
  const [y = 1970, m = 1, d = 1] = dateOn.split('-').map(Number);
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return weekdays[(js + 6) % 7]!;
}

/** The first date on or after `from` that falls on `weekday`. */
export function nextDateOn(from: string, weekday: Weekday): string {
  const shift = (weekdayIndex(weekday) - weekdayIndex(weekdayOfDateOn(from)) + 7) % 7;
  return addDaysOn(from, shift);
}

/**
 * The times of day people name when they say when to call, as local hours [from, to). Hours outside
 * the three bands (late night, early morning) are never suggested.
 */
export const timeBands = {
  morning: [6, 12],
  afternoon: [12, 17],
  evening: [17, 22],
} as const satisfies Record<TimeOfDay, readonly [number, number]>;

/** The band a local hour falls in, or null at night. */
export function bandOf(hour: number): TimeOfDay | null {
  for (const [band, [from, to]] of Object.entries(timeBands) as [TimeOfDay, readonly [number, number]][]) {
    if (hour >= from && hour < to) return band;
  }
  return null;
}
