import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq, lte } from 'drizzle-orm';
import type { Deps } from './context';
import type { Db } from './database';
import { jobRuns } from './jobs.table';
import { sweepRateLimits } from './ratelimit';

/**
 * Timed work a feature exports for main.ts's 10-minute sweep (issue #14): a name (the log says
 * "<name> failed") and what to run at `now`. Each job must be safe to repeat (idempotency keys or
 * claimed rows), since a sweep may run again before or after a crash.
 */
export interface TimedJob {
  name: string;
  run: (deps: Deps, now: Date) => Promise<unknown>;
}

/** How often main.ts runs the timed jobs. */
export const SWEEP_EVERY_MS = 10 * 60_000;
/**
 * How long a server may hold a job before another may take it over: longer than any sweep takes. A
 * run that outlives it may overlap the next holder's, which the jobs' idempotency makes harmless.
 */
export const JOB_LEASE_MS = 10 * 60_000;
/**
 * A job is not started again within this long of its last start, by any server: servers' timers tick
 * at different moments, and without the gap each of them would run every job once per interval. A
 * little under the interval, so one server's own timer drift never skips a round.
 */
export const JOB_MIN_GAP_MS = SWEEP_EVERY_MS - 60_000;

/** A name for this server process in job leases: host, process id and a random part (pids repeat across containers). */
export function serverName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export interface ExclusiveOptions {
  /** This server (`serverName()`). */
  holder: string;
  /** The clock: read when the run starts and when it finishes. */
  at: () => Date;
  leaseMs?: number;
  minGapMs?: number;
}

/**
 * Runs `fn` only when this server wins the job's lease (ADR 0043): one conditional upsert on
 * `job_runs` takes the row when nobody holds it and the job has not started within `minGapMs`, so of
 * several servers sharing a database exactly one runs the job per interval, and a server that died
 * holding it is replaced once its lease ends. The lease is released when `fn` settles, whether or not
 * it succeeded. No connection is held while `fn` runs (unlike a session advisory lock), so it works
 * the same on a connection pool and on PGlite.
 */
export async function runExclusive<T>(
  db: Db,
  name: string,
  opts: ExclusiveOptions,
  fn: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const startedAt = opts.at();
  const heldUntil = new Date(startedAt.getTime() + (opts.leaseMs ?? JOB_LEASE_MS));
  const lastStartBefore = new Date(startedAt.getTime() - (opts.minGapMs ?? JOB_MIN_GAP_MS));
  // On a conflict PostgreSQL locks the existing row and evaluates `setWhere` on its latest version,
  // so of two servers claiming at once the second sees the first's lease and takes nothing.
  const won = await db
    .insert(jobRuns)
    .values({ name, heldBy: opts.holder, heldUntil, lastStartedAt: startedAt })
    .onConflictDoUpdate({
      target: jobRuns.name,
      set: { heldBy: opts.holder, heldUntil, lastStartedAt: startedAt, lastFinishedAt: null },
      setWhere: and(lte(jobRuns.heldUntil, startedAt), lte(jobRuns.lastStartedAt, lastStartBefore)),
    })
    .returning({ name: jobRuns.name });
  if (won.length === 0) return { ran: false };
  try {
    return { ran: true, result: await fn() };
  } finally {
    const finishedAt = opts.at();
    // Only our own lease is released: after a takeover the row belongs to the new holder.
    await db
      .update(jobRuns)
      .set({ heldUntil: finishedAt, lastFinishedAt: finishedAt })
      .where(and(eq(jobRuns.name, name), eq(jobRuns.heldBy, opts.holder), eq(jobRuns.lastStartedAt, startedAt)));
  }
}

/**
 * One sweep: each job in order, each under its own lease (`runExclusive`), each failure reported with
 * the job's name and the rest still run. Resolves to the names of the jobs this server ran.
 */
export async function runTimedJobs(
  deps: Deps,
  jobs: readonly TimedJob[],
  opts: Omit<ExclusiveOptions, 'at'> & { onError: (job: TimedJob, err: Error) => void },
): Promise<string[]> {
  const ran: string[] = [];
  const at = () => deps.clock.now();
  for (const job of jobs) {
    try {
      const run = await runExclusive(deps.db, job.name, { ...opts, at }, () => job.run(deps, at()));
      if (run.ran) ran.push(job.name);
    } catch (err) {
      opts.onError(job, err as Error);
    }
  }
  return ran;
}

/** The platform's own timed work: counters of ended rate-limit windows are deleted. */
export const platformJobs: readonly TimedJob[] = [{ name: 'rate limit sweep', run: (deps) => sweepRateLimits(deps.db) }];
