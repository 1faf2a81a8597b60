import { daysBetween } from '../shared/time';

/**
 * Live engagement measures per pair, per coach and per program (issue #3; ECLIPSE fidelity report,
 * /work/shared/domain/ECLIPSE-and-instruments.md §1.10, §6.4, §6.5). Thresholds are recorded in
 * docs/decisions/0008-meeting-frequency.md.
 */

/** ECLIPSE's meeting-frequency categories, from reached contacts per month of the pair's active days. */
export const frequencyCategories = ['weekly', 'twice_monthly', 'monthly', 'less_than_monthly'] as const;
export type FrequencyCategory = (typeof frequencyCategories)[number];

/** Average days in a month (365.25 / 12). */
export const DAYS_PER_MONTH = 30.44;
/** Fewer active days than this is too early to name a frequency (one contact in week one is not "weekly"). */
export const MIN_DAYS_FOR_FREQUENCY = 28;
/** The shortest span a projection's rate is taken over. */
export const MIN_DAYS_FOR_RATE = 14;

/**
 * The category of `reached` contacts over `activeDays`: weekly at 4 or more a month, twice a month
 * at 2 to under 4, monthly at 1 to under 2, less than monthly below 1; null while too early.
 */
export function frequencyCategory(reached: number, activeDays: number): FrequencyCategory | null {
  if (activeDays < MIN_DAYS_FOR_FREQUENCY) return null;
  const perMonth = reached / (activeDays / DAYS_PER_MONTH);
  if (perMonth >= 4) return 'weekly';
  if (perMonth >= 2) return 'twice_monthly';
  if (perMonth >= 1) return 'monthly';
  return 'less_than_monthly';
}

export interface MeasureRules {
  lengthDays: number;
  targetContacts: number;
}

/** The facts the measures read about one active pair. */
export interface PairCounts {
  interventionStartedAt: Date;
  /** Reached contacts and all attempts in this pairing (the coach's work). */
  reachedCount: number;
  attemptCount: number;
  /** Reached contacts of the participant across all pairings inside the intervention window (the dose). */
  participantReached: number;
  /** Reached contacts of the participant after the window closed: logged, shown, not counted (ADR 0023). */
  participantReachedOutside: number;
  /** Attempts of the participant across all pairings (the program's figures count every pairing). */
  participantAttempts: number;
  lastReachedAt: Date | null;
}

export interface PairMeasures {
  reached: number;
  attempts: number;
  /** The participant's reached contacts across all pairings inside the window (the dose toward the target). */
  participantReached: number;
  /** The participant's reached contacts after the window: not part of the dose. */
  reachedOutsideWindow: number;
  /** The participant's attempts across all pairings. */
  participantAttempts: number;
  /** Reached ÷ attempts in this pairing, or null before any attempt. */
  reachRate: number | null;
  daysSinceReached: number | null;
  /** Days of the intervention so far (from the first pairing, up to its end). */
  activeDays: number;
  /** The participant's reached contacts by the end of the intervention at the current rate. */
  projectedReached: number;
  /** Reached the program's target (12) already. */
  isAdherent: boolean;
  /** On course to reach the target by the end at the current rate. */
  isOnCourse: boolean;
  frequency: FrequencyCategory | null;
}

/** The measures of one pair at `now`. */
export function pairMeasures(p: PairCounts, rules: MeasureRules, now: Date): PairMeasures {
  const activeDays = Math.max(0, Math.min(rules.lengthDays, (now.getTime() - p.interventionStartedAt.getTime()) / 86_400_000));
  const remaining = rules.lengthDays - activeDays;
  // The rate is taken over two weeks at least, so one contact on day one does not project to 182.
  const rate = p.participantReached / Math.max(activeDays, MIN_DAYS_FOR_RATE);
  const projectedReached = Math.round(p.participantReached + rate * remaining);
  return {
    reached: p.reachedCount,
    attempts: p.attemptCount,
    participantReached: p.participantReached,
    reachedOutsideWindow: p.participantReachedOutside,
    participantAttempts: p.participantAttempts,
    reachRate: p.attemptCount > 0 ? p.reachedCount / p.attemptCount : null,
    daysSinceReached: p.lastReachedAt ? daysBetween(p.lastReachedAt, now) : null,
    activeDays: Math.floor(activeDays),
    projectedReached,
    isAdherent: p.participantReached >= rules.targetContacts,
    isOnCourse: p.participantReached >= rules.targetContacts || projectedReached >= rules.targetContacts,
    frequency: frequencyCategory(p.participantReached, Math.floor(activeDays)),
  };
}

/** Measures summed over a group of pairs: a coach's caseload or the whole program. */
export interface GroupMeasures {
  pairs: number;
  reached: number;
  attempts: number;
  reachRate: number | null;
  /** Median days since the last reached contact, over pairs reached at least once. */
  medianDaysSinceReached: number | null;
  neverReached: number;
  adherent: number;
  onCourse: number;
  frequency: Record<FrequencyCategory | 'too_early', number>;
  /** Pairs with at least one, at least half the target and at least the target of reached contacts. */
  funnel: { paired: number; firstContact: number; halfTarget: number; target: number };
}

/**
 * Sums pair measures into one group's measures. A coach's figures count his or her own pairings'
 * contacts; the program's (`scope: 'program'`) count every pairing of its participants, so the
 * contacts with a first coach stay in the totals after a change of coach.
 */
export function groupMeasures(
  pairs: readonly PairMeasures[],
  rules: MeasureRules,
  scope: 'coach' | 'program' = 'coach',
): GroupMeasures {
  const isProgram = scope === 'program';
  const reached = pairs.reduce((s, p) => s + (isProgram ? p.participantReached + p.reachedOutsideWindow : p.reached), 0);
  const attempts = pairs.reduce((s, p) => s + (isProgram ? p.participantAttempts : p.attempts), 0);
  const days = pairs.flatMap((p) => (p.daysSinceReached === null ? [] : [p.daysSinceReached])).sort((a, b) => a - b);
  const frequency = { weekly: 0, twice_monthly: 0, monthly: 0, less_than_monthly: 0, too_early: 0 };
  for (const p of pairs) frequency[p.frequency ?? 'too_early']++;
  const half = Math.ceil(rules.targetContacts / 2);
  const dose = pairs.map((p) => p.participantReached);
  return {
    pairs: pairs.length,
    reached,
    attempts,
    reachRate: attempts > 0 ? reached / attempts : null,
    medianDaysSinceReached: median(days),
    neverReached: pairs.length - days.length,
    adherent: pairs.filter((p) => p.isAdherent).length,
    onCourse: pairs.filter((p) => p.isOnCourse).length,
    frequency,
    funnel: {
      paired: pairs.length,
      firstContact: dose.filter((n) => n >= 1).length,
      halfTarget: dose.filter((n) => n >= half).length,
      target: dose.filter((n) => n >= rules.targetContacts).length,
    },
  };
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
