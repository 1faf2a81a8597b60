import { describe, expect, it } from 'vitest';
import { agreementByCode, krippendorffAlphaTwoCoders, turnAgreementByCode, unionOf } from './agreement';

const GOALS = 'goals';
const HOPE = 'hope';

describe('agreementByCode (character level)', () => {
  /*
   * A document of 10 characters. Coder 1 codes GOALS on [0, 6), coder 2 on [2, 8).
   *
   *   position   0 1 2 3 4 5 6 7 8 9
   *   coder 1    1 1 1 1 1 1 0 0 0 0
   *   coder 2    0 0 1 1 1 1 1 1 0 0
   *
   *                   coder 2
   *                   1     0
   *   coder 1   1   a=4   b=2   | 6
   *             0   c=2   d=2   | 4
   *                   6     4     N=10
   *
   * Percent agreement = (a + d) / N = 6/10 = 0.6.
   * Chance = (6·6 + 4·4) / 10² = 52/100 = 0.52; kappa = (0.6 − 0.52) / (1 − 0.52) = 0.08/0.48 = 1/6.
   * Krippendorff (nominal, 2 coders): n = 2N = 20 values; n₁ = 2a + b + c = 12; n₀ = 2d + b + c = 8;
   *   D_o = (b + c)·2/n = 8/20, D_e = 2·n₀·n₁/(n(n − 1)) = 192/380;
   *   α = 1 − D_o/D_e = 1 − (n − 1)(b + c)/(n₀·n₁) = 1 − 19·4/96 = 20/96 = 0.208333…
   */
  const [goals, hope] = agreementByCode(
    10,
    [GOALS, HOPE],
    [
      { codeId: GOALS, start: 0, end: 4 },
      { codeId: GOALS, start: 3, end: 6 }, // overlaps the first: the union [0, 6) counts once
      { codeId: HOPE, start: 0, end: 10 },
    ],
    [
      { codeId: GOALS, start: 2, end: 8 },
      { codeId: HOPE, start: 0, end: 10 },
    ],
  );

  it('fills the 2×2 table of characters', () => {
    expect(goals).toMatchObject({ bothCoded: 4, firstOnly: 2, secondOnly: 2, neither: 2, characters: 10 });
  });

  it('gives percent agreement, Cohen’s kappa and Krippendorff’s alpha as computed by hand', () => {
    expect(goals!.percentAgreement).toBeCloseTo(0.6, 12);
    expect(goals!.kappa).toBeCloseTo(1 / 6, 12);
    expect(goals!.alpha).toBeCloseTo(20 / 96, 12);
  });

  it('lists the disagreements: where one coder applied the code and the other did not', () => {
    expect(goals!.disagreements).toEqual([
      { start: 0, end: 2, codedBy: 'first' },
      { start: 6, end: 8, codedBy: 'second' },
    ]);
  });

  it('leaves kappa and alpha undefined when both coded every character the same way', () => {
    // HOPE: a = 10, b = c = d = 0. Chance = 1, so kappa is 0/0; n₀ = 0, so alpha is 0/0.
    expect(hope).toMatchObject({ bothCoded: 10, percentAgreement: 1, kappa: null, alpha: null, disagreements: [] });
  });
});

describe('a second hand computation', () => {
  /*
   * 20 characters; coder 1 codes [0, 5) and [10, 15); coder 2 codes [0, 5) only.
   *   a = 5, b = 5, c = 0, d = 10, N = 20.
   * Percent = 15/20 = 0.75. Chance = (10·5 + 10·15)/400 = 200/400 = 0.5; kappa = 0.25/0.5 = 0.5.
   * n = 40, n₁ = 2·5 + 5 + 0 = 15, n₀ = 2·10 + 5 = 25; α = 1 − 39·5/(25·15) = 1 − 195/375 = 0.48.
   */
  it('matches', () => {
    const [r] = agreementByCode(
      20,
      ['x'],
      [
        { codeId: 'x', start: 10, end: 15 },
        { codeId: 'x', start: 0, end: 5 },
      ],
      [{ codeId: 'x', start: 0, end: 5 }],
    );
    expect(r).toMatchObject({ bothCoded: 5, firstOnly: 5, secondOnly: 0, neither: 10 });
    expect(r!.percentAgreement).toBeCloseTo(0.75, 12);
    expect(r!.kappa).toBeCloseTo(0.5, 12);
    expect(r!.alpha).toBeCloseTo(0.48, 12);
    expect(r!.disagreements).toEqual([{ start: 10, end: 15, codedBy: 'first' }]);
  });
});

it('the alpha formula agrees with the coincidence-matrix definition', () => {
  // a=4, b=2, c=2, d=2: o₁₁ = 8, o₀₀ = 4, o₀₁ = o₁₀ = 4; α = 1 − (n−1)·o₀₁/(n₀·n₁) = 1 − 19·4/(8·12).
  expect(krippendorffAlphaTwoCoders(4, 2, 2, 2)).toBeCloseTo(1 - (19 * 4) / (8 * 12), 12);
  expect(krippendorffAlphaTwoCoders(0, 0, 0, 5)).toBeNull();
});

it('unionOf merges overlapping and touching spans and clips to the document', () => {
  expect(
    unionOf(
      [
        { start: 5, end: 8 },
        { start: 0, end: 3 },
        { start: 3, end: 4 },
        { start: 7, end: 20 },
      ],
      10,
    ),
  ).toEqual([
    [0, 4],
    [5, 10],
  ]);
});

describe('turnAgreementByCode (segment level: speaker turns)', () => {
  // Five turns of 10 characters. The first coder coded turns 0 and 1 (one span across the
  // boundary); the second coded turn 1 and, by a single character, turn 2. Nobody coded 3 or 4.
  const turns = [0, 10, 20, 30, 40].map((start) => ({ start, end: start + 10 }));
  const first = [{ codeId: 'x', start: 5, end: 15 }];
  const second = [
    { codeId: 'x', start: 12, end: 14 },
    { codeId: 'x', start: 29, end: 30 },
  ];
  const [row] = turnAgreementByCode(50, turns, ['x'], first, second);

  it('counts a turn as coded when any coded character falls in it', () => {
    expect(row).toMatchObject({ codeId: 'x', bothCoded: 1, firstOnly: 1, secondOnly: 1, neither: 2 });
  });

  it('gives percent agreement, Cohen’s kappa and Krippendorff’s alpha as computed by hand', () => {
    // a = 1, b = 1, c = 1, d = 2, N = 5. po = 3/5.
    // pe = [(a+b)(a+c) + (c+d)(b+d)] / N² = (2·2 + 3·3) / 25 = 13/25; κ = (15/25 − 13/25) / (12/25) = 1/6.
    // α: n = 10, n₁ = 2a+b+c = 4, n₀ = 2d+b+c = 6; α = 1 − 9·2 / 24 = 0.25.
    expect(row!.percentAgreement).toBeCloseTo(0.6, 12);
    expect(row!.kappa).toBeCloseTo(1 / 6, 12);
    expect(row!.alpha).toBeCloseTo(0.25, 12);
  });

  it('gives the same kind of table as the character level for one code nobody used in a turn', () => {
    const [none] = turnAgreementByCode(50, turns, ['y'], first, second);
    expect(none).toMatchObject({
      bothCoded: 0,
      firstOnly: 0,
      secondOnly: 0,
      neither: 5,
      percentAgreement: 1,
      kappa: null,
      alpha: null,
    });
  });
});
