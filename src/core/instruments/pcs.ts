import type { Answers } from './answers';
import { answeredValues, bandOf, proratedSum, result, type Band, type ScoreResult } from './scoring';

const items = (numbers: readonly number[]) => numbers.map((n) => `pcs-${n}`);

/** Sullivan, Bishop & Pivik 1995: subscales are sums of these items (numbered as on the form). */
export const PCS_SUBSCALES = {
  rumination: items([8, 9, 10, 11]),
  magnification: items([6, 7, 13]),
  helplessness: items([1, 2, 3, 4, 5, 12]),
} as const;

/** A total of 30 or more (about the 75th percentile of the manual's clinical norms) is clinically relevant catastrophizing. */
export const pcsBands: readonly Band[] = [
  { code: 'not_clinically_relevant', min: 0, max: 29 },
  { code: 'clinically_relevant', min: 30, max: 52 },
];

/**
 * Pain Catastrophizing Scale: 13 items 0-4, total 0-52 = rumination (0-16) + magnification (0-12) +
 * helplessness (0-24), every item in exactly one subscale.
 * Uncertain: the developer publishes no missing-item rule. Project decision (0005): a subscale with
 * at most 1 missing item is prorated (mean substitution, rounded, halves up); more and it is null;
 * the total is the sum of the three subscales and null unless all three are scorable.
 */
export function scorePcs(answers: Answers): ScoreResult {
  const sub = (linkIds: readonly string[]) => proratedSum(answeredValues(answers, linkIds), linkIds.length, 1);
  const rumination = sub(PCS_SUBSCALES.rumination);
  const magnification = sub(PCS_SUBSCALES.magnification);
  const helplessness = sub(PCS_SUBSCALES.helplessness);
  const total =
    rumination === null || magnification === null || helplessness === null ? null : rumination + magnification + helplessness;
  return result('pcs', total, { subscales: { rumination, magnification, helplessness }, severity: bandOf(pcsBands, total) });
}
