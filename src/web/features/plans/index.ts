export { CheckInDueNotice, MyPlanPage, MyProgressPage, WeeklyCheckInPage } from './MyPages';
export { NewPlanPage, PlanSummaryPage, PrintPlanPage, ReviewPlanPage } from './PlanPages';
export { BetweenCallsSection, PlansSection } from './PlansSection';
/** For the session guide (issue #4): the plan form in draft mode, the 0–10 scale and the plan card. */
export { PlanForm } from './PlanForm';
export { PlanCard } from './PlanCard';
export { ScaleField } from './ScaleField';
export type { PlanBody } from './plans.api';
