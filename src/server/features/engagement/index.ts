/**
 * What other parts of the server may use of engagement: the ladder sweep and the session reminders
 * (run on a timer by main.ts), scheduling a pair's next session (the session guide's last step), and
 * the settings and calendar file the interview scheduling reuses (ADR 0050).
 */
export { sweepLadder } from './ladder.sweep';
export { engagementJobs } from './engagement.jobs';
export {
  insertScheduledSession,
  scheduleSession,
  schedulingTarget,
  type SchedulingTarget,
  sessionStartFor,
} from './scheduling.service';
export { coachUpcomingSessions, participantSessions } from './scheduling.lists';
export { settingsOf } from './scheduling.settings';
export { sweepSessionReminders } from './scheduling.sweep';
export { organizerOf, sessionCalendar } from './calendar';
