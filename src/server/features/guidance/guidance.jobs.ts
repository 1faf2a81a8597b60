import type { TimedJob } from '../../platform/jobs';
import { sweepCheckInReminders } from './reminders.service';

/** The session guide's timed work, in the order main.ts runs it. */
export const guidanceJobs: readonly TimedJob[] = [
  // Weekly check-in reminders by the participant's preferences (issue #4): once per ISO week.
  { name: 'check-in reminder sweep', run: sweepCheckInReminders },
];
