/**
 * What other features may use of trials: when follow-up ends for participants withdrawn from it
 * (the assessment schedule stops there, ADR 0025). The CLI's CONSORT count and export come from
 * consort.service and export.service directly: they read assessments, which reads this index, so
 * exporting them here made an import cycle (ADR 0047).
 */
export { followUpEndsOn } from './trials.repository';
/** The study, its allocations and withdrawals, for the outcome report (evaluation, ADR 0029). */
export { findAllocations, findStudy, findWithdrawals } from './trials.repository';
