/**
 * What other features may use of plans: the use cases the session guide (issue #4) calls to make
 * and review a plan during a contact, and the presenter.
 */
export { createPlan, getPlan, listPlans, reviewPlan } from './plans.service';
export { presentPlan } from './plans.presenters';
export { getProgress } from './progress.service';
export { lastCheckInOnOf, sharedCheckInsSince } from './plans.repository';
/** The weekly check-in by text message (#16): the timed sweep, and replies from mail's inbound webhook. */
export { receiveTextCheckInReply, type TextReplyOutcome } from './text-check-ins.service';
export { plansJobs } from './plans.jobs';
/** Writing plans inside another use case's transaction, with its context (ADR 0045). */
export { insertPlan, markPlanReviewed, planByKey, planContent, replayedPlan } from './plans.writes';
