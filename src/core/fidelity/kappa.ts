/**
 * Agreement between two yes/no ratings of the same units (Cohen 1960). The 2×2 table: `bothYes`
 * (a), `firstOnly` (b: first says yes, second no), `secondOnly` (c), `bothNo` (d).
 */
export interface TwoByTwo {
  bothYes: number;
  firstOnly: number;
  secondOnly: number;
  bothNo: number;
}

export interface Agreement extends TwoByTwo {
  n: number;
  /** Share of units where both say the same, (a + d) / n; null with no units. */
  observed: number | null;
  /** Agreement expected by chance from the margins. */
  expected: number | null;
  /**
   * Cohen's kappa, (observed − expected) / (1 − expected); null with no units or when chance
   * agreement is already 1 (both ratings put every unit in the same one category: kappa is undefined).
   */
  kappa: number | null;
}

/** Cohen's kappa and its parts from a 2×2 table. */
export function cohensKappa(t: TwoByTwo): Agreement {
  const n = t.bothYes + t.firstOnly + t.secondOnly + t.bothNo;
  if (n === 0) return { ...t, n, observed: null, expected: null, kappa: null };
  const observed = (t.bothYes + t.bothNo) / n;
  const firstYes = t.bothYes + t.firstOnly;
  const secondYes = t.bothYes + t.secondOnly;
  const expected = (firstYes * secondYes + (n - firstYes) * (n - secondYes)) / (n * n);
  const kappa = expected === 1 ? null : (observed - expected) / (1 - expected);
  return { ...t, n, observed, expected, kappa };
}

/** Tallies paired yes/no ratings into a 2×2 table. */
export function tally(pairs: readonly (readonly [boolean, boolean])[]): TwoByTwo {
  const t = { bothYes: 0, firstOnly: 0, secondOnly: 0, bothNo: 0 };
  for (const [a, b] of pairs) {
    if (a && b) t.bothYes++;
    else if (a) t.firstOnly++;
    else if (b) t.secondOnly++;
    else t.bothNo++;
  }
  return t;
}
