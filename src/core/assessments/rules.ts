import { DAY_MS } from '../shared/time';

/**
 * Whether a questionnaire has at least one answer: a number, or text that is not only spaces. A
 * response with every item blank is refused, not saved as if the person had answered (issue #10).
 */
export function hasAnyAnswer(answers: Readonly<Record<string, number | string>>): boolean {
  return Object.values(answers).some((v) => typeof v === 'number' || v.trim() !== '');
}

/** The refusal's words, for staff entering answers during a call. */
export const NO_ANSWERS_MESSAGE =
  'Every question was left blank. Enter at least one answer, or leave this questionnaire for now.';

/** How long a one-time link stays valid at most; it also ends when the assessment window closes. */
export const LINK_VALID_DAYS = 14;

/** When a link made at `createdAt` expires: 14 days later or when the window closes, whichever is first. */
export function linkExpiry(createdAt: Date, windowClosesAt: Date | null): Date {
  const cap = new Date(createdAt.getTime() + LINK_VALID_DAYS * DAY_MS);
  return windowClosesAt && windowClosesAt.getTime() < cap.getTime() ? windowClosesAt : cap;
}

export type LinkState = 'open' | 'expired' | 'used' | 'revoked';

/** Where a link stands at `now`: used (submitted) and revoked win over expired. */
export function linkState(link: { expiresAt: Date; completedAt: Date | null; revokedAt: Date | null }, now: Date): LinkState {
  if (link.completedAt) return 'used';
  if (link.revokedAt) return 'revoked';
  if (now.getTime() >= link.expiresAt.getTime()) return 'expired';
  return 'open';
}

/** A five-number summary of scores (linear interpolation between order statistics, as R's type 7). */
export interface Distribution {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
}

function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The distribution of a set of scores, or null when there are none. */
export function distributionOf(values: readonly number[]): Distribution | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1: round2(quantile(sorted, 0.25)),
    median: round2(quantile(sorted, 0.5)),
    q3: round2(quantile(sorted, 0.75)),
    max: sorted[sorted.length - 1]!,
    mean: round2(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

/** Counts of each band code (null severity counted as "unbanded"), in the bands' order. */
export function bandCounts(bands: readonly { code: string }[], severities: readonly (string | null)[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(bands.map((b) => [b.code, 0]));
  for (const s of severities) if (s !== null && s in out) out[s]! += 1;
  return out;
}

/** A reminder goes out this many days before an unopened e-mailed link expires. */
export const LINK_REMINDER_DAYS_BEFORE = 3;

/**
 * Whether an e-mailed link that was never opened is due its one reminder at `now`: from 3 days before
 * it expires until it expires, still open (not used, replaced or expired), not yet reminded, and only
 * if that moment is at least a day after the link was made (a link that lives only a few days, because
 * its window closes soon, is not followed at once by a reminder).
 */
export function linkReminderDue(
  link: {
    createdAt: Date;
    expiresAt: Date;
    completedAt: Date | null;
    revokedAt: Date | null;
    emailed: boolean;
    openedAt: Date | null;
    remindedAt: Date | null;
  },
  now: Date,
): boolean {
  if (!link.emailed || link.openedAt || link.remindedAt || linkState(link, now) !== 'open') return false;
  const remindFrom = link.expiresAt.getTime() - LINK_REMINDER_DAYS_BEFORE * DAY_MS;
  return now.getTime() >= remindFrom && remindFrom >= link.createdAt.getTime() + DAY_MS;
}
