import type { EssentialElement } from '../contacts';
import type { FrequencyCategory } from '../engagement/measures';

/** ECLIPSE's rule: at least 3 of the 4 elements, i.e. fidelity ≥ 0.75, is high fidelity. */
export const HIGH_FIDELITY = 0.75;
/** What ECLIPSE reported (Mannon & Matthias; domain notes §1.10), to read a program's figures against. */
export const eclipseBenchmarks = {
  elements: { discussedStrategies: 0.74, gaveEncouragement: 0.69, discussedAdjusting: 0.52, discussedGoals: 0.34 },
  highFidelityCoaches: 0.47,
  frequency: { weekly: 0.16, twice_monthly: 0.21, monthly: 0.16, less_than_monthly: 0.46 },
} as const satisfies {
  elements: Record<EssentialElement, number>;
  highFidelityCoaches: number;
  frequency: Record<FrequencyCategory, number>;
};
