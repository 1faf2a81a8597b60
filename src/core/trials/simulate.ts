import { nextAllocation } from './allocate';
import type { Arm, Method, StratumField, StratumValues } from './design';
import { ratioSum, stratumKey } from './design';
import type { PriorAllocation } from './minimisation';
import { randomInt, type RandomSource } from './random';
import type { TableRow } from './table';

export interface SimulationReport {
  participants: number;
  replicates: number;
  /** Mean over replicates of the largest |allocated − expected by ratio| over arms, whole study. */
  meanImbalance: number;
  /** The largest such imbalance seen in any replicate. */
  maxImbalance: number;
  /** Mean over replicates of the largest within-stratum imbalance. */
  meanStratumImbalance: number;
  /** How often a guesser who knows every earlier allocation guesses the next one right (convergence strategy). */
  correctGuessProbability: number;
}

/** The largest |count − expected| over arms for a set of allocations. */
export function imbalanceOf(arms: readonly Pick<Arm, 'key' | 'ratio'>[], allocated: readonly string[]): number {
  const sum = ratioSum(arms);
  return Math.max(...arms.map((a) => Math.abs(allocated.filter((x) => x === a.key).length - (allocated.length * a.ratio) / sum)));
}

/**
 * The convergence guess's chance of being right: the guesser picks the arm furthest behind its
 * ratio among earlier allocations in the same stratum; tied arms share the guess equally.
 */
function guessCredit(arms: readonly Pick<Arm, 'key' | 'ratio'>[], earlier: readonly string[], actual: string): number {
  const deficit = arms.map((a) => earlier.filter((x) => x === a.key).length / a.ratio);
  const least = Math.min(...deficit);
  const tied = arms.filter((_, i) => deficit[i] === least);
  return tied.some((a) => a.key === actual) ? 1 / tied.length : 0;
}

/**
 * The pre-trial check (as randomizeR does): runs the scheme on `participants` simulated people with
 * stratum levels drawn uniformly, `replicates` times, and reports the expected imbalance and how
 * predictable the next allocation is. `streamFor(replicate, label)` gives each replicate its streams.
 */
export function simulateScheme(
  design: {
    arms: readonly Pick<Arm, 'key' | 'ratio'>[];
    strata: readonly StratumField[];
    method: Method;
    table?: readonly TableRow[];
  },
  participants: number,
  replicates: number,
  random: RandomSource,
  streamFor: (replicate: number, label: string) => RandomSource,
): SimulationReport {
  let imbalanceTotal = 0;
  let maxImbalance = 0;
  let stratumImbalanceTotal = 0;
  let credit = 0;
  let guesses = 0;
  for (let rep = 0; rep < replicates; rep++) {
    const prior: PriorAllocation[] = [];
    const byStratum = new Map<string, string[]>();
    for (let i = 0; i < participants; i++) {
      const values: StratumValues = {};
      for (const f of design.strata) values[f.key] = f.levels[randomInt(random, f.levels.length)]?.key ?? '';
      let a;
      try {
        a = nextAllocation({ ...design, prior }, values, (label) => streamFor(rep, label));
      } catch {
        break; // a table that runs out ends the replicate
      }
      const key = stratumKey(design.strata, values);
      const earlier = byStratum.get(key) ?? [];
      credit += guessCredit(design.arms, earlier, a.arm);
      guesses++;
      byStratum.set(key, [...earlier, a.arm]);
      prior.push({ arm: a.arm, strata: values });
    }
    const overall = imbalanceOf(
      design.arms,
      prior.map((p) => p.arm),
    );
    imbalanceTotal += overall;
    maxImbalance = Math.max(maxImbalance, overall);
    stratumImbalanceTotal += Math.max(0, ...[...byStratum.values()].map((s) => imbalanceOf(design.arms, s)));
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    participants,
    replicates,
    meanImbalance: round(imbalanceTotal / Math.max(1, replicates)),
    maxImbalance: round(maxImbalance),
    meanStratumImbalance: round(stratumImbalanceTotal / Math.max(1, replicates)),
    correctGuessProbability: round(credit / Math.max(1, guesses)),
  };
}
