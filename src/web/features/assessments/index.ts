export { AssessmentsPage } from './AssessmentsPage';
export { ParticipantAssessmentsPage } from './ParticipantAssessmentsPage';
export { AssessmentReportPage } from './ReportPage';
export { AssessmentSettingsPage } from './SettingsPage';
export { AssessmentLinkPage } from './LinkPage';
