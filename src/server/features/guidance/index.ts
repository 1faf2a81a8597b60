/** What other parts of the server may use of the session guide. */
export { BUILT_IN_GUIDE_DIR, GuideContentError, guideContent, loadGuideContent } from './guidance.loader';
export { sweepCheckInReminders } from './reminders.service';
export { guidanceJobs } from './guidance.jobs';
export { recentGuidedSessions } from './guidance.service';
