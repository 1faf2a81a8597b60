import { z } from 'zod';
import { PEG_ITEMS, scorePeg } from '../instruments/peg';
import { DateOn } from '../shared/vocab';

/*
 * Keeping coaches (#6, ADR 0016): monthly booster sessions and the "booster due" rule, the coach's
 * own monthly well-being check-in and the "worsening" rule, thanks from participants and the
 * coach's impact. Pure: no I/O.
 */

// ---------------------------------------------------------------------------------------------
// Boosters

export const BoosterInput = z.object({
  heldOn: DateOn,
  topic: z.string().trim().min(3, 'Say what the session is about').max(200),
});
export type BoosterInput = z.infer<typeof BoosterInput>;

export const BoosterAttendanceInput = z.object({
  /** Every coach who attended; the others missed it. */
  coachIds: z.array(z.uuid()).max(500),
});
export type BoosterAttendanceInput = z.infer<typeof BoosterAttendanceInput>;

/** A booster session as the rule reads it. */
export interface BoosterFact {
  heldOn: string;
  /** Attendance was recorded: only then does an absence count as missed. */
  isRecorded: boolean;
  attended: ReadonlySet<string>;
}

/** How many boosters in a row a coach can miss before the coordinator is asked to follow up. */
export const BOOSTERS_MISSED_FOR_TASK = 2;

export interface BoosterRecord {
  /** Recorded sessions the coach was expected at (held on or after `expectedFrom`, up to today). */
  expected: number;
  attended: number;
  /** Missed since the last one attended (most recent first, recorded sessions only). */
  missedInARow: number;
  /** The dates of the sessions missed in a row, oldest first. */
  missedOn: string[];
  lastAttendedOn: string | null;
  /** Missed two (BOOSTERS_MISSED_FOR_TASK) or more in a row: a "booster due" task. */
  isBoosterDue: boolean;
}

/**
 * A coach's booster record. A coach is expected at every session held from the day he or she could
 * coach (`expectedFrom`: trained, or added) up to today whose attendance has been recorded. The
 * sessions missed in a row are counted back from the latest; attending any later session, such as
 * a one-to-one catch-up the coordinator schedules, resets the count.
 */
export function boosterRecord(
  coachId: string,
  expectedFrom: string,
  sessions: readonly BoosterFact[],
  today: string,
): BoosterRecord {
  const relevant = sessions
    .filter((s) => s.isRecorded && s.heldOn >= expectedFrom && s.heldOn <= today)
    .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));
  let attended = 0;
  let lastAttendedOn: string | null = null;
  const missedOn: string[] = [];
  for (const s of relevant) {
    if (s.attended.has(coachId)) {
      attended++;
      lastAttendedOn = s.heldOn;
      missedOn.length = 0;
    } else {
      missedOn.push(s.heldOn);
    }
  }
  return {
    expected: relevant.length,
    attended,
    missedInARow: missedOn.length,
    missedOn,
    lastAttendedOn,
    isBoosterDue: missedOn.length >= BOOSTERS_MISSED_FOR_TASK,
  };
}

export const BoosterView = z.object({
  id: z.uuid(),
  heldOn: z.string(),
  topic: z.string(),
  isRecorded: z.boolean(),
  attendedCoachIds: z.array(z.uuid()),
});
export type BoosterView = z.infer<typeof BoosterView>;

/** Each coach's training and booster state, for the coordinator. */
export const CoachCareRow = z.object({
  coachId: z.uuid(),
  name: z.string(),
  status: z.enum(['active', 'paused', 'retired']),
  modulesPassed: z.int(),
  modulesTotal: z.int(),
  agreementSigned: z.boolean(),
  isTrained: z.boolean(),
  boostersExpected: z.int(),
  boostersAttended: z.int(),
  boostersMissedInARow: z.int(),
  lastBoosterOn: z.string().nullable(),
  isBoosterDue: z.boolean(),
  /** The month of the last well-being check-in (YYYY-MM), and whether it asks for a call. */
  lastCheckInMonth: z.string().nullable(),
  needsCall: z.boolean(),
});
export type CoachCareRow = z.infer<typeof CoachCareRow>;

export const BoostersPageView = z.object({
  sessions: z.array(BoosterView),
  coaches: z.array(CoachCareRow),
});
export type BoostersPageView = z.infer<typeof BoostersPageView>;

// ---------------------------------------------------------------------------------------------
// Well-being

/** How coaching feels this month (the ECLIPSE coaches' own words: a positive distraction, giving back, or too much). */
export const coachingFeelings = ['positive_distraction', 'giving_back', 'too_much'] as const;
export const CoachingFeeling = z.enum(coachingFeelings);
export type CoachingFeeling = z.infer<typeof CoachingFeeling>;

const Item = z.int().min(0).max(10);

export const CoachCheckInInput = z.object({
  pegPain: Item,
  pegEnjoyment: Item,
  pegActivity: Item,
  /** How stressed the coach has felt this month, 0 (not at all) to 10 (extremely). */
  stress: Item,
  feelings: z
    .array(CoachingFeeling)
    .max(coachingFeelings.length)
    .refine((f) => new Set(f).size === f.length, 'Choose each at most once')
    .default([]),
  note: z.string().trim().max(1000).default(''),
});
export type CoachCheckInInput = z.infer<typeof CoachCheckInInput>;

