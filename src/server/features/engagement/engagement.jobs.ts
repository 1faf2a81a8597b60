import type { TimedJob } from '../../platform/jobs';
import { sweepLadder } from './ladder.sweep';
import { sweepSessionReminders } from './scheduling.sweep';

/** Engagement's timed work, in the order main.ts runs it. */
export const engagementJobs: readonly TimedJob[] = [
  // The escalation ladder: record the steps that fired and e-mail coaches their reminders.
  { name: 'ladder sweep', run: sweepLadder },
  // Session reminders (ADR 0013): idempotency keys make a repeated sweep send nothing twice.
  { name: 'session reminder sweep', run: sweepSessionReminders },
];
