import { Matrix, QrDecomposition, inverse } from 'ml-matrix';
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
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[i * p + j] = columns[j]!(i);
  return { n, p, x, names };
}

/**
 * Least squares by Householder QR (ml-matrix). A column that is (numerically) a combination of
 * the columns before it is refused, by the rule of R's lm (dqrdc2): |R_jj| below 1e-7 × the
 * column's norm. The message names the column.
 */
export function leastSquares(d: Design, y: Float64Array): LinearFit {
  const { n, p, x, names } = d;
  if (n <= p) throw new ModelFitError(`${n} observations are too few for ${p} coefficients`);
  const X = Matrix.from1DArray(n, p, x);
  const qr = new QrDecomposition(X);
  const R = qr.upperTriangularMatrix;
  let logDetXtX = 0;
  for (let j = 0; j < p; j++) {
    let norm = 0;
    for (let i = 0; i < n; i++) norm += x[i * p + j]! ** 2;
    const rjj = Math.abs(R.get(j, j));
    if (!(rjj > 1e-7 * Math.sqrt(norm)))
      throw new ModelFitError(
        norm === 0 ? `"${names[j]}" is zero for everyone in the model` : `"${names[j]}" is collinear with the terms before it`,
      );
    logDetXtX += 2 * Math.log(rjj);
  }
  const beta = qr.solve(Matrix.columnVector(Array.from(y))).getColumn(0);
  const coefficients = Float64Array.from(beta);
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
