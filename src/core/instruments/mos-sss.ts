import type { Answers } from './answers';
import { answeredValues, meanOfAnswered, result, type ScoreResult } from './scoring';

const items = (numbers: readonly number[]) => numbers.map((n) => `mos-${n}`);

/** RAND numbering (item 1 is the count of close friends and relatives, not scored). */
export const MOS_SUBSCALES = {
  emotional_informational: items([3, 4, 8, 9, 13, 16, 17, 19]),
  tangible: items([2, 5, 12, 15]),
  affectionate: items([6, 10, 20]),
  positive_social_interaction: items([7, 11, 18]),
} as const;
/** The 18 subscale items plus item 14, which counts only in the overall index. */
export const MOS_INDEX_ITEMS = items(Array.from({ length: 19 }, (_, i) => i + 2));

/** RAND's optional 0-100 transform of a 1-5 mean: 100 × (score − 1) / (5 − 1). */
export const mosTo0to100 = (score: number): number => (100 * (score - 1)) / 4;

/**
 * MOS Social Support Survey (Sherbourne & Stewart 1991; RAND scoring): each subscale is the mean of
 * its items, the overall support index (`total`) the mean of the 19 functional items; all 1-5,
 * higher is more support. No severity bands.
 * Uncertain: RAND gives no missing-item rule. Project decision (0005): a mean is taken over the
 * answered items when at least half of its items are answered, otherwise it is null.
 */
export function scoreMosSss(answers: Answers): ScoreResult {
  const mean = (linkIds: readonly string[]) => meanOfAnswered(answeredValues(answers, linkIds), Math.ceil(linkIds.length / 2));
  const subscales = Object.fromEntries(Object.entries(MOS_SUBSCALES).map(([name, linkIds]) => [name, mean(linkIds)]));
  return result('mos-sss', mean(MOS_INDEX_ITEMS), { subscales });
}
