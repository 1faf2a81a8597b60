/**
 * What other features may use of safety: the coordinators' open safety tasks (for the task list),
 * and the two triggers that other slices raise inside their own transactions: a scored assessment
 * response's safety flags, and risk words in a check-in note.
 */
export { ALERT_SUBJECT, type AuditCaller, type SafetyEnv } from './safety.raise';
export { recordCheckInNoteFlags, recordScoredResponseFlags, recordTextReplyFlags } from './safety.flags';
export { openSafetyTasks } from './safety.worklist';
/** The program's crisis information, for the assessment link to show at once when an answer raised a flag. */
export { loadSafetySettings } from './safety.repository';
