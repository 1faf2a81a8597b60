import { cellNumber, isMissing, type CsvTable } from './csv';
import { AnalysisInputError } from './errors';

/** What `kindred analyze` is told about the file's columns and values. */
export interface AnalysisSpec {
  id: string;
  arm: string;
  control: string;
  time: string;
  baseline: string;
  outcome: string;
  cluster?: string | undefined;
  moderators?: string[] | undefined;
  predictors?: string[] | undefined;
  contacts?: string | undefined;
  target?: number | undefined;
}

/** A participant-level covariate as a number per participant (NaN when missing). */
export interface Covariate {
  values: Float64Array;
  /** For a two-level text column: the level coded 1 (the other is 0). */
  codedOne?: string;
  /**
   * For a text column of three or more values (a categorical covariate): its levels in code-unit
   * order, the first the reference; `values` then holds each participant's level index.
   */
  levels?: string[];
}

/** The most levels a categorical covariate may have (beyond, it is most likely an identifier). */
export const MAX_LEVELS = 20;

/** The long file as one record per participant: arm, cluster, outcome at each timepoint, covariates. */
export interface LongData {
  participants: number;
  /** The control arm first, then the other arms sorted. */
  arms: string[];
  /** Each participant's index in `arms`. */
  arm: Int32Array;
  /** The follow-up timepoints, sorted numerically when all are numbers, else as text. */
  followUps: string[];
  baseline: Float64Array;
  /** The outcome at each follow-up (same order as `followUps`), NaN when missing. */
  outcome: Float64Array[];
  /** Cluster number per participant; a participant without a cluster value is a cluster of one. */
  cluster: Int32Array;
  covariates: Map<string, Covariate>;
  contacts: Float64Array | null;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const line = (row: number) => row + 2;

/**
 * Reads a long file (one row per participant × timepoint; participant-level columns may repeat on
 * every row or stand on one row only) into per-participant arrays, checking it as it goes. Every
 * problem is an AnalysisInputError naming the column and line, or the option and value.
 */
export function readLongData(table: CsvTable, spec: AnalysisSpec): LongData {
  const n = table.rows;
  if (n === 0) throw new AnalysisInputError('The file has a header but no rows');
  const idCells = table.column(spec.id);
  const timeCells = table.column(spec.time);
  const outcomeCells = table.column(spec.outcome);
  table.column(spec.arm);
  if (spec.cluster !== undefined) table.column(spec.cluster);
  for (const c of [...(spec.moderators ?? []), ...(spec.predictors ?? [])]) table.column(c);
  if (spec.contacts !== undefined) table.column(spec.contacts);

  const index = new Map<string, number>();
  const rowParticipant = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = idCells[i]!;
    if (isMissing(id)) throw new AnalysisInputError(`Column "${spec.id}" is empty on line ${line(i)}`);
    let k = index.get(id);
    if (k === undefined) index.set(id, (k = index.size));
    rowParticipant[i] = k;
  }
  const participants = index.size;

  /** A participant-level column: the one non-missing value of each participant's rows (or ""). */
  const perParticipant = (name: string): string[] => {
    const cells = table.column(name);
    const value = new Array<string>(participants).fill('');
    const from = new Int32Array(participants).fill(-1);
    for (let i = 0; i < n; i++) {
      const cell = cells[i]!;
      if (isMissing(cell)) continue;
      const k = rowParticipant[i]!;
      if (from[k] === -1) {
        value[k] = cell;
        from[k] = i;
      } else if (value[k] !== cell) {
        throw new AnalysisInputError(
          `Column "${name}" has different values for one participant (lines ${line(from[k]!)} and ${line(i)}); it must be the same on all of a participant's rows`,
        );
      }
    }
    return value;
  };

  // Arms
  const armText = perParticipant(spec.arm);
  const missingArm = armText.indexOf('');
  if (missingArm >= 0)
    throw new AnalysisInputError(
      `Column "${spec.arm}" is empty on every row of a participant (line ${line(rowParticipant.indexOf(missingArm))})`,
    );
  const armValues = [...new Set(armText)].sort(byCodeUnits);
  if (!armValues.includes(spec.control))
    throw new AnalysisInputError(
      `--control "${spec.control}" is not a value of column "${spec.arm}" (its values: ${armValues.join(', ')})`,
    );
  const arms = [spec.control, ...armValues.filter((a) => a !== spec.control)];
  if (arms.length < 2) throw new AnalysisInputError(`Column "${spec.arm}" has no arm besides the control "${spec.control}"`);
  const armIndex = new Map(arms.map((a, i) => [a, i]));
  const arm = Int32Array.from(armText, (a) => armIndex.get(a)!);

