/**
 * What other features may use of trials: when follow-up ends for participants withdrawn from it
 * (the assessment schedule stops there, ADR 0025), and the CONSORT count for the CLI.
 */
export { followUpEndsOn } from './trials.repository';
export { consortForOperator } from './consort.service';
export { exportForOperator, renderExport, exportFormats, type ExportFormat } from './export.service';
/** The study, its allocations and withdrawals, for the outcome report (evaluation, ADR 0029). */
export { findAllocations, findStudy, findWithdrawals } from './trials.repository';
