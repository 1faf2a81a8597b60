import { blockSequence } from './blocks';
import type { RandomSource } from './random';
import { SECOND_STAGE_FACTOR, secondStageStreamLabel, type SecondStageOption } from './smart';

/** A second-stage allocation: the option and its 1-based place in the first arm's sequence. */
export interface SecondStageAllocation {
  option: string;
  stratum: string;
  sequenceNumber: number;
}

/**
 * Re-randomizes the next non-responder (ADR 0030): permuted blocks of the second-stage options
 * (equal shares, block sizes from `multipliers`), stratified by the first-stage arm, from the
 * decision point's own stream, apart from the first stage's. `priorInArm` counts this arm's earlier
 * non-responders at the decision point, so the same seed and history always give the same option.
 */
export function nextSecondStage(
  options: readonly SecondStageOption[],
  decisionPointKey: string,
  firstArm: string,
  priorInArm: number,
  multipliers: readonly number[],
  streamFor: (label: string) => RandomSource,
): SecondStageAllocation {
  const stratum = `${SECOND_STAGE_FACTOR}=${firstArm}`;
  const seq = blockSequence(
    options.map((o) => ({ key: o.key, ratio: 1 })),
    multipliers,
    streamFor(secondStageStreamLabel(decisionPointKey, `blocks:${stratum}`)),
    priorInArm + 1,
  );
  const slot = seq[priorInArm];
  if (!slot) throw new Error('block sequence shorter than asked');
  return { option: slot.arm, stratum, sequenceNumber: priorInArm + 1 };
}
