import type { TimedJob } from '../../platform/jobs';
import { sweepAbandonedAudio } from './audio.service';
import { sweepInterviewReminders } from './invitations.jobs';

/** The interviews' timed work (issue #14: each feature lists its jobs; main.ts runs them). */
export const interviewJobs: readonly TimedJob[] = [
  { name: 'interview reminder sweep', run: sweepInterviewReminders },
  { name: 'abandoned recording sweep', run: sweepAbandonedAudio },
];
