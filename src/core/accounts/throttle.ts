/**
 * Sign-in throttling (ADR 0021): failures are counted per key — the address, the account (for
 * devices the account has never signed in from) and a known device — and each key, past a few
 * free failures, must wait a delay that doubles with every further failure, up to a cap. Nothing is
 * ever locked: a device the owner signed in from before is throttled only by its own failures, so a
 * stranger's wrong passwords cannot keep the owner out.
 */

/** Failures a key may make before it has to wait. */
export const FREE_FAILURES = 5;
/** The first wait, doubled with each further failure. */
export const FIRST_DELAY_MS = 1_000;
/** The longest wait. */
export const MAX_DELAY_MS = 10 * 60_000;
/** A key with no failure for this long starts again from nothing. */
export const FORGET_AFTER_MS = 60 * 60_000;
/** Failures on one account (from unknown devices) that make Kindred e-mail the owner, once per spell. */
export const NOTIFY_OWNER_AFTER = 5;

export interface ThrottleState {
  failures: number;
  /** When the current spell of failures began (the first failure after a quiet hour). */
  firstFailureAt: Date;
  lastFailureAt: Date;
  /** No attempt is checked before this time. */
  blockedUntil: Date | null;
}

/** How long to wait after the `failures`-th failure in a spell. */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  const doublings = failures - FREE_FAILURES;
  // 2^20 s is far past the cap; stop doubling before the number grows without bound.
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(doublings, 20), MAX_DELAY_MS);
}

/** Whether a key's spell has passed, so its next failure counts as the first again. */
export function isForgotten(state: ThrottleState | null, now: Date): boolean {
  return !state || now.getTime() - state.lastFailureAt.getTime() >= FORGET_AFTER_MS;
}

/** The state of a key after one more failure at `now`. */
export function afterFailure(state: ThrottleState | null, now: Date): ThrottleState {
  const fresh = isForgotten(state, now) || !state;
  const failures = fresh ? 1 : state.failures + 1;
  const delay = delayAfter(failures);
  return {
    failures,
    firstFailureAt: fresh ? now : state.firstFailureAt,
    lastFailureAt: now,
    blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null,
  };
}

/** Milliseconds a key must still wait at `now` (0: it may try). */
export function waitFor(state: ThrottleState | null, now: Date): number {
  if (!state?.blockedUntil) return 0;
  return Math.max(0, state.blockedUntil.getTime() - now.getTime());
}

/** Whole seconds for a Retry-After header: at least 1 when there is any wait. */
export function retryAfterSeconds(ms: number): number {
  return ms <= 0 ? 0 : Math.ceil(ms / 1000);
}

/** A wait in words a person would use: "a few seconds", "about 4 minutes". */
export function waitInWords(ms: number): string {
  const { waitUnit, waitCount } = waitParts(ms);
  if (waitUnit === 'few') return 'a few seconds';
  if (waitUnit === 'seconds') return `${waitCount} seconds`;
  return waitCount === 1 ? 'a minute' : `${waitCount} minutes`;
}

/** The wait in parts, for saying it in another language (ADR 0051): a few seconds, N seconds or N minutes. */
export function waitParts(ms: number): { waitUnit: 'few' | 'seconds' | 'minutes'; waitCount: number } {
  const s = retryAfterSeconds(ms);
  if (s <= 10) return { waitUnit: 'few', waitCount: s };
  if (s < 60) return { waitUnit: 'seconds', waitCount: s };
  return { waitUnit: 'minutes', waitCount: Math.ceil(s / 60) };
}

/** Whether this failure is the one that should e-mail the owner (once per spell). */
export function shouldNotifyOwner(after: ThrottleState): boolean {
  return after.failures === NOTIFY_OWNER_AFTER;
}
