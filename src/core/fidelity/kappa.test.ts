import { describe, expect, it } from 'vitest';
import { cohensKappa, tally } from './kappa';

describe("Cohen's kappa (hand computations)", () => {
  it('a=20 b=5 c=10 d=15: po = 35/50 = 0.7, pe = (25×30 + 25×20)/50² = 0.5, kappa = 0.2/0.5 = 0.4', () => {
    const k = cohensKappa({ bothYes: 20, firstOnly: 5, secondOnly: 10, bothNo: 15 });
    expect(k.n).toBe(50);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });

  it('a=45 b=15 c=25 d=15: po = 0.6, pe = (60×70 + 40×30)/100² = 0.54, kappa = 0.06/0.46 = 0.1304', () => {
    const k = cohensKappa({ bothYes: 45, firstOnly: 15, secondOnly: 25, bothNo: 15 });
    expect(k.observed).toBeCloseTo(0.6, 12);
    expect(k.expected).toBeCloseTo(0.54, 12);
    expect(k.kappa).toBeCloseTo(0.06 / 0.46, 12);
    expect(k.kappa).toBeCloseTo(0.1304, 4);
  });

  it('is 1 for perfect agreement and −1 for perfect disagreement with balanced margins', () => {
    // a=3 d=2: po = 1, pe = (3×3 + 2×2)/25 = 0.52, kappa = 0.48/0.48 = 1.
    expect(cohensKappa({ bothYes: 3, firstOnly: 0, secondOnly: 0, bothNo: 2 }).kappa).toBeCloseTo(1, 12);
    // b=2 c=2: po = 0, pe = (2×2 + 2×2)/16 = 0.5, kappa = −0.5/0.5 = −1.
    expect(cohensKappa({ bothYes: 0, firstOnly: 2, secondOnly: 2, bothNo: 0 }).kappa).toBeCloseTo(-1, 12);
  });

  it('is undefined (null) with no units, or when both put every unit in one category (pe = 1)', () => {
    expect(cohensKappa({ bothYes: 0, firstOnly: 0, secondOnly: 0, bothNo: 0 })).toMatchObject({ n: 0, kappa: null });
    expect(cohensKappa({ bothYes: 4, firstOnly: 0, secondOnly: 0, bothNo: 0 })).toMatchObject({ observed: 1, kappa: null });
  });

  it('tallies pairs into the table', () => {
    expect(
      tally([
        [true, true],
        [true, false],
        [false, true],
        [false, false],
        [true, true],
      ]),
    ).toEqual({ bothYes: 2, firstOnly: 1, secondOnly: 1, bothNo: 1 });
  });
});
