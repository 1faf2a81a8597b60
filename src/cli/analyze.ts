import { readFileSync } from 'node:fs';
import { AnalysisInputError, analyzeCsv, unfittedModels, type AnalysisSpec } from '../core/evaluation';

export interface AnalyzeCommandOptions {
  data: string;
  id: string;
  arm: string;
  control: string;
  time: string;
  baseline: string;
  outcome: string;
  cluster?: string;
  moderators?: string;
  predictors?: string;
  contacts?: string;
  target?: string;
}

/**
 * What `kindred analyze` prints: the JSON and, when some model could not be fitted, one message
 * per such model (exit 1, the JSON still printed); or the usage error it exits 2 with.
 */
export type AnalyzeCommandOutcome = { ok: true; out: string; unfitted: string[] } | { ok: false; error: string };

const list = (option: string, value: string | undefined): string[] | undefined => {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim());
  if (names.some((s) => s === '')) throw new AnalysisInputError(`${option} takes column names separated by commas`);
  if (new Set(names).size !== names.length) throw new AnalysisInputError(`${option} names a column twice`);
  return names;
};

/**
 * `kindred analyze --data long.csv --id … --arm … --control … --time … --baseline … --outcome …`:
 * reads the long CSV and prints one JSON object (src/core/evaluation, ADR 0022). Needs no
 * database. Errors name the option, column or value, and the line, never a participant's data.
 */
export function runAnalyzeCommand(
  options: AnalyzeCommandOptions,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): AnalyzeCommandOutcome {
  try {
    if ((options.contacts === undefined) !== (options.target === undefined))
      throw new AnalysisInputError('--contacts and --target go together');
    if (options.predictors !== undefined && options.contacts === undefined)
      throw new AnalysisInputError('--predictors needs --contacts and --target (they predict adherence)');
    let target: number | undefined;
    if (options.target !== undefined) {
      target = Number(options.target);
      if (options.target.trim() === '' || !Number.isFinite(target)) throw new AnalysisInputError('--target must be a number');
    }
    const spec: AnalysisSpec = {
      id: options.id,
      arm: options.arm,
      control: options.control,
      time: options.time,
      baseline: options.baseline,
      outcome: options.outcome,
      cluster: options.cluster,
      moderators: list('--moderators', options.moderators),
      predictors: list('--predictors', options.predictors),
      contacts: options.contacts,
      target,
    };
    const roles = [spec.id, spec.arm, spec.time, spec.outcome];
    if (new Set(roles).size !== roles.length)
      throw new AnalysisInputError('--id, --arm, --time and --outcome must name four different columns');
    let text: string;
    try {
      text = readFile(options.data);
    } catch {
      throw new AnalysisInputError(`Cannot read --data file ${options.data}`);
    }
    const result = analyzeCsv(text, spec);
    return { ok: true, out: `${JSON.stringify(result)}\n`, unfitted: unfittedModels(result) };
  } catch (err) {
    if (err instanceof AnalysisInputError) return { ok: false, error: err.message };
    throw err;
  }
}
