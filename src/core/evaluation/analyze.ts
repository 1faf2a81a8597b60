import { parseCsv } from './csv';
import { AnalysisInputError, ModelFitError } from './errors';
import { fUpperTail, holm, tTerm, zTerm, type Term } from './inference';
import { buildDesign, clusterRobustVcov, leastSquares, type Design } from './linear';
import { fitLogistic } from './logistic';
import { readLongData, type AnalysisSpec, type Covariate, type LongData } from './long-data';
import { fitRandomIntercept } from './reml';

/** The arm's cluster-robust test in an ANCOVA. */
export interface RobustTerm {
  se: number;
  ci_low: number;
  ci_high: number;
  p: number;
}

/** A model that could not be fitted: the rest of the analysis still stands. */
export interface Unfitted {
  error: string;
}

export interface AncovaResult {
  timepoint: string;
  n: number;
  clusters: number;
  sigma: number;
  terms: Record<string, Term>;
  /** Two arms: the arm's robust test; more arms: one per `arm:<name>` term. */
  arm_clustered: RobustTerm | Record<string, RobustTerm>;
}

export interface MixedResult {
  n_obs: number;
  participants: number;
  terms: Record<string, Term>;
  sd_participant: number;
  sd_residual: number;
  reml_criterion: number;
}

export interface ModeratorResult {
  variable: string;
  timepoint: string;
  n: number;
  terms: Record<string, Term>;
  /** The interaction's p: its t test (two arms) or the F test of all arm:moderator terms. */
  p_interaction: number;
  /** Holm-adjusted across the moderators that could be fitted. */
  p_adjusted: number;
  /** A categorical moderator (3 or more levels): its reference level (the first in code-unit order). */
  reference_level?: string;
  /** A categorical moderator: the interaction's degrees of freedom, (arms − 1) × (levels − 1). */
  df_interaction?: number;
  /** A categorical moderator: per level, its participants in the model and the arm's effect within it. */
  levels?: ModeratorLevel[];
}

/** The arm's effect (each `arm` or `arm:<name>` term) among the participants of one level. */
export interface ModeratorLevel {
  level: string;
  n: number;
  effects: Record<string, Term>;
}

export interface AdherenceResult {
  arm: string;
  /** Participants of the arm with a contact count. */
  n: number;
  /** Share of them with at least the target number of contacts (null when n is 0). */
  rate: number | null;
  logistic: { n: number; terms: Record<string, Term> } | Unfitted;
}

/** What `kindred analyze` prints. */
export interface AnalysisResult {
  participants: number;
  arms: Record<string, number>;
  /** Two-valued text columns used as 0/1: the value coded 1. */
  coding: Record<string, string>;
  ancova: (AncovaResult | ({ timepoint: string } & Unfitted))[];
  mixed: MixedResult | Unfitted;
  moderators: (ModeratorResult | ({ variable: string; timepoint: string } & Unfitted))[];
  adherence: AdherenceResult[] | null;
}

/** Parses the CSV text and analyses it (see `analyzeLongData`). */
export function analyzeCsv(text: string, spec: AnalysisSpec): AnalysisResult {
  return analyzeLongData(readLongData(parseCsv(text), spec), spec);
}

/** The messages of the models that could not be fitted, each naming its model. */
export function unfittedModels(result: AnalysisResult): string[] {
  const out: string[] = [];
  for (const a of result.ancova) if ('error' in a) out.push(`ANCOVA at timepoint ${a.timepoint}: ${a.error}`);
  if ('error' in result.mixed) out.push(`Mixed model: ${result.mixed.error}`);
  for (const m of result.moderators) if ('error' in m) out.push(`Moderator ${m.variable}: ${m.error}`);
  for (const h of result.adherence ?? []) if ('error' in h.logistic) out.push(`Adherence in arm ${h.arm}: ${h.logistic.error}`);
  return out;
}

const attempt = <T>(fn: () => T): T | Unfitted => {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ModelFitError) return { error: `cannot be fitted: ${err.message}` };
    throw err;
  }
};

