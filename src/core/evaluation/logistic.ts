import { ModelFitError } from './errors';
import { leastSquares, type Design } from './linear';

/** A logistic regression fitted as R's `glm(family = binomial)`. */
export interface LogisticFit {
  coefficients: Float64Array;
  /** Standard errors from the final iteration's weighted QR, as summary.glm (dispersion 1). */
  se: Float64Array;
  iterations: number;
  deviance: number;
}

const EPS = Number.EPSILON;
const THRESH = 30;
const MTHRESH = -30;
const INVEPS = 1 / EPS;

// R's binomial()$linkinv and $mu.eta (C code in src/library/stats/src/family.c).
const linkinv = (eta: number) => {
  const t = eta < MTHRESH ? EPS : eta > THRESH ? INVEPS : Math.exp(eta);
  return t / (1 + t);
};
const muEta = (eta: number) => {
  const opexp = 1 + Math.exp(eta);
  return eta > THRESH || eta < MTHRESH ? EPS : Math.exp(eta) / (opexp * opexp);
};
const yLogY = (y: number, mu: number) => (y !== 0 ? y * Math.log(y / mu) : 0);
const deviance = (y: Float64Array, mu: Float64Array) => {
  let dev = 0;
  for (let i = 0; i < y.length; i++) dev += 2 * (yLogY(y[i]!, mu[i]!) + yLogY(1 - y[i]!, 1 - mu[i]!));
  return dev;
};

/**
 * Fits a 0/1 outcome by iteratively reweighted least squares, step for step as R's glm.fit:
 * start at mu = (y + 0.5)/2, stop when |dev − dev_old| / (|dev| + 0.1) < 1e-8, at most 25
 * iterations. Refused, with a message, when everyone or no one has the outcome, when it does not
 * converge, or when fitted probabilities reach 0 or 1 (separation: R only warns, and its estimates
 * are then meaningless).
 */
export function fitLogistic(d: Design, y: Float64Array): LogisticFit {
  const { n, p, x } = d;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i]!;
  if (events === 0 || events === n) throw new ModelFitError(events === 0 ? 'no one has the outcome' : 'everyone has the outcome');
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = (y[i]! + 0.5) / 2;
    eta[i] = Math.log(m / (1 - m));
    mu[i] = linkinv(eta[i]!);
  }
  let devOld = deviance(y, mu);
  const wx = new Float64Array(n * p);
  const wz = new Float64Array(n);
  for (let iter = 1; iter <= 25; iter++) {
    for (let i = 0; i < n; i++) {
      const me = muEta(eta[i]!);
      const z = eta[i]! + (y[i]! - mu[i]!) / me;
      const w = Math.sqrt((me * me) / (mu[i]! * (1 - mu[i]!)));
      for (let j = 0; j < p; j++) wx[i * p + j] = x[i * p + j]! * w;
      wz[i] = z * w;
    }
    const fit = leastSquares({ n, p, x: wx, names: d.names }, wz);
    const { coefficients, unscaled } = fit;
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let j = 0; j < p; j++) e += x[i * p + j]! * coefficients[j]!;
      eta[i] = e;
      mu[i] = linkinv(e);
    }
    const dev = deviance(y, mu);
    if (!Number.isFinite(dev)) throw new ModelFitError('the fit diverged');
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < 1e-8) {
      const eps10 = 10 * EPS;
      for (let i = 0; i < n; i++)
        if (mu[i]! > 1 - eps10 || mu[i]! < eps10)
          throw new ModelFitError('fitted probabilities of 0 or 1: the predictors separate the outcome completely');
      const se = new Float64Array(p);
      for (let j = 0; j < p; j++) se[j] = Math.sqrt(unscaled.get(j, j));
      return { coefficients, se, iterations: iter, deviance: dev };
    }
    devOld = dev;
  }
  throw new ModelFitError('the fit did not converge in 25 iterations (often: the predictors nearly separate the outcome)');
}