/** The coach's PEG, scored by the instrument library (mean of the three items; all required). */
export function scoreCoachPeg(i: Pick<CoachCheckInInput, 'pegPain' | 'pegEnjoyment' | 'pegActivity'>): number {
  const [pain, enjoyment, activity] = PEG_ITEMS;
  const total = scorePeg({ [pain]: i.pegPain, [enjoyment]: i.pegEnjoyment, [activity]: i.pegActivity }).total;
  if (total === null) throw new Error('PEG items are required');
  return total;
}

/** What the worsening rule reads of one check-in. */
export interface CheckInFact {
  month: string;
  pegScore: number;
  stress: number;
  feelings: readonly CoachingFeeling[];
}

/** A PEG rise of about 1 point is meaningful (the same threshold as participants' check-ins). */
export const PEG_WORSE_BY = 1;
/** A stress rise of 2 points or more on the 0–10 scale. */
export const STRESS_WORSE_BY = 2;

const points = (n: number) => {
  const r = Math.round(n * 10) / 10;
  return `${r} point${r === 1 ? '' : 's'}`;
};

/**
 * Whether the latest check-in shows a worsening trend, as plain-word signs (empty = none). Signs:
 * "too much" chosen; PEG up 1 point or more, or stress up 2 points or more, against the previous
 * check-in or against the coach's first (baseline). With one check-in only "too much" can count.
 * `history` is the coach's check-ins in any order; the latest is judged.
 */
export function worseningSigns(history: readonly CheckInFact[]): string[] {
  const sorted = [...history].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const latest = sorted.at(-1);
  if (!latest) return [];
  const signs: string[] = [];
  if (latest.feelings.includes('too_much')) signs.push('said coaching feels like too much');
  const previous = sorted.length >= 2 ? sorted.at(-2)! : null;
  const baseline = sorted.length >= 3 ? sorted[0]! : null;
  const rise = (field: 'pegScore' | 'stress', by: number, name: string) => {
    const vsPrevious = previous ? latest[field] - previous[field] : 0;
    const vsBaseline = baseline ? latest[field] - baseline[field] : 0;
    if (vsPrevious >= by - 1e-9) signs.push(`${name} up ${points(vsPrevious)} since last month`);
    else if (vsBaseline >= by - 1e-9) signs.push(`${name} up ${points(vsBaseline)} since the first check-in`);
  };
  rise('pegScore', PEG_WORSE_BY, 'own pain (PEG)');
  rise('stress', STRESS_WORSE_BY, 'stress');
  return signs;
}

export const CoachCheckInView = z.object({
  id: z.uuid(),
  coachId: z.uuid(),
  month: z.string(),
  pegPain: z.int(),
  pegEnjoyment: z.int(),
  pegActivity: z.int(),
  pegScore: z.number(),
  stress: z.int(),
  feelings: z.array(CoachingFeeling),
  note: z.string(),
  recordedAt: z.string(),
  /** Worsening signs against the check-ins before it (plain words; empty = none). */
  worsening: z.array(z.string()),
  followedUpAt: z.string().nullable(),
  followUpNote: z.string().nullable(),
});
export type CoachCheckInView = z.infer<typeof CoachCheckInView>;

export const CoachWellbeingView = z.object({
  coachId: z.uuid(),
  coachName: z.string(),
  thisMonth: z.string(),
  isDue: z.boolean(),
  /** Newest first. */
  checkIns: z.array(CoachCheckInView),
});
export type CoachWellbeingView = z.infer<typeof CoachWellbeingView>;

export const FollowUpInput = z.object({ note: z.string().trim().min(3, 'Say what was agreed').max(1000) });
export type FollowUpInput = z.infer<typeof FollowUpInput>;

// ---------------------------------------------------------------------------------------------
// Thanks and impact

export const ThanksInput = z.object({
  message: z.string().trim().min(2, 'Write a few words').max(280, 'Keep it under 280 characters'),
});
export type ThanksInput = z.infer<typeof ThanksInput>;

export const ThanksView = z.object({ id: z.uuid(), message: z.string(), createdAt: z.string() });
export type ThanksView = z.infer<typeof ThanksView>;

/** The difference a coach is making, in numbers from contacts, plans and thanks. */
export const CoachImpactView = z.object({
  coachId: z.uuid(),
  coachName: z.string(),
  participantsCoached: z.int(),
  participantsNow: z.int(),
  contacts: z.int(),
  reachedContacts: z.int(),
  minutesTogether: z.int(),
  plansMade: z.int(),
  plansReviewed: z.int(),
  /** Reviewed as done or partly done. */
  plansKept: z.int(),
  thanksReceived: z.int(),
  /** Newest first; without names (a participant may thank in confidence). */
  recentThanks: z.array(ThanksView),
});
export type CoachImpactView = z.infer<typeof CoachImpactView>;

/** The month (YYYY-MM) of a program-local date. */
export const monthOf = (dateOn: string): string => dateOn.slice(0, 7);

/** A month in words, for people ("December 2026"), from a month key or a date ("2026-12", "2026-12-01"). */
export function monthWords(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year!, m! - 1, 1)).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