/** Selects the participants for whom every listed array holds a number. */
function complete(data: LongData, columns: Float64Array[], among?: (k: number) => boolean): Int32Array {
  const keep = new Int32Array(data.participants);
  let m = 0;
  for (let k = 0; k < data.participants; k++) {
    if (among && !among(k)) continue;
    let ok = true;
    for (const c of columns) if (Number.isNaN(c[k]!)) ok = false;
    if (ok) keep[m++] = k;
  }
  return keep.slice(0, m);
}

/**
 * The analyses of a two-or-more-arm trial's long data (ADR 0022): an ANCOVA at each follow-up
 * (with the arm's cluster-robust test), the random-intercept mixed model over the follow-ups,
 * arm × moderator interactions at the first follow-up, and adherence with its logistic regression.
 */
export function analyzeLongData(data: LongData, spec: AnalysisSpec): AnalysisResult {
  const { others, armNames, armColumns } = armTerms(data);

  // ---- ANCOVA at each follow-up -------------------------------------------------------------
  const ancova = data.followUps.map((timepoint, t) => {
    const fitted = attempt((): AncovaResult => {
      const y = data.outcome[t]!;
      const rows = complete(data, [y, data.baseline]);
      const d = buildDesign(
        rows.length,
        ['intercept', ...armNames, 'baseline'],
        [() => 1, ...armColumns((i) => data.arm[rows[i]!]!), (i) => data.baseline[rows[i]!]!],
      );
      const fit = leastSquares(
        d,
        Float64Array.from(rows, (k) => y[k]!),
      );
      const terms = lmTerms(d, fit.coefficients, fit.unscaled, fit.sigma, fit.dfResidual);
      // Cluster numbers renumbered 0 … G−1 among the rows in the model.
      const renumber = new Map<number, number>();
      const cluster = Int32Array.from(rows, (k) => {
        const c = data.cluster[k]!;
        let g = renumber.get(c);
        if (g === undefined) renumber.set(c, (g = renumber.size));
        return g;
      });
      const V = clusterRobustVcov(d, fit, cluster, renumber.size);
      const robust = armNames.map((_, j): RobustTerm => {
        const { se, ci_low, ci_high, p } = tTerm(fit.coefficients[j + 1]!, Math.sqrt(V.get(j + 1, j + 1)), fit.dfResidual);
        return { se, ci_low, ci_high, p };
      });
      return {
        timepoint,
        n: rows.length,
        clusters: renumber.size,
        sigma: fit.sigma,
        terms,
        arm_clustered: others.length === 1 ? robust[0]! : Object.fromEntries(armNames.map((name, j) => [name, robust[j]!])),
      };
    });
    return 'error' in fitted ? { timepoint, ...fitted } : fitted;
  });

  const mixed = mixedModel(data);

  // ---- Moderators at the first follow-up -----------------------------------------------------
  const first = data.followUps[0]!;
  const fittedModerators = (spec.moderators ?? []).map((variable) => {
    const fitted = attempt((): Omit<ModeratorResult, 'p_adjusted'> => {
      const y = data.outcome[0]!;
      const covariate = data.covariates.get(variable)!;
      const m = covariate.values;
      const rows = complete(data, [y, m, data.baseline]);
      const armOf = (i: number) => data.arm[rows[i]!]!;
      const mod = covariateColumns('moderator', covariate, (i) => m[rows[i]!]!);
      const main = [() => 1, ...armColumns(armOf), ...mod.columns, (i: number) => data.baseline[rows[i]!]!];
      // The interaction columns in R's order for arm * moderator: the moderator's columns outer, arms inner.
      const interactionNames = mod.names.flatMap((mn) => armNames.map((a) => `${a}:${mn}`));
      const interactionColumns = mod.columns.flatMap((mc) => armColumns(armOf).map((ac) => (i: number) => ac(i) * mc(i)));
      const names = ['intercept', ...armNames, ...mod.names, 'baseline', ...interactionNames];
      const d = buildDesign(rows.length, names, [...main, ...interactionColumns]);
      const yy = Float64Array.from(rows, (k) => y[k]!);
      const fit = leastSquares(d, yy);
      const terms = lmTerms(d, fit.coefficients, fit.unscaled, fit.sigma, fit.dfResidual);
      const q = interactionNames.length;
      let pInteraction: number;
      if (q === 1) pInteraction = terms[interactionNames[0]!]!.p;
      else {
        // The joint test of every arm:moderator term: the F test of the nested models, which for
        // least squares is the Wald test with q numerator degrees of freedom (R's anova(reduced, full)).
        const reduced = leastSquares(buildDesign(rows.length, names.slice(0, main.length), main), yy);
        const F = (reduced.rss - fit.rss) / q / (fit.rss / fit.dfResidual);
        pInteraction = fUpperTail(F, q, fit.dfResidual);
      }
      const result = { variable, timepoint: first, n: rows.length, terms, p_interaction: pInteraction };
      if (!covariate.levels) return result;
      // Categorical: the arm's effect within each level, arm + arm:moderator:<level> (the reference: arm alone).
      const at = new Map(names.map((name, j) => [name, j]));
      const levels = covariate.levels.map((level, l) => {
        let n = 0;
        for (const k of rows) if (m[k] === l) n++;
        const effects = Object.fromEntries(
          armNames.map((a) => {
            const idx = [at.get(a)!, ...(l === 0 ? [] : [at.get(`${a}:moderator:${level}`)!])];
            let estimate = 0;
            let v = 0;
            for (const i of idx) {
              estimate += fit.coefficients[i]!;
              for (const j of idx) v += fit.unscaled.get(i, j);
            }
            return [a, tTerm(estimate, fit.sigma * Math.sqrt(v), fit.dfResidual)];
          }),
        );
        return { level, n, effects };
      });
      return { ...result, reference_level: covariate.levels[0]!, df_interaction: q, levels };
    });
    return 'error' in fitted ? { variable, timepoint: first, ...fitted } : fitted;
  });
  const ok = fittedModerators.filter((m): m is Exclude<typeof m, Unfitted & { variable: string }> => !('error' in m));
  const adjusted = holm(ok.map((m) => m.p_interaction));
  const moderators = fittedModerators.map((m) => ('error' in m ? m : { ...m, p_adjusted: adjusted[ok.indexOf(m)]! }));

  // ---- Adherence -----------------------------------------------------------------------------
  let adherence: AdherenceResult[] | null = null;
  if (data.contacts) {
    const contacts = data.contacts;
    const target = spec.target!;
    const predictors = spec.predictors ?? [];
    adherence = others.map((armName, j): AdherenceResult => {
      const inArm = (k: number) => data.arm[k] === j + 1;
      const withCount = complete(data, [contacts], inArm);
      let reached = 0;
      for (const k of withCount) if (contacts[k]! >= target) reached++;
      const logistic = attempt(() => {
        const rows = complete(data, [contacts, ...predictors.map((p) => data.covariates.get(p)!.values)], inArm);
        const columns = predictors.map((p) => {
          const c = data.covariates.get(p)!;
          return covariateColumns(p, c, (i) => c.values[rows[i]!]!);
        });
        const d = buildDesign(
          rows.length,
          ['intercept', ...columns.flatMap((c) => c.names)],
          [() => 1, ...columns.flatMap((c) => c.columns)],
        );
        if (rows.length <= d.p) throw new ModelFitError(`${rows.length} participants are too few for ${d.p} coefficients`);
        const fit = fitLogistic(
          d,
          Float64Array.from(rows, (k) => (contacts[k]! >= target ? 1 : 0)),
        );
        return {
          n: rows.length,
          terms: Object.fromEntries(d.names.map((name, c) => [name, zTerm(fit.coefficients[c]!, fit.se[c]!)])),
        };
      });
      return { arm: armName, n: withCount.length, rate: withCount.length ? reached / withCount.length : null, logistic };
    });
  }

  const arms: Record<string, number> = Object.fromEntries(data.arms.map((a) => [a, 0]));
  for (let k = 0; k < data.participants; k++) arms[data.arms[data.arm[k]!]!]!++;
  const coding: Record<string, string> = {};
  for (const [name, c] of data.covariates) if (c.codedOne !== undefined) coding[name] = c.codedOne;
  return { participants: data.participants, arms, coding, ancova, mixed, moderators, adherence };
}

