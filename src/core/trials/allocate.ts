import { DomainError } from '../shared/errors';
import { blockSequence } from './blocks';
import type { Arm, Method, StratumField, StratumValues } from './design';
import { stratumKey } from './design';
import { minimise, type PriorAllocation } from './minimisation';
import type { RandomSource } from './random';
import type { TableRow } from './table';

/** What the next allocation depends on: the design's arms, strata and method, and every earlier allocation. */
export interface AllocationContext {
  arms: readonly Pick<Arm, 'key' | 'ratio'>[];
  strata: readonly StratumField[];
  method: Method;
  /** Earlier allocations in sequence order. */
  prior: readonly PriorAllocation[];
  /** The uploaded table's rows in order (method `table` only). */
  table?: readonly TableRow[];
}

/** The decided allocation: the arm, the stratum key, and the 1-based place in the stratum's sequence. */
export interface Allocation {
  arm: string;
  stratum: string;
  sequenceNumber: number;
}

/**
 * Decides the next participant's arm (ADR 0024). `streamFor(label)` gives the deterministic random
 * stream for a label (the server's HMAC stream from the study's seed), so the same seed and the
 * same history always give the same arm: blocks use one stream per stratum, minimisation one per
 * overall sequence number, a table uses its rows in order within the stratum.
 */
export function nextAllocation(
  ctx: AllocationContext,
  values: StratumValues,
  streamFor: (label: string) => RandomSource,
): Allocation {
  const stratum = stratumKey(ctx.strata, values);
  const inStratum = ctx.prior.filter((p) => stratumKey(ctx.strata, p.strata) === stratum).length;
  const sequenceNumber = inStratum + 1;
  switch (ctx.method.kind) {
    case 'blocks': {
      const seq = blockSequence(ctx.arms, ctx.method.blockMultipliers, streamFor(`blocks:${stratum}`), sequenceNumber);
      const slot = seq[inStratum];
      if (!slot) throw new Error('block sequence shorter than asked');
      return { arm: slot.arm, stratum, sequenceNumber };
    }
    case 'minimisation': {
      const r = minimise(
        ctx.arms,
        ctx.strata,
        ctx.prior,
        values,
        ctx.method.probability,
        streamFor(`minimisation:${ctx.prior.length + 1}`),
      );
      return { arm: r.arm, stratum, sequenceNumber };
    }
    case 'table': {
      const row = (ctx.table ?? []).filter((r) => r.stratum === stratum)[inStratum];
      if (!row)
        throw new DomainError('conflict', 'allocation_table_exhausted', 'The allocation table has no more rows for this stratum');
      return { arm: row.arm, stratum, sequenceNumber };
    }
  }
}
