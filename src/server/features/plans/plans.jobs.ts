import type { TimedJob } from '../../platform/jobs';
import { sweepTextCheckIns } from './text-check-ins.service';

/** Plans' timed work, in the order main.ts runs it. */
export const plansJobs: readonly TimedJob[] = [
  // The weekly check-in by text message at each participant's chosen day and time (#16, ADR 0040).
  { name: 'text check-in sweep', run: sweepTextCheckIns },
];
