export { BestTimes, ReachLinks, smsHref } from './BestTimes';
export { CoachPreferencesPage, StaffCoachPreferences } from './CoachPreferencesPage';
export { EngagementSections } from './EngagementSections';
export { CheckInCallPage, DecisionPage } from './LadderActionPages';
export { PairsPage } from './PairsPage';
export {
  ReachWindowFields,
  reachWindowBody,
  reachWindowFieldLabels,
  reachWindowFieldLabelsIn,
  reachWindowValues,
  type ReachWindowValues,
} from './ReachWindowFields';
export { frequencyLabels, weekdayLabels } from './labels';
export { MyNextSession, NextSessionSection, sessionModalityLabels, sessionWhen } from './NextSession';
export { ScheduleSessionForm } from './ScheduleSessionForm';
export { SchedulingSettingsPage } from './SchedulingSettingsPage';
export { MeetingFields, meetingBody, meetingCheck, meetingLabels, meetingValues, type MeetingValues } from './MeetingFields';
