import type { Answers } from './answers';
import { answeredValues, bandOf, proratedSum, result, type Band, type SafetyFlag, type ScoreResult } from './scoring';

export const PHQ9_ITEMS = ['phq9-1', 'phq9-2', 'phq9-3', 'phq9-4', 'phq9-5', 'phq9-6', 'phq9-7', 'phq9-8', 'phq9-9'] as const;
/** Thoughts of being better off dead or of self-harm: any answer above 0 needs prompt follow-up, whatever the total. */
export const PHQ9_SAFETY_ITEM = 'phq9-9';

/** Kroenke, Spitzer & Williams 2001 (J Gen Intern Med 16:606-13): 0-4 minimal/none, 5-9, 10-14, 15-19, 20-27. */
export const phq9Bands: readonly Band[] = [
  { code: 'minimal', min: 0, max: 4 },
  { code: 'mild', min: 5, max: 9 },
  { code: 'moderate', min: 10, max: 14 },
  { code: 'moderately_severe', min: 15, max: 19 },
  { code: 'severe', min: 20, max: 27 },
];

/**
 * PHQ-9: the sum of items 1-9 (each 0-3), 0-27; item 10 (difficulty) is not part of the total.
 * Missing items (NHS Data Dictionary): with 1 or 2 missing, each is replaced by the mean of the
 * answered items; with more than 2 the questionnaire is invalid (total null).
 * Uncertain: rounding the prorated total to the nearest whole number (halves up) follows MNCM
 * reporting, which treats fractional totals as invalid; the NHS rule does not say (decision 0005).
 * Item 9 above 0 raises `suicidal_ideation` even when the total cannot be scored.
 */
export function scorePhq9(answers: Answers): ScoreResult {
  const total = proratedSum(answeredValues(answers, PHQ9_ITEMS), PHQ9_ITEMS.length, 2);
  const item9 = answers[PHQ9_SAFETY_ITEM];
  const flags: SafetyFlag[] = typeof item9 === 'number' && item9 > 0 ? ['suicidal_ideation'] : [];
  return result('phq9', total, { severity: bandOf(phq9Bands, total), flags });
}
