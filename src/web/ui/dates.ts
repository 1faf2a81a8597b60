/**
 * Dates in plain words ("12 days ago", "due Tue 3 Dec"). Instants are ISO strings; calendar dates
 * are `YYYY-MM-DD`. Every function takes `now` so the words can be tested.
 *
 * Instants are read in a time zone (issue #16): inside a program, the program's, so a coordinator
 * whose laptop is in another zone sees the program's clock and day counts, with the zone named
 * ("Tue 8 Dec, 6:00 PM Pacific time") when it is not the device's. The device's zone is a parameter
 * too, so every function here stays pure and testable. `useWhen` (app/when.ts) binds both.
 */

import type { Locale } from '../../core/shared/locale';
import { localDateOf, localTimeOf, zonedInstant, zoneWords } from '../../core/shared/time';

/** How to say an instant: for whom, in which zone, and from which device. */
export interface WhenOptions {
  now?: Date;
  locale?: Locale;
  /** The zone whose clock and calendar days the words use (a program's); the device's when absent. */
  timeZone?: string | undefined;
  /** The zone of the device showing the words (the browser's when absent); the zone is named when they differ. */
  deviceZone?: string | undefined;
}

/** The zone the browser (or test process) runs in. */
export function deviceTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The runtime's own spelling of a zone, so two names of one zone (aliases) compare equal. */
function canonicalZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return timeZone;
  }
}

/** The zone to read in and whether to name it, from the options. */
function zoneOf(o: WhenOptions): { zone: string; named: boolean } {
  const device = o.deviceZone ?? deviceTimeZone();
  const zone = o.timeZone ?? device;
  return { zone, named: canonicalZone(zone) !== canonicalZone(device) };
}

/** The options' zone as people say it ("Pacific time") when it is not the device's, else null (nothing to say). */
export function zoneIfElsewhere(o: WhenOptions = {}): string | null {
  const { zone, named } = zoneOf(o);
  return named ? zoneWords(zone, o.locale ?? 'en') : null;
}

