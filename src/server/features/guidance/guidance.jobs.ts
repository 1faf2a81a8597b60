import type { TimedJob } from '../../platform/jobs';
import { sweepGuideDrafts } from './drafts.service';
import { sweepCheckInReminders } from './reminders.service';

/** The session guide's timed work, in the order main.ts runs it. */
export const guidanceJobs: readonly TimedJob[] = [
  // Weekly check-in reminders by the participant's preferences (issue #4): once per ISO week.
  { name: 'check-in reminder sweep', run: sweepCheckInReminders },
  // Guide drafts older than two weeks are deleted (ADR 0035).
  { name: 'guide draft sweep', run: sweepGuideDrafts },
];
