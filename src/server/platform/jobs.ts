import type { Deps } from './context';

/**
 * Timed work a feature exports for main.ts's 10-minute sweep (issue #14): a name (the log says
 * "<name> failed") and what to run at `now`. Each job must be safe to repeat (idempotency keys or
 * claimed rows), since a sweep may run again before or after a crash.
 */
export interface TimedJob {
  name: string;
  run: (deps: Deps, now: Date) => Promise<unknown>;
}
