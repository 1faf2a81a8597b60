/**
 * What other features may use of assessments: the due and overdue assessments as coordinator tasks
 * (the task list puts them after safety events), the sweeps that record missed ones and remind of unopened links (main.ts).
 */
export { openAssessmentTasks } from './assessments.worklist';
export { assessmentJobs, sweepAssessmentMisses, sweepLinkReminders } from './assessments.jobs';
/** The program's timepoints and each participant's schedule facts, for the trials feature's gate and CONSORT count. */
export { loadAssessmentSettings, loadScheduleFacts } from './assessments.repository';
/** The demo study program sets its timepoints and enters answers through the real use cases (trials.demo.ts). */
export { enterResponse, updateSettings } from './assessments.service';
