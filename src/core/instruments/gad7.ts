import type { Answers } from './answers';
import { answeredValues, bandOf, proratedSum, result, type Band, type ScoreResult } from './scoring';

export const GAD7_ITEMS = ['gad7-1', 'gad7-2', 'gad7-3', 'gad7-4', 'gad7-5', 'gad7-6', 'gad7-7'] as const;

/** Spitzer et al. 2006 (Arch Intern Med 166:1092-7): cut-points 5, 10 and 15 for mild, moderate and severe. */
export const gad7Bands: readonly Band[] = [
  { code: 'minimal', min: 0, max: 4 },
  { code: 'mild', min: 5, max: 9 },
  { code: 'moderate', min: 10, max: 14 },
  { code: 'severe', min: 15, max: 21 },
];

/**
 * GAD-7: the sum of items 1-7 (each 0-3), 0-21; the difficulty item is not part of the total.
 * Uncertain: the developers publish no missing-item rule. Project decision (0005): the PHQ-9 style
 * mean substitution, conservatively for at most 1 missing item (rounded, halves up); 2 or more
 * missing and the total is null.
 */
export function scoreGad7(answers: Answers): ScoreResult {
  const total = proratedSum(answeredValues(answers, GAD7_ITEMS), GAD7_ITEMS.length, 1);
  return result('gad7', total, { severity: bandOf(gad7Bands, total) });
}
