import { z } from 'zod';
import { DAY_MS } from '../shared/time';
import { frequencyCategories, frequencyCategory, type FrequencyCategory, type MeasureRules } from './measures';

/**
 * The cohort report (issue #12; ADR 0008's promise, ADR 0023): each participant's engagement as of
 * his or her end date — completed and withdrawn participants keep their figures — counted only
 * inside the intervention window (first pairing + program length). Pure: the caller passes `now`.
 */

/** A pseudonymous code for a coach in reports: program-unique, by the order coaches were added. */
export function coachCode(sequence: number): string {
  return `C-${String(sequence).padStart(4, '0')}`;
}

/** The intervention window: from the participant's first pairing for the program's length (end excluded). */
export function interventionWindow(firstPairedAt: Date, lengthDays: number): { start: Date; end: Date } {
  return { start: firstPairedAt, end: new Date(firstPairedAt.getTime() + lengthDays * DAY_MS) };
}

/** The instant figures are taken at: now, or the participant's end (completion or withdrawal) when earlier. */
export function asOfInstant(now: Date, endedAt: Date | null): Date {
  return endedAt && endedAt.getTime() < now.getTime() ? endedAt : now;
}

/** How long before the first pairing a contact still counts (the grace `isInWindow` has always allowed). */
const EARLY_MS = 10 * 60_000;

/** Whether a contact at `at` counts toward the dose: inside the window and not after the participant's end. */
export function isInWindow(at: Date, window: { start: Date; end: Date }, asOf: Date): boolean {
  const t = at.getTime();
  return t >= window.start.getTime() - EARLY_MS && t < window.end.getTime() && t <= asOf.getTime();
}

/**
 * The same rule as `isInWindow` as three instants, for a database to count with: a contact counts
 * when `from` ≤ its time < `before` and its time ≤ `upTo`.
 */
export function countingBounds(
  f: Pick<CohortFacts, 'firstPairedAt' | 'endedAt'>,
  lengthDays: number,
  now: Date,
): { from: Date; before: Date; upTo: Date } {
  const window = interventionWindow(f.firstPairedAt, lengthDays);
  return { from: new Date(window.start.getTime() - EARLY_MS), before: window.end, upTo: asOfInstant(now, f.endedAt) };
}

/** What the cohort report reads about one participant who was ever paired. */
export interface CohortFacts {
  participantId: string;
  code: string;
  status: string;
  firstPairedAt: Date;
  /** The program's local date the participant completed or withdrew, or null while still in the program. */
  endedOn: string | null;
  /** The end of that date (the start of the next local day), or null. */
  endedAt: Date | null;
  /** The coach of the latest pairing. */
  coachId: string;
  /** When each reached contact happened, across all pairings. */
  reachedAt: readonly Date[];
}

export interface ParticipantEngagement {
  participantId: string;
  code: string;
  status: string;
  coachId: string;
  endedOn: string | null;
  /** When the figures are taken: min(now, end). */
  asOf: Date;
  /** Days of the intervention up to `asOf`, capped at the program length. */
  activeDays: number;
  reachedInWindow: number;
  /** Reached contacts after the window closed (or after the end date): logged, shown, never counted. */
  reachedOutsideWindow: number;
  isAdherent: boolean;
  frequency: FrequencyCategory | null;
}

/** A participant ever paired, without the contacts (counted apart, e.g. by the database). */
export type CohortPerson = Omit<CohortFacts, 'reachedAt'>;

/** A participant's reached contacts, inside the window (as of min(now, end)) and outside it. */
export interface ReachedCounts {
  inWindow: number;
  outside: number;
}

/** One participant's figures as of min(now, end date). */
export function participantEngagement(f: CohortFacts, rules: MeasureRules, now: Date): ParticipantEngagement {
  const asOf = asOfInstant(now, f.endedAt);
  const window = interventionWindow(f.firstPairedAt, rules.lengthDays);
  const inWindow = f.reachedAt.filter((at) => isInWindow(at, window, asOf)).length;
  return engagementFromCounts(f, { inWindow, outside: f.reachedAt.length - inWindow }, rules, now);
}