/**
 * The linear mixed model over the follow-ups: outcome ~ arm + timepoint (first follow-up the
 * reference) + baseline outcome + a random intercept per participant, by REML as lme4::lmer.
 */
export function mixedModel(data: LongData): MixedResult | Unfitted {
  const { armNames, armColumns } = armTerms(data);
  return attempt((): MixedResult => {
    const obsParticipant: number[] = [];
    const obsTime: number[] = [];
    const y: number[] = [];
    for (let k = 0; k < data.participants; k++) {
      if (Number.isNaN(data.baseline[k]!)) continue;
      data.outcome.forEach((o, t) => {
        if (!Number.isNaN(o[k]!)) {
          obsParticipant.push(k);
          obsTime.push(t);
          y.push(o[k]!);
        }
      });
    }
    const later = data.followUps.slice(1);
    const d = buildDesign(
      obsParticipant.length,
      ['intercept', ...armNames, ...later.map((t) => `time:${t}`), 'baseline'],
      [
        () => 1,
        ...armColumns((i) => data.arm[obsParticipant[i]!]!),
        ...later.map((_, j) => (i: number) => (obsTime[i] === j + 1 ? 1 : 0)),
        (i) => data.baseline[obsParticipant[i]!]!,
      ],
    );
    const renumber = new Map<number, number>();
    const group = Int32Array.from(obsParticipant, (k) => {
      let g = renumber.get(k);
      if (g === undefined) renumber.set(k, (g = renumber.size));
      return g;
    });
    const fit = fitRandomIntercept(d, Float64Array.from(y), group, renumber.size);
    return {
      n_obs: fit.nObs,
      participants: fit.groups,
      terms: Object.fromEntries(d.names.map((name, j) => [name, zTerm(fit.coefficients[j]!, fit.se[j]!)])),
      sd_participant: fit.sdGroup,
      sd_residual: fit.sdResidual,
      reml_criterion: fit.remlCriterion,
    };
  });
}

