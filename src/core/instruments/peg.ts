import type { Answers } from './answers';
import { answeredValues, meanOfAnswered, result, type ScoreResult } from './scoring';

export const PEG_ITEMS = ['peg-pain', 'peg-enjoyment', 'peg-activity'] as const;

/**
 * PEG (Krebs et al. 2009, J Gen Intern Med 24:733-8): the mean of pain on average, interference with
 * enjoyment of life and interference with general activity, each 0-10; score 0-10, not rounded.
 * Project decision (0005): all three items are required. No severity band: the bands found on
 * calculator sites were not validated in the source paper, so `severity` is null.
 */
export function scorePeg(answers: Answers): ScoreResult {
  return result('peg', meanOfAnswered(answeredValues(answers, PEG_ITEMS), PEG_ITEMS.length));
}
