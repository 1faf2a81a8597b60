import { cohensKappa } from '../fidelity';

/**
 * Agreement between two coders on one document, per code, at the character level (ADR 0032): every
 * character of the document is a unit that each coder either coded with the code (1) or not (0).
 * Spans a coder applied twice or that overlap count once. From the 2×2 table of characters:
 *   a = both coded, b = only the first, c = only the second, d = neither, N = a + b + c + d;
 * percent agreement (a + d) / N; Cohen's kappa (observed − chance) / (1 − chance) with chance from
 * the margins; Krippendorff's alpha for nominal data, two coders, no missing values:
 *   α = 1 − (n − 1)(b + c) / (n₀ n₁), n = 2N pairable values, n₁ = 2a + b + c, n₀ = 2d + b + c.
 *
 * The same statistics at the segment level (`turnAgreementByCode`): the units are the transcript's
 * speaker turns, and a coder coded a turn with the code when any of the coder's spans of it overlaps
 * the turn by at least one character. The 2×2 table then counts turns.
 * Pure: no I/O.
 */

export interface CodedSpan {
  codeId: string;
  start: number;
  end: number;
}

/** A stretch where one coder applied the code and the other did not. */
export interface Disagreement {
  start: number;
  end: number;
  /** Which coder applied the code here. */
  codedBy: 'first' | 'second';
}

export interface CodeAgreement {
  codeId: string;
  /** Characters coded by both, only the first, only the second, neither. */
  bothCoded: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
  characters: number;
  /** Null when the document is empty. */
  percentAgreement: number | null;
  /** Null when chance agreement is 1 (neither coder, or both, coded every character the same way). */
  kappa: number | null;
  /** Null when every character got the same value from both coders (no variation to judge). */
  alpha: number | null;
  disagreements: Disagreement[];
}

/** The characters a coder coded with one code, as sorted disjoint [start, end) ranges. */
export function unionOf(spans: readonly { start: number; end: number }[], length: number): [number, number][] {
  const sorted = spans
    .map((s) => [Math.max(0, s.start), Math.min(length, s.end)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The characters a coder coded with one code, from all of that coder's spans. */
export function codeUnion(spans: readonly CodedSpan[], codeId: string, length: number): [number, number][] {
  return unionOf(
    spans.filter((s) => s.codeId === codeId),
    length,
  );
}

/** Per-character membership of two range lists, walked boundary by boundary (no per-character array). */
function compare(first: [number, number][], second: [number, number][], length: number) {
  const cuts = new Set<number>([0, length]);
  for (const [s, e] of [...first, ...second]) {
    cuts.add(s);
    cuts.add(e);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const inside = (ranges: [number, number][], at: number) => ranges.some(([s, e]) => s <= at && at < e);
  const t = { bothCoded: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
  const disagreements: Disagreement[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    const a = inside(first, s);
    const b = inside(second, s);
    const n = e - s;
    if (a && b) t.bothCoded += n;
    else if (a || b) {
      if (a) t.firstOnly += n;
      else t.secondOnly += n;
      const codedBy = a ? 'first' : 'second';
      const last = disagreements[disagreements.length - 1];
      if (last && last.end === s && last.codedBy === codedBy) last.end = e;
      else disagreements.push({ start: s, end: e, codedBy });
    } else t.neither += n;
  }
  return { ...t, disagreements };
}

/** Krippendorff's alpha, nominal, two coders, no missing values, from the 2×2 table (see the header). */
export function krippendorffAlphaTwoCoders(a: number, b: number, c: number, d: number): number | null {
  const n = 2 * (a + b + c + d);
  const n1 = 2 * a + b + c;
  const n0 = 2 * d + b + c;
  if (n0 === 0 || n1 === 0) return null;
  return 1 - ((n - 1) * (b + c)) / (n0 * n1);
}

/** Agreement per code between two coders' spans on one document of `length` characters. */
export function agreementByCode(
  length: number,
  codeIds: readonly string[],
  first: readonly CodedSpan[],
  second: readonly CodedSpan[],
): CodeAgreement[] {
  return codeIds.map((codeId) => {
    const { disagreements, ...t } = compare(codeUnion(first, codeId, length), codeUnion(second, codeId, length), length);
    return { codeId, ...statisticsOf(t), characters: length, disagreements };
  });
}

/** A 2×2 table's statistics, as `CodeAgreement` gives them, counted in some unit. */
export interface UnitAgreement {
  bothCoded: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
  percentAgreement: number | null;
  kappa: number | null;
  alpha: number | null;
}

function statisticsOf(t: { bothCoded: number; firstOnly: number; secondOnly: number; neither: number }): UnitAgreement {
  const k = cohensKappa({ bothYes: t.bothCoded, firstOnly: t.firstOnly, secondOnly: t.secondOnly, bothNo: t.neither });
  return {
    ...t,
    percentAgreement: k.observed,
    kappa: k.kappa,
    alpha: krippendorffAlphaTwoCoders(t.bothCoded, t.firstOnly, t.secondOnly, t.neither),
  };
}

/** Whether sorted disjoint ranges overlap [start, end) by at least one character. */
function overlaps(ranges: readonly [number, number][], start: number, end: number): boolean {
  return ranges.some(([s, e]) => s < end && start < e);
}

/**
 * Agreement per code counted in speaker turns (segments) rather than characters (see the header):
 * each turn is coded or not by each coder. `turns` are [start, end) offsets in a text of `length`.
 */
export function turnAgreementByCode(
  length: number,
  turns: readonly { start: number; end: number }[],
  codeIds: readonly string[],
  first: readonly CodedSpan[],
  second: readonly CodedSpan[],
): (UnitAgreement & { codeId: string })[] {
  return codeIds.map((codeId) => {
    const a = codeUnion(first, codeId, length);
    const b = codeUnion(second, codeId, length);
    const t = { bothCoded: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
    for (const turn of turns) {
      const inFirst = overlaps(a, turn.start, turn.end);
      const inSecond = overlaps(b, turn.start, turn.end);
      if (inFirst && inSecond) t.bothCoded++;
      else if (inFirst) t.firstOnly++;
      else if (inSecond) t.secondOnly++;
      else t.neither++;
    }
    return { codeId, ...statisticsOf(t) };
  });
}
