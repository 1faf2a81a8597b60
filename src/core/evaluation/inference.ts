import betainc from '@stdlib/math-base-special-betainc';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** One coefficient: estimate, standard error, 95% confidence interval and two-sided p-value. */
export interface Term {
  estimate: number;
  se: number;
  ci_low: number;
  ci_high: number;
  p: number;
}

/** A term tested with Student's t on `df` degrees of freedom (R's summary.lm and confint.lm). */
export function tTerm(estimate: number, se: number, df: number): Term {
  const q = tQuantile(0.975, df);
  // 2·F(−|t|), not 2·(1 − F(|t|)): keeps small p-values to full relative precision.
  return { estimate, se, ci_low: estimate - q * se, ci_high: estimate + q * se, p: 2 * tCdf(-Math.abs(estimate / se), df) };
}

/** A term tested with the Wald z (normal) test and a normal 95% interval (R's confint.default). */
export function zTerm(estimate: number, se: number): Term {
  const q = normalQuantile(0.975, 0, 1);
  return {
    estimate,
    se,
    ci_low: estimate - q * se,
    ci_high: estimate + q * se,
    p: 2 * normalCdf(-Math.abs(estimate / se), 0, 1),
  };
}

/** Holm's step-down adjustment of p-values (R's p.adjust(p, "holm")), in the input order. */
export function holm(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]! || a - b);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p[i]!));
    out[i] = running;
  });
  return out;
}

/** P(F > f) for F on (d1, d2) degrees of freedom, as R's pf(f, d1, d2, lower.tail = FALSE). */
export function fUpperTail(f: number, d1: number, d2: number): number {
  // P(F > f) = I_x(d2/2, d1/2) with x = d2 / (d2 + d1·f): no cancellation for small p.
  return betainc(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}