/**
 * A covariate's columns in a design: one (numeric or 0/1) named `name`, or for a categorical one
 * a 0/1 indicator per level after the reference, named `name:<level>` (R's treatment contrasts).
 */
function covariateColumns(name: string, c: Covariate, value: (i: number) => number) {
  if (!c.levels) return { names: [name], columns: [value] };
  const later = c.levels.slice(1);
  return {
    names: later.map((level) => `${name}:${level}`),
    columns: later.map((_, l) => (i: number) => (value(i) === l + 1 ? 1 : 0)),
  };
}

/** The non-control arms, their term names, and their 0/1 indicator columns for a row's arm. */
function armTerms(data: LongData) {
  const others = data.arms.slice(1);
  const armNames = others.length === 1 ? ['arm'] : others.map((a) => `arm:${a}`);
  const armColumns = (rowArm: (i: number) => number) => others.map((_, j) => (i: number) => (rowArm(i) === j + 1 ? 1 : 0));
  return { others, armNames, armColumns };
}

function lmTerms(
  d: Design,
  coefficients: Float64Array,
  unscaled: { get(i: number, j: number): number },
  sigma: number,
  df: number,
): Record<string, Term> {
  return Object.fromEntries(d.names.map((name, j) => [name, tTerm(coefficients[j]!, sigma * Math.sqrt(unscaled.get(j, j)), df)]));
}

export { AnalysisInputError, ModelFitError };
