import { codeUnion, unionOf, type CodedSpan } from './agreement';

/**
 * The consensus version of a double-coded transcript (issue #13: "a consensus version kept apart
 * from each coder's"). It starts as what both coders coded (per code, the characters they share);
 * then, for each stretch where only one coder applied a code, a person decides whether the consensus
 * keeps it or leaves it out. The coders' own codings are never changed. Pure: no I/O.
 */

type Range = [number, number];

/** The characters in both range lists (each sorted and disjoint, as `unionOf` gives). */
export function intersectionOf(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]![0], b[j]![0]);
    const e = Math.min(a[i]![1], b[j]![1]);
    if (e > s) out.push([s, e]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

/** The characters of `a` outside `b` (both sorted and disjoint). */
export function differenceOf(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const [s0, e0] of a) {
    let s = s0;
    for (const [bs, be] of b) {
      if (be <= s || bs >= e0) continue;
      if (bs > s) out.push([s, bs]);
      s = Math.max(s, be);
      if (s >= e0) break;
    }
    if (s < e0) out.push([s, e0]);
  }
  return out;
}

const toSpans = (codeId: string, ranges: readonly Range[]): CodedSpan[] => ranges.map(([start, end]) => ({ codeId, start, end }));

/** Where the consensus starts: per code, the characters both coders coded with it. */
export function seedConsensus(
  length: number,
  codeIds: readonly string[],
  first: readonly CodedSpan[],
  second: readonly CodedSpan[],
): CodedSpan[] {
  return codeIds.flatMap((codeId) =>
    toSpans(codeId, intersectionOf(codeUnion(first, codeId, length), codeUnion(second, codeId, length))),
  );
}

export interface ConsensusDecision {
  codeId: string;
  start: number;
  end: number;
  /** True: the consensus codes this stretch with the code; false: it does not. */
  keep: boolean;
}

/** The consensus after one decision: the stretch added to the code's spans, or taken out of them. */
export function applyDecision(length: number, spans: readonly CodedSpan[], d: ConsensusDecision): CodedSpan[] {
  const own = codeUnion(spans, d.codeId, length);
  const stretch = unionOf([d], length);
  const next = d.keep
    ? unionOf(
        [...own, ...stretch].map(([start, end]) => ({ start, end })),
        length,
      )
    : differenceOf(own, stretch);
  return [...spans.filter((s) => s.codeId !== d.codeId), ...toSpans(d.codeId, next)];
}

/** What was decided about one stretch where the coders differ: kept, left out, or not yet. */
export function decisionOn(
  decisions: readonly ConsensusDecision[],
  codeId: string,
  stretch: { start: number; end: number },
): 'kept' | 'left_out' | null {
  const d = decisions.find((x) => x.codeId === codeId && x.start === stretch.start && x.end === stretch.end);
  return d ? (d.keep ? 'kept' : 'left_out') : null;
}
