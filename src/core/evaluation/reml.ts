import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { brentMinimize } from './brent';
import { ModelFitError } from './errors';
import { leastSquares, type Design } from './linear';

/** A linear mixed model with one random intercept per group, fitted by REML as `lme4::lmer`. */
export interface RandomInterceptFit {
  coefficients: Float64Array;
  /** Standard errors from σ² (X'V⁻¹X)⁻¹, as lme4's vcov(). */
  se: Float64Array;
  /** σ_group / σ: lme4's θ. */
  theta: number;
  sdGroup: number;
  sdResidual: number;
  /** −2 × the restricted log-likelihood at the optimum (lme4's REMLcrit). */
  remlCriterion: number;
  nObs: number;
  groups: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Fits y = Xβ + b_group + e, b ~ N(0, σ²θ²), e ~ N(0, σ²), by restricted maximum likelihood.
 *
 * With one random intercept, each group's covariance is σ²(I + θ²J), so for a given θ the
 * profiled REML criterion has a closed form through per-group sums (lme4's, Bates et al. 2015,
 * eq. 41–42):
 *   d(θ) = Σ_i log(1 + n_iθ²) + log det(X'V*⁻¹X) + (n − p)(1 + log(2π r²/(n − p))),
 * V* = I + θ²ZZ', r² the generalised residual sum of squares. The search runs on log θ: a grid
 * from e⁻¹² to e⁸ in steps of 0.5, then Brent's method between the best grid point's neighbours
 * (to 1e-10), and θ = 0 (a singular fit, as lme4 reports it) when that is no worse. The search
 * uses cross-products grouped by group size (O(p³) per evaluation, whatever n); the final fit
 * whitens the data with V*^(−1/2) = I − c_iJ, c_i = (1 − 1/√(1 + n_iθ²))/n_i, and solves it by QR.
 * `group[i]` is row i's group number, 0 … groups−1.
 */
export function fitRandomIntercept(d: Design, y: Float64Array, group: Int32Array, groups: number): RandomInterceptFit {
  const { n, p, x } = d;
  if (groups >= n)
    throw new ModelFitError(
      `each participant has one observation (${n} observations, ${groups} participants): the participant and residual variances cannot be told apart`,
    );
  if (n <= p) throw new ModelFitError(`${n} observations are too few for ${p} coefficients`);
  const size = new Int32Array(groups);
  for (let i = 0; i < n; i++) size[group[i]!]!++;

  // Cross-products of [X y], columns other than the intercept centred (a unit-triangular change of
  // basis: the criterion is unchanged, and the sums lose less to cancellation).
  const q = p + 1;
  const mean = new Float64Array(q);
  const intercept = d.names.indexOf('intercept');
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) mean[j]! += x[i * p + j]!;
    mean[p]! += y[i]!;
  }
  for (let j = 0; j < q; j++) mean[j] = j === intercept || intercept < 0 ? 0 : mean[j]! / n;
  const row = new Float64Array(q);
  const total = new Float64Array(q * q);
  const sums = new Float64Array(groups * q);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) row[j] = x[i * p + j]! - mean[j]!;
    row[p] = y[i]! - mean[p]!;
    const g = group[i]! * q;
    for (let j = 0; j < q; j++) {
      sums[g + j]! += row[j]!;
      for (let k = 0; k <= j; k++) total[j * q + k]! += row[j]! * row[k]!;
    }
  }
  const bySize = new Map<number, { count: number; cross: Float64Array }>();
  for (let g = 0; g < groups; g++) {
    const m = size[g]!;
    if (m === 0) continue;
    let entry = bySize.get(m);
    if (!entry) bySize.set(m, (entry = { count: 0, cross: new Float64Array(q * q) }));
    entry.count++;
    for (let j = 0; j < q; j++) {
      const sj = sums[g * q + j]!;
      for (let k = 0; k <= j; k++) entry.cross[j * q + k]! += sj * sums[g * q + k]!;
    }
  }
  const sizes = [...bySize.entries()];
  const dfr = n - p;
  const M = new Matrix(q, q);
  const criterion = (theta: number): number => {
    const t2 = theta * theta;
    let logDetL = 0;
    for (let j = 0; j < q; j++) for (let k = 0; k <= j; k++) M.set(j, k, total[j * q + k]!);
    for (const [m, { count, cross }] of sizes) {
      logDetL += count * Math.log1p(m * t2);
      const w = t2 / (1 + m * t2);
      for (let j = 0; j < q; j++) for (let k = 0; k <= j; k++) M.set(j, k, M.get(j, k) - w * cross[j * q + k]!);
    }
    for (let j = 0; j < q; j++) for (let k = j + 1; k < q; k++) M.set(j, k, M.get(k, j));
    const chol = new CholeskyDecomposition(M);
    if (!chol.isPositiveDefinite()) return Infinity;
    const L = chol.lowerTriangularMatrix;
    let logDetX = 0;
    for (let j = 0; j < p; j++) logDetX += 2 * Math.log(L.get(j, j));
    const r2 = L.get(p, p) ** 2;
    return logDetL + logDetX + dfr * (1 + LOG_2PI + Math.log(r2 / dfr));
  };

  const at = (u: number) => criterion(Math.exp(u));
  let bestU = -12;
  let bestF = Infinity;
  for (let u = -12; u <= 8; u += 0.5) {
    const f = at(u);
    if (f < bestF) [bestU, bestF] = [u, f];
  }
  if (!Number.isFinite(bestF)) throw new ModelFitError('the fixed effects are collinear');
  const found = brentMinimize(at, bestU - 0.5, bestU + 0.5, 1e-10);
  let theta = found.fx <= bestF ? Math.exp(found.x) : Math.exp(bestU);
  if (criterion(0) <= Math.min(found.fx, bestF)) theta = 0;

  // The final fit at θ: whiten each group, then least squares by QR.
  const t2 = theta * theta;
  const rawSums = new Float64Array(groups * q);
  for (let i = 0; i < n; i++) {
    const g = group[i]! * q;
    for (let j = 0; j < p; j++) rawSums[g + j]! += x[i * p + j]!;
    rawSums[g + p]! += y[i]!;
  }
  const wx = new Float64Array(n * p);
  const wy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    const m = size[g]!;
    const c = (1 - 1 / Math.sqrt(1 + m * t2)) / m;
    for (let j = 0; j < p; j++) wx[i * p + j] = x[i * p + j]! - c * rawSums[g * q + j]!;
    wy[i] = y[i]! - c * rawSums[g * q + p]!;
  }
  const fit = leastSquares({ n, p, x: wx, names: d.names }, wy);
  let logDetL = 0;
  for (let g = 0; g < groups; g++) logDetL += Math.log1p(size[g]! * t2);
  const sigma2 = fit.rss / dfr;
  const se = new Float64Array(p);
  for (let j = 0; j < p; j++) se[j] = Math.sqrt(sigma2 * fit.unscaled.get(j, j));
  const sdResidual = Math.sqrt(sigma2);
  return {
    coefficients: fit.coefficients,
    se,
    theta,
    sdGroup: theta * sdResidual,
    sdResidual,
    remlCriterion: logDetL + fit.logDetXtX + dfr * (1 + LOG_2PI + Math.log(fit.rss / dfr)),
    nObs: n,
    groups,
  };
}
