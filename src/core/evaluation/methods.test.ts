import { describe, expect, it } from 'vitest';
import { brentMinimize } from './brent';
import { ModelFitError } from './errors';
import { fUpperTail, holm, tTerm } from './inference';
import { buildDesign, leastSquares } from './linear';
import { fitLogistic } from './logistic';
import { fitRandomIntercept } from './reml';

/** The building blocks on their own; the expected values are R's (4.2.2), printed with digits = 17. */

const close = (a: number, b: number, rel = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));

describe('inference helpers against R', () => {
  it("Holm's adjustment equals p.adjust(p, 'holm'), in the input order", () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.2, 0.001]);
    [0.04, 0.09, 0.09, 0.2, 0.005].forEach((p, i) => close(adjusted[i]!, p, 1e-15));
    expect(holm([])).toEqual([]);
    expect(holm([0.6, 0.7])).toEqual([1, 1]);
  });

  it('t and F tails equal pt, qt and pf', () => {
    const t = tTerm(2.5, 1, 10);
    close(t.p, 0.031446844236608776);
    close(t.ci_high - 2.5, 2.2281388519862739);
    close(fUpperTail(3.2, 2, 50), 0.049234837494522801);
  });

  it("Brent's method finds what R's optimize() finds", () => {
    const { x } = brentMinimize((v) => (v - 1 / 3) ** 2 + Math.exp(v) / 10, -2, 3, 1e-10);
    close(x, 0.26796806650909805, 1e-8);
  });
});

describe('models refuse what cannot be fitted, naming why', () => {
  const n = 40;
  const arm = (i: number) => i % 2;

  it('least squares names a collinear column', () => {
    const d = buildDesign(n, ['intercept', 'arm', 'twice arm'], [() => 1, arm, (i) => 2 * arm(i)]);
    expect(() =>
      leastSquares(
        d,
        Float64Array.from({ length: n }, (_, i) => i),
      ),
    ).toThrow(new ModelFitError('"twice arm" is collinear with the terms before it'));
  });

  it('logistic regression refuses complete separation, and an outcome with no variation', () => {
    const d = buildDesign(n, ['intercept', 'x'], [() => 1, (i) => i]);
    expect(() =>
      fitLogistic(
        d,
        Float64Array.from({ length: n }, (_, i) => (i < 20 ? 0 : 1)),
      ),
    ).toThrow(/separate/);
    expect(() => fitLogistic(d, new Float64Array(n).fill(1))).toThrow('everyone has the outcome');
  });
});

describe('the random-intercept model at the boundary', () => {
  it('gives θ = 0 and the least-squares fit when participants vary less than chance (a singular fit, as lmer reports)', () => {
    // Two observations per participant that move in opposite directions: negative within-person
    // correlation, so the REML optimum of the participant variance is 0.
    const groups = 30;
    const group = Int32Array.from({ length: 2 * groups }, (_, i) => Math.floor(i / 2));
    const y = Float64Array.from({ length: 2 * groups }, (_, i) => (i % 2 ? 1 : -1) * (1 + (i % 7)) + (i % 3));
    const d = buildDesign(2 * groups, ['intercept', 'x'], [() => 1, (i) => (i % 5) - 2]);
    const fit = fitRandomIntercept(d, y, group, groups);
    const ols = leastSquares(d, y);
    expect(fit.theta).toBe(0);
    expect(fit.sdGroup).toBe(0);
    close(fit.coefficients[1]!, ols.coefficients[1]!);
    close(fit.sdResidual, ols.sigma);
  });
});
