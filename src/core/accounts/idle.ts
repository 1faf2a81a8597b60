/**
 * The idle sign-out, seen from both sides (issue #16, ADR 0035). Any request with the session
 * cookie counts as activity; the server writes "last seen" at most every touchAfterMs so that not
 * every request is a write, which must stay well inside the idle limit or a short limit would end
 * sessions that are in use. The web app warns idleWarningLeadMs before the end.
 */

const MINUTE_MS = 60_000;

/** How often a live session's "last seen" is written: every minute, or a quarter of a short idle limit. */
export function touchAfterMs(idleMinutes: number): number {
  return Math.min(MINUTE_MS, (idleMinutes * MINUTE_MS) / 4);
}

/** When the session ends if nothing happens: last seen + the idle limit, or the absolute expiry if sooner. */
export function idleEndsAt(s: { lastSeenAt: Date; expiresAt: Date }, idleMinutes: number): Date {
  return new Date(Math.min(s.lastSeenAt.getTime() + idleMinutes * MINUTE_MS, s.expiresAt.getTime()));
}

/** How long before the idle sign-out the warning shows: two minutes, or half of a shorter limit. */
export function idleWarningLeadMs(idleMinutes: number): number {
  return Math.min(2 * MINUTE_MS, (idleMinutes * MINUTE_MS) / 2);
}

/** "in 2 minutes", "in 1 minute", "in less than a minute" (rounded up to whole minutes). */
export function signOutInWords(msLeft: number): string {
  if (msLeft < MINUTE_MS) return 'in less than a minute';
  const minutes = Math.ceil(msLeft / MINUTE_MS);
  return minutes === 1 ? 'in 1 minute' : `in ${minutes} minutes`;
}

/** "30 minutes", "1 minute", "2 hours": the idle limit in words. */
export function idleLimitWords(idleMinutes: number): string {
  if (!Number.isInteger(idleMinutes)) {
    const seconds = Math.round(idleMinutes * 60);
    if (seconds < 60) return `${seconds} seconds`;
  }
  if (idleMinutes % 60 === 0 && idleMinutes >= 60) {
    const h = idleMinutes / 60;
    return h === 1 ? '1 hour' : `${h} hours`;
  }
  return idleMinutes === 1 ? '1 minute' : `${idleMinutes} minutes`;
}
