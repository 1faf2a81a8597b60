import type { Arm } from './design';
import { shuffle, type RandomSource } from './random';

/**
 * Masked labels for evaluators (ADR 0025): the arms in a fixed random order drawn once per study
 * from its seed, labelled A, B, C… so the letter says nothing about the arm.
 */
export function maskedLabels(arms: readonly Pick<Arm, 'key'>[], random: RandomSource): Record<string, string> {
  const order = shuffle(
    random,
    arms.map((a) => a.key),
  );
  return Object.fromEntries(order.map((key, i) => [key, `Arm ${String.fromCharCode(65 + i)}`]));
}
