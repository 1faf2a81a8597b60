import type { Answers } from './answers';
import { answeredValues, bandOf, result, sum, type Band, type ScoreResult } from './scoring';

/** The four essential elements as the participant reports them, in ECLIPSE's order (yes = 1, no = 0). */
export const DELIVERY_ELEMENT_ITEMS = {
  discussedStrategies: 'delivery-strategies',
  gaveEncouragement: 'delivery-encouragement',
  discussedAdjusting: 'delivery-adjusting',
  discussedGoals: 'delivery-goals',
} as const;
/** The recalled meeting frequency (not scored); its answer values map to the categories below. */
export const DELIVERY_FREQUENCY_ITEM = 'delivery-frequency';
export const deliveryFrequencyByValue = ['less_than_monthly', 'monthly', 'twice_monthly', 'weekly'] as const;

/** At least 3 of the 4 elements present is high fidelity (ECLIPSE: "≥ 75%", domain notes §1.10, §6.6). */
export const deliveryBands: readonly Band[] = [
  { code: 'lower_fidelity', min: 0, max: 2 },
  { code: 'high_fidelity', min: 3, max: 4 },
];

/**
 * The coaching-delivery questionnaire (reported fidelity, ECLIPSE's method): the number of the four
 * essential elements the participant says were present, 0-4. All four are required: a missing item
 * makes the response incomplete, not a "no" (domain notes §6.6, a project decision).
 */
export function scoreCoachingDelivery(answers: Answers): ScoreResult {
  const items = Object.values(DELIVERY_ELEMENT_ITEMS);
  const values = answeredValues(answers, items);
  const total = values.length === items.length ? sum(values) : null;
  return result('coaching-delivery', total, { severity: bandOf(deliveryBands, total) });
}
