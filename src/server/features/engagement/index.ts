/**
 * What other parts of the server may use of engagement: the ladder sweep and the session reminders
 * (run on a timer by main.ts), and scheduling a pair's next session (the session guide's last step).
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
  sweepSessionReminders,
} from './scheduling.service';
