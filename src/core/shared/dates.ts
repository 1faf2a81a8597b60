/** Calendar-date helpers. Instants are `Date` (UTC); calendar dates are `YYYY-MM-DD` strings. */
export const DAY_MS = 86_400_000;

/** The calendar date (UTC) of an instant, as YYYY-MM-DD. */
export function toDateOn(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Adds whole days to an instant. */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** Whole days from `from` to `to`, rounded down (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}
