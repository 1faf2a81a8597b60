import type { Arm, StratumField, StratumValues } from './design';
import { weightedIndex, type RandomSource } from './random';

/** Earlier allocations as minimisation sees them: the arm and the participant's factor levels. */
export interface PriorAllocation {
  arm: string;
  strata: StratumValues;
}

/**
 * Pocock–Simon minimisation with a random element (ADR 0024). For each candidate arm, the imbalance
 * it would cause is the sum over factors of the range of the ratio-weighted counts (count ÷ ratio)
 * among participants sharing the newcomer's level. The arm(s) with the least imbalance are taken
 * with probability `probability` (ties split by ratio), any other arm with the rest (by ratio).
 * With no factors, or when every arm ties, it is a ratio-weighted random choice.
 */
export function minimise(
  arms: readonly Pick<Arm, 'key' | 'ratio'>[],
  factors: readonly Pick<StratumField, 'key'>[],
  prior: readonly PriorAllocation[],
  newcomer: StratumValues,
  probability: number,
  random: RandomSource,
): { arm: string; imbalance: Record<string, number> } {
  const imbalance: Record<string, number> = {};
  for (const candidate of arms) {
    let total = 0;
    for (const f of factors) {
      const level = newcomer[f.key];
      const counts = arms.map((a) => {
        const n = prior.filter((p) => p.arm === a.key && p.strata[f.key] === level).length;
        return (n + (a.key === candidate.key ? 1 : 0)) / a.ratio;
      });
      total += Math.max(...counts) - Math.min(...counts);
    }
    imbalance[candidate.key] = total;
  }
  const least = Math.min(...arms.map((a) => imbalance[a.key] ?? 0));
  const best = arms.filter((a) => (imbalance[a.key] ?? 0) === least);
  const rest = arms.filter((a) => (imbalance[a.key] ?? 0) !== least);
  const pool = rest.length === 0 || random.next() < probability ? best : rest;
  const pick =
    pool[
      weightedIndex(
        random,
        pool.map((a) => a.ratio),
      )
    ] ?? pool[0];
  return { arm: pick?.key ?? '', imbalance };
}
