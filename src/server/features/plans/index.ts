/**
 * What other features may use of plans: the use cases the session guide (issue #4) calls to make
 * and review a plan during a contact, and the presenter.
 */
export { createPlan, getPlan, getProgress, listPlans, presentPlan, reviewPlan } from './plans.service';
export { sharedCheckInsSince } from './plans.repository';
