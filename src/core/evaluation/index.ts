/**
 * Evaluation: the statistical analysis of a trial's outcomes (`kindred analyze`, ADR 0022). Pure:
 * CSV text in, a result object out; the numbers match R's lm, sandwich, lme4 and glm.
 */
export {
  analyzeCsv,
  analyzeLongData,
  mixedModel,
  unfittedModels,
  type AdherenceResult,
  type AnalysisResult,
  type AncovaResult,
  type MixedResult,
  type ModeratorLevel,
  type ModeratorResult,
  type RobustTerm,
  type Unfitted,
} from './analyze';
export { parseCsv, type CsvTable } from './csv';
export { AnalysisInputError, ModelFitError } from './errors';
export { holm, tTerm, zTerm, type Term } from './inference';
export { readLongData, type AnalysisSpec, type LongData } from './long-data';
export {
  OutcomeReportView,
  betterDirection,
  doseBands,
  followUpState,
  followUpStates,
  longTable,
  outcomeReport,
  tableOf,
  type FollowUpState,
  type ModeratorSpec,
  type OutcomeInput,
  type OutcomeParticipant,
} from './outcomes';
export * from './targeting';