/** One participant's figures as of min(now, end date), from the counts of his or her reached contacts. */
export function engagementFromCounts(
  f: CohortPerson,
  counts: ReachedCounts,
  rules: MeasureRules,
  now: Date,
): ParticipantEngagement {
  const asOf = asOfInstant(now, f.endedAt);
  const reachedInWindow = counts.inWindow;
  const activeDays = Math.floor(Math.max(0, Math.min(rules.lengthDays, (asOf.getTime() - f.firstPairedAt.getTime()) / DAY_MS)));
  return {
    participantId: f.participantId,
    code: f.code,
    status: f.status,
    coachId: f.coachId,
    endedOn: f.endedOn,
    asOf,
    activeDays,
    reachedInWindow,
    reachedOutsideWindow: counts.outside,
    isAdherent: reachedInWindow >= rules.targetContacts,
    frequency: frequencyCategory(reachedInWindow, activeDays),
  };
}

export interface CohortSummary {
  participants: number;
  reachedInWindow: number;
  reachedOutsideWindow: number;
  adherent: number;
  /** Adherent ÷ participants, or null with none. */
  adherentShare: number | null;
  frequency: Record<FrequencyCategory | 'too_early', number>;
}

/** The program's summary over every participant ever paired. */
export function cohortSummary(rows: readonly ParticipantEngagement[]): CohortSummary {
  const frequency = { weekly: 0, twice_monthly: 0, monthly: 0, less_than_monthly: 0, too_early: 0 };
  for (const r of rows) frequency[r.frequency ?? 'too_early']++;
  const adherent = rows.filter((r) => r.isAdherent).length;
  return {
    participants: rows.length,
    reachedInWindow: rows.reduce((s, r) => s + r.reachedInWindow, 0),
    reachedOutsideWindow: rows.reduce((s, r) => s + r.reachedOutsideWindow, 0),
    adherent,
    adherentShare: rows.length ? adherent / rows.length : null,
    frequency,
  };
}

const FrequencyView = z.enum(frequencyCategories);

export const EngagementReportView = z.object({
  programId: z.uuid(),
  windowDays: z.int(),
  targetContacts: z.int(),
  generatedAt: z.string(),
  summary: z.object({
    participants: z.int(),
    reachedInWindow: z.int(),
    reachedOutsideWindow: z.int(),
    adherent: z.int(),
    adherentShare: z.number().nullable(),
    frequency: z.object({
      weekly: z.int(),
      twice_monthly: z.int(),
      monthly: z.int(),
      less_than_monthly: z.int(),
      too_early: z.int(),
    }),
  }),
  participants: z.array(
    z.object({
      participantCode: z.string(),
      status: z.string(),
      coachCode: z.string(),
      /** The day the participant completed or withdrew (the program's local date), or null. */
      endedOn: z.string().nullable(),
      asOf: z.string(),
      activeDays: z.int(),
      reachedInWindow: z.int(),
      reachedOutsideWindow: z.int(),
      adherent: z.boolean(),
      frequency: FrequencyView.nullable(),
    }),
  ),
});
export type EngagementReportView = z.infer<typeof EngagementReportView>;

/** The engagement report: each participant ever paired (pseudonymous codes), then the summary. */
export function engagementReport(
  facts: readonly CohortFacts[],
  coachCodes: ReadonlyMap<string, string>,
  rules: MeasureRules & { programId: string },
  now: Date,
): EngagementReportView {
  return engagementReportOf(
    facts.map((f) => participantEngagement(f, rules, now)),
    coachCodes,
    rules,
    now,
  );
}

/** The engagement report from each participant's figures (however the contacts were counted). */
export function engagementReportOf(
  figures: readonly ParticipantEngagement[],
  coachCodes: ReadonlyMap<string, string>,
  rules: MeasureRules & { programId: string },
  now: Date,
): EngagementReportView {
  const rows = [...figures].sort((a, b) => a.code.localeCompare(b.code));
  return {
    programId: rules.programId,
    windowDays: rules.lengthDays,
    targetContacts: rules.targetContacts,
    generatedAt: now.toISOString(),
    summary: cohortSummary(rows),
    participants: rows.map((r) => ({
      participantCode: r.code,
      status: r.status,
      coachCode: coachCodes.get(r.coachId) ?? '',
      endedOn: r.endedOn,
      asOf: r.asOf.toISOString(),
      activeDays: r.activeDays,
      reachedInWindow: r.reachedInWindow,
      reachedOutsideWindow: r.reachedOutsideWindow,
      adherent: r.isAdherent,
      frequency: r.frequency,
    })),
  };
}
