/**
 * Two kinds of failure in an analysis: the input is wrong (exit 2; the message names the column,
 * option or value at fault, never a participant's data), or one model cannot be fitted to data
 * that is otherwise fine (its place in the output holds the message instead).
 */
export class AnalysisInputError extends Error {
  override name = 'AnalysisInputError';
}

export class ModelFitError extends Error {
  override name = 'ModelFitError';
}
