export { OutcomeReportPage } from './OutcomeReportPage';
export { TargetingPage } from './TargetingPage';
