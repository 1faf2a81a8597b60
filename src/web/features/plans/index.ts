export { CheckInDueNotice, MyPlanPage, MyProgressPage, WeeklyCheckInPage } from './MyPages';
export { NewPlanPage, PlanSummaryPage, PrintPlanPage, ReviewPlanPage } from './PlanPages';
export { BetweenCallsSection, PlansSection } from './PlansSection';