/** Whole days from one calendar date (`YYYY-MM-DD`) to another: calendar arithmetic, no zone. */
function daysBetweenOn(from: string, to: string): number {
  const utc = (on: string) => {
    const [y = 1970, m = 1, d = 1] = on.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

const DAY_MS = 86_400_000;

/** A calendar date (`YYYY-MM-DD`) as local midnight. */
export function parseDateOn(on: string): Date {
  const [y, m, d] = on.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** Today's calendar date as `YYYY-MM-DD`: on the device, or where a program is when its zone is given. */
export function todayOn(now: Date = new Date(), timeZone?: string): string {
  if (timeZone) return localDateOf(now, timeZone);
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Whole days from today to a calendar date (`YYYY-MM-DD`): 0 today, 1 tomorrow, -2 two days ago.
 * Today is where the program is when its zone is given (issue #16), else on the device; the date
 * itself is already the program's, so no zone moves it.
 */
export function daysFromToday(on: string, now: Date = new Date(), timeZone?: string): number {
  return daysBetweenOn(todayOn(now, timeZone), on);
}

/**
 * "Tue 3 Dec" ("mar, 3 de dic" in Spanish, ADR 0041), with the year when it is not this year; the day
 * in `timeZone` when given (a program's), else on the device.
 */
export function formatDay(d: Date, now: Date = new Date(), locale: Locale = 'en', timeZone?: string): string {
  const yearOf = (x: Date) => (timeZone ? localDateOf(x, timeZone).slice(0, 4) : String(x.getFullYear()));
  return dayWords(d, yearOf(d) !== yearOf(now), locale, timeZone);
}

function dayWords(d: Date, withYear: boolean, locale: Locale, timeZone: string | undefined): string {
  const opts: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
  if (withYear) opts.year = 'numeric';
  if (timeZone) opts.timeZone = timeZone;
  if (locale === 'es') return new Intl.DateTimeFormat('es-US', opts).format(d);
  return new Intl.DateTimeFormat('en-GB', opts).format(d).replace(',', '');
}

/**
 * A calendar date in words, e.g. "Tue 3 Dec", with the year when it is not this year: this year where
 * the program is when its zone is given (issue #16), else on the device. The date is never moved.
 */
export function formatDateOn(on: string, now: Date = new Date(), locale: Locale = 'en', timeZone?: string): string {
  const [y = 1970, m = 1, d = 1] = on.split('-').map(Number);
  // Noon UTC read in UTC is the same calendar day whatever zone the device is in.
  return dayWords(new Date(Date.UTC(y, m - 1, d, 12)), on.slice(0, 4) !== todayOn(now, timeZone).slice(0, 4), locale, 'UTC');
}

/**
 * An instant with its time on a 12-hour clock (issue #16: no 24-hour times), in the options' zone:
 * "Tue 3 Dec, 2:05 PM", or "Tue 3 Dec, 2:05 PM Pacific time" ("… hora del Pacífico") when that zone
 * is not the device's.
 */
export function formatDateTime(iso: string, o: WhenOptions = {}): string {
  const { now = new Date(), locale = 'en' } = o;
  const { zone, named } = zoneOf(o);
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', {
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZone: zone,
  }).format(d);
  const words = `${formatDay(d, now, locale, zone)}, ${time}`;
  return named ? `${words} ${zoneWords(zone, locale)}` : words;
}

/** The day of an instant in the options' zone, e.g. "Tue 3 Dec" (no clock, so no zone words). */
export function formatInstantDay(iso: string, o: WhenOptions = {}): string {
  return formatDay(new Date(iso), o.now ?? new Date(), o.locale ?? 'en', zoneOf(o).zone);
}

/** How many days ago: "today", "yesterday", "12 days ago" (or "in 3 days"; "hoy", "hace 12 días" in Spanish). */
function dayCountWords(n: number, locale: Locale): string {
  if (locale === 'es') return new Intl.RelativeTimeFormat('es', { numeric: 'auto' }).format(-n, 'day');
  if (n === 0) return 'today';
  if (n === 1) return 'yesterday';
  if (n === -1) return 'tomorrow';
  if (n < 0) return `in ${-n} days`;
  return `${n} days ago`;
}

/** `daysAgo` for an ISO instant, counting calendar days in the options' zone (a program's). */
export function instantAgo(iso: string, o: WhenOptions = {}): string {
  const { now = new Date(), locale = 'en' } = o;
  const { zone } = zoneOf(o);
  return dayCountWords(daysBetweenOn(localDateOf(new Date(iso), zone), localDateOf(now, zone)), locale);
}

/**
 * When something is due: "due today", "due tomorrow", "due Tue 3 Dec", "was due Tue 3 Dec (2 days ago)",
 * counted from today where the program is when its zone is given (issue #16), else on the device.
 */
export function dueOnPhrase(on: string, now: Date = new Date(), timeZone?: string): string {
  const n = daysFromToday(on, now, timeZone);
  if (n === 0) return 'due today';
  if (n === 1) return 'due tomorrow';
  const day = formatDateOn(on, now, 'en', timeZone);
  if (n < 0) return `was due ${day} (${dayCountWords(-n, 'en')})`;
  return `due ${day}`;
}

/**
 * A pair's next contact with what set it (issue #16): "due Tue 8 Dec, the scheduled session",
 * "due Tue 15 Dec, as agreed in the last session", or just "due Fri 11 Dec" by the program's rhythm;
 * counted like `dueOnPhrase`.
 */
export function nextContactPhrase(
  on: string,
  basis: 'session' | 'agreed' | 'cadence' | null,
  now: Date = new Date(),
  timeZone?: string,
): string {
  const due = dueOnPhrase(on, now, timeZone);
  if (basis === 'session') return `${due}, the scheduled session`;
  if (basis === 'agreed') return `${due}, as agreed in the last session`;
  return due;
}

/**
 * The value an `<input type="datetime-local">` needs for an instant, to the minute: the wall clock
 * in `timeZone` when given (a program's, issue #16), else on the device.
 */
export function toLocalInputValue(d: Date, timeZone?: string): string {
  if (timeZone) {
    const t = localTimeOf(d, timeZone);
    return `${t.dateOn}T${pad(t.hour)}:${pad(t.minute)}`;
  }
  return `${todayOn(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Reads an `<input type="datetime-local">` value as an ISO instant, or null when it is not a date:
 * a wall clock in `timeZone` when given (null for the hour skipped when daylight saving starts), else
 * on the device.
 */
export function fromLocalInputValue(value: string, timeZone?: string): string | null {
  if (!value) return null;
  if (timeZone) {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/.exec(value);
    return m ? (zonedInstant(m[1]!, m[2]!, timeZone)?.toISOString() ?? null) : null;
  }
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
