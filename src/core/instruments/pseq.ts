import type { Answers } from './answers';
import { answeredValues, bandOf, proratedSum, result, type Band, type ScoreResult } from './scoring';

export const PSEQ_ITEMS = Array.from({ length: 10 }, (_, i) => `pseq-${i + 1}`);

/**
 * ePPOC bands (higher scores mean more self-efficacy, so "severe" is the low end). The source table
 * gives each band's starting score: severe 0, moderate 20, mild 31, minimal 41.
 * Uncertain: whether a score of exactly 20 is severe or moderate; read as the table's starting values
 * (20 = moderate) until the ePPOC manual is checked (0005).
 */
export const pseqBands: readonly Band[] = [
  { code: 'severe', min: 0, max: 19 },
  { code: 'moderate', min: 20, max: 30 },
  { code: 'mild', min: 31, max: 40 },
  { code: 'minimal', min: 41, max: 60 },
];

/**
 * Pain Self-Efficacy Questionnaire (Nicholas 2007, Eur J Pain 11:153-63): the sum of 10 items 0-6,
 * total 0-60, higher is better.
 * Uncertain: no missing-item rule was retrieved. Project decision (0005): with at most 2 missing
 * items the total is prorated (mean substitution, rounded, halves up); more and it is null.
 */
export function scorePseq(answers: Answers): ScoreResult {
  const total = proratedSum(answeredValues(answers, PSEQ_ITEMS), PSEQ_ITEMS.length, 2);
  return result('pseq', total, { severity: bandOf(pseqBands, total) });
}
