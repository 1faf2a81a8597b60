export { MatchingPage } from './MatchingPage';
export { MatchingSettingsPage } from './MatchingSettingsPage';
export { MatchReportPage } from './MatchReportPage';
