/**
 * Dates in plain words ("12 days ago", "due Tue 3 Dec"). Instants are ISO strings; calendar dates
 * are `YYYY-MM-DD`. Every function takes `now` so the words can be tested.
 */

import type { Locale } from '../../core/shared/locale';

const DAY_MS = 86_400_000;

/** A calendar date (`YYYY-MM-DD`) as local midnight. */
export function parseDateOn(on: string): Date {
  const [y, m, d] = on.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** Today's local calendar date as `YYYY-MM-DD`. */
export function todayOn(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Whole calendar days from `from` to `to` in local time (negative when `to` is earlier). */
export function calendarDaysBetween(from: Date, to: Date): number {
  return Math.round((startOfDay(to) - startOfDay(from)) / DAY_MS);
}

/** "Tue 3 Dec" ("mar, 3 de dic" in Spanish, ADR 0041), with the year when it is not this year. */
export function formatDay(d: Date, now: Date = new Date(), locale: Locale = 'en'): string {
  const opts: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
  if (d.getFullYear() !== now.getFullYear()) opts.year = 'numeric';
  if (locale === 'es') return new Intl.DateTimeFormat('es-US', opts).format(d);
  return new Intl.DateTimeFormat('en-GB', opts).format(d).replace(',', '');
}

/** A calendar date in words, e.g. "Tue 3 Dec". */
export function formatDateOn(on: string, now: Date = new Date(), locale: Locale = 'en'): string {
  return formatDay(parseDateOn(on), now, locale);
}

/** An instant with its time on a 12-hour clock, e.g. "Tue 3 Dec, 2:05 PM" (issue #16: no 24-hour times). */
export function formatDateTime(iso: string, now: Date = new Date(), locale: Locale = 'en'): string {
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', {
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  }).format(d);
  return `${formatDay(d, now, locale)}, ${time}`;
}

/** How long ago a day was: "today", "yesterday", "12 days ago" (or "in 3 days"; "hoy", "hace 12 días" in Spanish). */
export function daysAgo(day: Date, now: Date = new Date(), locale: Locale = 'en'): string {
  const n = calendarDaysBetween(day, now);
  if (locale === 'es') return new Intl.RelativeTimeFormat('es', { numeric: 'auto' }).format(-n, 'day');
  if (n === 0) return 'today';
  if (n === 1) return 'yesterday';
  if (n === -1) return 'tomorrow';
  if (n < 0) return `in ${-n} days`;
  return `${n} days ago`;
}

/** `daysAgo` for an ISO instant. */
export function instantAgo(iso: string, now: Date = new Date(), locale: Locale = 'en'): string {
  return daysAgo(new Date(iso), now, locale);
}

/** When something is due: "due today", "due tomorrow", "due Tue 3 Dec", "was due Tue 3 Dec (2 days ago)". */
export function dueOnPhrase(on: string, now: Date = new Date()): string {
  const day = parseDateOn(on);
  const n = calendarDaysBetween(now, day);
  if (n === 0) return 'due today';
  if (n === 1) return 'due tomorrow';
  if (n < 0) return `was due ${formatDay(day, now)} (${daysAgo(day, now)})`;
  return `due ${formatDay(day, now)}`;
}

/**
 * A pair's next contact with what set it (issue #16): "due Tue 8 Dec, the scheduled session",
 * "due Tue 15 Dec, as agreed in the last session", or just "due Fri 11 Dec" by the program's rhythm.
 */
export function nextContactPhrase(on: string, basis: 'session' | 'agreed' | 'cadence' | null, now: Date = new Date()): string {
  const due = dueOnPhrase(on, now);
  if (basis === 'session') return `${due}, the scheduled session`;
  if (basis === 'agreed') return `${due}, as agreed in the last session`;
  return due;
}

/** The value an `<input type="datetime-local">` needs for an instant, in local time, to the minute. */
export function toLocalInputValue(d: Date): string {
  return `${todayOn(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Reads an `<input type="datetime-local">` value as an ISO instant, or null when it is not a date. */
export function fromLocalInputValue(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
