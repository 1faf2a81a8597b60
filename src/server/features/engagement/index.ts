/**
 * What other parts of the server may use of engagement: the ladder sweep and the session reminders
 * (run on a timer by main.ts), scheduling a pair's next session (the session guide's last step), and
 * the settings and calendar file the interview scheduling reuses (ADR 0050).
 */
export { sweepLadder } from './ladder.sweep';
export { engagementJobs } from './engagement.jobs';
export {
  coachUpcomingSessions,
  participantSessions,
  insertScheduledSession,
  scheduleSession,
  schedulingTarget,
  type SchedulingTarget,
  sessionStartFor,
  settingsOf,
  sweepSessionReminders,
} from './scheduling.service';
export { organizerOf, sessionCalendar } from './calendar';
