import { Matrix, inverse } from 'ml-matrix';
import { ModelFitError } from './errors';

/** A design matrix: n rows × p named columns, row-major. */
export interface Design {
  n: number;
  p: number;
  x: Float64Array;
  names: string[];
}

/** An ordinary least-squares fit. */
export interface LinearFit {
  coefficients: Float64Array;
  /** (X'X)⁻¹, from R⁻¹R⁻ᵀ of the QR decomposition. */
  unscaled: Matrix;
  residuals: Float64Array;
  rss: number;
  dfResidual: number;
  /** √(RSS / (n − p)), R's sigma(). */
  sigma: number;
  /** log det(X'X) = 2 Σ log |R_jj|. */
  logDetXtX: number;
}

/**
 * Builds a design from per-row column values; `columns[j](i)` gives row i's value of column j.
 */
export function buildDesign(n: number, names: string[], columns: ((i: number) => number)[]): Design {
  const p = names.length;
  const x = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const column = columns[j]!;
    for (let i = 0; i < n; i++) x[i * p + j] = column(i);
  }
  return { n, p, x, names };
}

/**
 * Least squares by Householder QR, as R's lm (LINPACK dqrdc2): the n × p design is reduced
 * column by column (column-major typed arrays; ml-matrix, which keeps one array per row and reads
 * each element through a method call, took 1.3 s for 100,000 × 3), Q'y alongside; the p × p
 * algebra after that (R⁻¹) is ml-matrix's. A column that is (numerically) a combination of the
 * columns before it is refused by lm's rule, |R_jj| below 1e-7 × the column's norm; the message
 * names the column.
 */
export function leastSquares(d: Design, y: Float64Array): LinearFit {
  const { n, p, x, names } = d;
  if (n <= p) throw new ModelFitError(`${n} observations are too few for ${p} coefficients`);
  const a = new Float64Array(n * p);
  const colNorm = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i * p + j]!;
      a[j * n + i] = v;
      ss += v * v;
    }
    colNorm[j] = Math.sqrt(ss);
  }
  const qty = Float64Array.from(y);
  const R = new Matrix(p, p);
  let logDetXtX = 0;
  for (let k = 0; k < p; k++) {
    const ck = k * n;
    let ss = 0;
    for (let i = k; i < n; i++) ss += a[ck + i]! ** 2;
    const norm = Math.sqrt(ss);
    if (!(norm > 1e-7 * colNorm[k]!))
      throw new ModelFitError(
        colNorm[k] === 0
          ? `"${names[k]}" is zero for everyone in the model`
          : `"${names[k]}" is collinear with the terms before it`,
      );
    const head = a[ck + k]!;
    const alpha = head >= 0 ? -norm : norm;
    a[ck + k] = head - alpha; // v = x − αe_k, stored in place
    const beta = 1 / (norm * (norm + Math.abs(head))); // 2 / ‖v‖²
    const reflect = (col: Float64Array, off: number) => {
      let s = 0;
      for (let i = k; i < n; i++) s += a[ck + i]! * col[off + i]!;
      s *= beta;
      for (let i = k; i < n; i++) col[off + i]! -= s * a[ck + i]!;
    };
    for (let j = k + 1; j < p; j++) reflect(a, j * n);
    reflect(qty, 0);
    R.set(k, k, alpha);
    for (let j = k + 1; j < p; j++) R.set(k, j, a[j * n + k]!);
    logDetXtX += 2 * Math.log(norm);
  }
  // Back-substitution R β = (Q'y)[0..p).
  const coefficients = new Float64Array(p);
  for (let k = p - 1; k >= 0; k--) {
    let s = qty[k]!;
    for (let j = k + 1; j < p; j++) s -= R.get(k, j) * coefficients[j]!;
    coefficients[k] = s / R.get(k, k);
  }
  const residuals = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let j = 0; j < p; j++) fitted += x[i * p + j]! * coefficients[j]!;
    const r = y[i]! - fitted;
    residuals[i] = r;
    rss += r * r;
  }
  const Rinv = inverse(R);
  const unscaled = Rinv.mmul(Rinv.transpose());
  const dfResidual = n - p;
  return { coefficients, unscaled, residuals, rss, dfResidual, sigma: Math.sqrt(rss / dfResidual), logDetXtX };
}

/**
 * The cluster-robust covariance of OLS coefficients as R's `sandwich::vcovCL(fit, cluster,
 * type = "HC1")`: (X'X)⁻¹ [Σ_g (X_g'e_g)(X_g'e_g)'] (X'X)⁻¹ × G/(G−1) × (n−1)/(n−p).
 * `cluster[i]` is row i's cluster number, 0 … G−1.
 */
export function clusterRobustVcov(d: Design, fit: LinearFit, cluster: Int32Array, clusters: number): Matrix {
  const { n, p, x } = d;
  if (clusters < 2) throw new ModelFitError('cluster-robust standard errors need at least two clusters');
  const scores = new Float64Array(clusters * p);
  for (let i = 0; i < n; i++) {
    const g = cluster[i]!;
    const e = fit.residuals[i]!;
    for (let j = 0; j < p; j++) scores[g * p + j]! += x[i * p + j]! * e;
  }
  const meat = new Matrix(p, p);
  for (let g = 0; g < clusters; g++) {
    for (let j = 0; j < p; j++) {
      const sj = scores[g * p + j]!;
      if (sj === 0) continue;
      for (let k = 0; k < p; k++) meat.set(j, k, meat.get(j, k) + sj * scores[g * p + k]!);
    }
  }
  const adjust = (clusters / (clusters - 1)) * ((n - 1) / (n - p));
  return fit.unscaled.mmul(meat).mmul(fit.unscaled).mul(adjust);
}
