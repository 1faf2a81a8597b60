import type { Arm } from './design';
import { ratioSum } from './design';
import { randomInt, shuffle, type RandomSource } from './random';

/** One allocation of a block sequence: the arm, and where it falls (block number, its size). */
export interface BlockSlot {
  arm: string;
  block: number;
  blockSize: number;
}

/**
 * The first `length` allocations of one stratum's permuted-block sequence. Each block's size is the
 * ratio's sum times a multiplier drawn uniformly from `multipliers`, and holds each arm exactly
 * `ratio × multiplier` times in random order, so every completed block is balanced to the ratio.
 * Deterministic in `random`: the server regenerates a stratum's sequence from the study's seed.
 */
export function blockSequence(
  arms: readonly Pick<Arm, 'key' | 'ratio'>[],
  multipliers: readonly number[],
  random: RandomSource,
  length: number,
): BlockSlot[] {
  const out: BlockSlot[] = [];
  const sum = ratioSum(arms);
  let block = 0;
  while (out.length < length) {
    const m = multipliers[randomInt(random, multipliers.length)] ?? 1;
    const cells = arms.flatMap((a) => Array.from({ length: a.ratio * m }, () => a.key));
    for (const arm of shuffle(random, cells)) out.push({ arm, block, blockSize: sum * m });
    block++;
  }
  return out.slice(0, length);
}
