/**
 * When the session ends if the person does nothing (ADR 0035): every signed-in answer from the
 * server says how many seconds are left (x-session-ends-in), and the idle warning listens here.
 * Also remembers that a session ended under the person (rather than a deliberate sign-out), so the
 * sign-in page can say so.
 */

export const SESSION_ENDS_HEADER = 'x-session-ends-in';

let endsAt: number | null = null;
let ended = false;
const listeners = new Set<() => void>();

/** Called with the header's value on every answer; `now` is the browser's clock. */
export function noteSessionEndsIn(seconds: number, now: number = Date.now()): void {
  if (!Number.isFinite(seconds)) return;
  endsAt = now + seconds * 1000;
  ended = false;
  for (const l of listeners) l();
}

/** The browser-clock instant the session ends if idle, or null before any signed-in answer. */
export function sessionEndsAt(): number | null {
  return endsAt;
}

export function subscribeSessionClock(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The server said the session is over (a 401 on a signed-in page, or the idle time ran out). */
export function markSessionEnded(): void {
  ended = true;
  endsAt = null;
  for (const l of listeners) l();
}

/** True once after a session ended under the person, until the next signed-in answer. */
export function wasSessionEnded(): boolean {
  return ended;
}

/** Signing out on purpose, or signing in again: nothing to say. */
export function resetSessionClock(): void {
  ended = false;
  endsAt = null;
  for (const l of listeners) l();
}
