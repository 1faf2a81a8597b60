import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per timed job (ADR 0043): which server holds the job's lease and until when, and when it
 * last started and finished. `runExclusive` claims the row with one conditional upsert, so on several
 * servers sharing one database each job runs on one of them at a time, once per interval.
 */
export const jobRuns = pgTable('job_runs', {
  /** The job's name, as the log shows it ("ladder sweep"). */
  name: text('name').primaryKey(),
  /** The server (host, process, random suffix) that holds or last held the lease. */
  heldBy: text('held_by').notNull(),
  /** Until when the holder may run the job; a run whose server died is taken over after it. */
  heldUntil: timestamp('held_until', { withTimezone: true }).notNull(),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }).notNull(),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
});