  // Timepoints
  const timeValues = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (isMissing(timeCells[i]!)) throw new AnalysisInputError(`Column "${spec.time}" is empty on line ${line(i)}`);
    timeValues.add(timeCells[i]!);
  }
  if (!timeValues.has(spec.baseline))
    throw new AnalysisInputError(
      `--baseline "${spec.baseline}" is not a value of column "${spec.time}" (its values: ${[...timeValues].sort(byCodeUnits).join(', ')})`,
    );
  const others = [...timeValues].filter((t) => t !== spec.baseline);
  if (others.length === 0)
    throw new AnalysisInputError(`Column "${spec.time}" has no timepoint besides the baseline "${spec.baseline}"`);
  const numeric = others.every((t) => Number.isFinite(cellNumber(t)));
  const followUps = numeric ? others.sort((a, b) => cellNumber(a)! - cellNumber(b)!) : others.sort(byCodeUnits);
  const timeIndex = new Map<string, number>([[spec.baseline, -1], ...followUps.map((t, i) => [t, i] as [string, number])]);

  // Outcomes
  const baseline = new Float64Array(participants).fill(NaN);
  const outcome = followUps.map(() => new Float64Array(participants).fill(NaN));
  const seen = followUps.map(() => new Int32Array(participants).fill(-1));
  const seenBaseline = new Int32Array(participants).fill(-1);
  for (let i = 0; i < n; i++) {
    const v = cellNumber(outcomeCells[i]!);
    if (v === undefined) throw new AnalysisInputError(`Column "${spec.outcome}" is not a number on line ${line(i)}`);
    const t = timeIndex.get(timeCells[i]!)!;
    const k = rowParticipant[i]!;
    const already = t < 0 ? seenBaseline : seen[t]!;
    if (already[k] !== -1)
      throw new AnalysisInputError(
        `Lines ${line(already[k]!)} and ${line(i)} are the same participant at the same timepoint (columns "${spec.id}" and "${spec.time}")`,
      );
    already[k] = i;
    (t < 0 ? baseline : outcome[t]!)[k] = v;
  }

  // Clusters: people without a cluster value are clusters of one.
  const cluster = new Int32Array(participants);
  const clusterText = spec.cluster === undefined ? null : perParticipant(spec.cluster);
  const clusterIndex = new Map<string, number>();
  let next = 0;
  for (let k = 0; k < participants; k++) {
    const c = clusterText?.[k] ?? '';
    if (c === '') cluster[k] = next++;
    else {
      let g = clusterIndex.get(c);
      if (g === undefined) clusterIndex.set(c, (g = next++));
      cluster[k] = g;
    }
  }

  const covariates = new Map<string, Covariate>();
  for (const name of new Set([...(spec.moderators ?? []), ...(spec.predictors ?? [])]))
    covariates.set(name, readCovariate(name, perParticipant(name)));

  let contacts: Float64Array | null = null;
  if (spec.contacts !== undefined) {
    contacts = new Float64Array(participants);
    const text = perParticipant(spec.contacts);
    for (let k = 0; k < participants; k++) {
      const v = cellNumber(text[k]!);
      if (v === undefined) throw new AnalysisInputError(`Column "${spec.contacts}" is not a number for some participants`);
      contacts[k] = v;
    }
  }

  return { participants, arms, arm, followUps, baseline, outcome, cluster, covariates, contacts };
}

/**
 * A covariate column: numbers as they are; text with exactly two values as a 0/1 indicator of
 * the later value in code-unit order; text with 3 to MAX_LEVELS values as a categorical covariate
 * (its level index, the first level in code-unit order the reference); anything else refused.
 */
function readCovariate(name: string, text: string[]): Covariate {
  const values = new Float64Array(text.length);
  let allNumbers = true;
  for (let k = 0; k < text.length; k++) {
    const v = cellNumber(text[k]!);
    if (v === undefined) {
      allNumbers = false;
      break;
    }
    values[k] = v;
  }
  if (allNumbers) return { values };
  const levels = [...new Set(text.filter((t) => !isMissing(t)))].sort(byCodeUnits);
  if (levels.length < 2 || levels.length > MAX_LEVELS)
    throw new AnalysisInputError(
      `Column "${name}" is text with ${levels.length} different values; a moderator or predictor must be numeric or have 2 to ${MAX_LEVELS} values`,
    );
  if (levels.length === 2) {
    const one = levels[1]!;
    for (let k = 0; k < text.length; k++) values[k] = isMissing(text[k]!) ? NaN : text[k] === one ? 1 : 0;
    return { values, codedOne: one };
  }
  const index = new Map(levels.map((l, i) => [l, i]));
  for (let k = 0; k < text.length; k++) values[k] = isMissing(text[k]!) ? NaN : index.get(text[k]!)!;
  return { values, levels };
}
