/**
 * Evaluation in the app (issue #12, ADR 0029): the outcome report and "Whom to target", built from
 * the program's records and analysed by src/core/evaluation. Other features use nothing of it yet.
 */
export { getOutcomeReport } from './evaluation.service';
