import type { Answers } from './answers';

/** Safety flags a score can raise; each one must reach a person (issue #5, safety). */
export const safetyFlags = ['suicidal_ideation'] as const;
export type SafetyFlag = (typeof safetyFlags)[number];

/**
 * The score of one response. `total` is null when the authors' missing-item rule (or ours, where
 * they publish none) says the response cannot be scored; `complete` is then false. Subscales are
 * always listed, null when unscorable. `flags` are raised from the answers even when the total is not.
 */
export interface ScoreResult {
  instrument: string;
  total: number | null;
  subscales: Record<string, number | null>;
  severity: string | null;
  complete: boolean;
  flags: SafetyFlag[];
}

/** A named band of scores, both ends included. */
export interface Band {
  code: string;
  min: number;
  max: number;
}

export interface Range {
  min: number;
  max: number;
}

/** The band a score falls in, or null when it is outside every band. */
export function bandOf(bands: readonly Band[], value: number | null): string | null {
  if (value === null) return null;
  return bands.find((b) => value >= b.min && value <= b.max)?.code ?? null;
}

/** The scored values of the listed items that were answered (unanswered items are left out). */
export function answeredValues(answers: Answers, linkIds: readonly string[]): number[] {
  return linkIds.map((id) => answers[id]).filter((v): v is number => typeof v === 'number');
}

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * A summed score with mean substitution: each missing item is replaced by the mean of the answered
 * ones, i.e. sum × items / answered, rounded to the nearest whole number (halves up). Null when more
 * than `maxMissing` items are missing.
 */
export function proratedSum(values: readonly number[], itemCount: number, maxMissing: number): number | null {
  if (values.length === 0 || itemCount - values.length > maxMissing) return null;
  if (values.length === itemCount) return sum(values);
  return Math.round((sum(values) * itemCount) / values.length);
}

/** The mean of the answered values, or null when fewer than `minAnswered` were answered. */
export function meanOfAnswered(values: readonly number[], minAnswered: number): number | null {
  if (values.length === 0 || values.length < minAnswered) return null;
  return sum(values) / values.length;
}

/** Builds a result whose `complete` follows from the total, so the two can never disagree. */
export function result(
  instrument: string,
  total: number | null,
  parts: { subscales?: Record<string, number | null>; severity?: string | null; flags?: SafetyFlag[] } = {},
): ScoreResult {
  return {
    instrument,
    total,
    subscales: parts.subscales ?? {},
    severity: parts.severity ?? null,
    complete: total !== null,
    flags: parts.flags ?? [],
  };
}
