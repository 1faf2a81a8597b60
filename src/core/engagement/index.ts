import { z } from 'zod';
import { PairingEndReason } from '../pairings';
import { WithdrawalReason } from '../participants';
import { Channel, DateOn, TimeOfDay } from '../shared/vocab';
import { Weekday } from '../shared/time';
import { reachWindowFields } from './reach-window';
import { ladderPosition, ladderSteps, type LadderFacts, type LadderRules } from './ladder';
import {
  frequencyCategories,
  groupMeasures,
  pairMeasures,
  type MeasureRules,
  type PairCounts,
  type PairMeasures,
} from './measures';

export * from '../shared/time';
export * from './ladder';
export * from './best-time';
export * from './measures';
export * from './reach-window';
export * from './scheduling';
export * from './mail';
export * from './charts';
export * from './cohort';

/** A coach's own preferences for how staff and participants reach him or her. */
export const CoachPreferences = z.object({
  preferredChannel: Channel,
  preferredTimes: z.array(TimeOfDay).max(3),
  contactNotes: z.string().trim().max(500),
  ...reachWindowFields,
});
export const CoachPreferencesUpdate = CoachPreferences.partial();
export type CoachPreferencesUpdate = z.infer<typeof CoachPreferencesUpdate>;
export const CoachPreferencesView = CoachPreferences.extend({ coachId: z.uuid() });
export type CoachPreferencesView = z.infer<typeof CoachPreferencesView>;

/** What staff learn on a check-in call (issue #3; ECLIPSE §6.7 "barrier category"). */
export const checkInFindings = [
  'wrong_number',
  'lost_interest',
  'coach_unavailable',
  'busy_season',
  'health_problem',
  'other',
] as const;
export const CheckInFinding = z.enum(checkInFindings);
export type CheckInFinding = z.infer<typeof CheckInFinding>;

/**
 * A staff check-in call. Reaching neither the participant nor the coach ("reached no one", issue
 * #16) is a call made all the same: what was learnt is then optional (a wrong number, say).
 */
export const CheckInCallInput = z
  .object({
    reachedParticipant: z.boolean(),
    reachedCoach: z.boolean(),
    findings: z
      .array(CheckInFinding)
      .max(checkInFindings.length)
      .refine((fs) => new Set(fs).size === fs.length, 'Name each finding once'),
    note: z.string().trim().max(2000).default(''),
  })
  .refine((c) => !(c.reachedParticipant || c.reachedCoach) || c.findings.length > 0, {
    message: 'Choose at least one',
    path: ['findings'],
  })
  .refine((c) => !c.findings.includes('other') || c.note.length > 0, {
    message: 'Say what "other" was',
    path: ['note'],
  });
export type CheckInCallInput = z.infer<typeof CheckInCallInput>;

/** The ladder event's outcome for a check-in call: someone was reached, or no one (ADR 0035). */
export function checkInOutcome(c: Pick<CheckInCallInput, 'reachedParticipant' | 'reachedCoach'>): 'called' | 'reached_no_one' {
  return c.reachedParticipant || c.reachedCoach ? 'called' : 'reached_no_one';
}

/** Whom staff call on a check-in call, with the numbers to call (a read of personal data). */
export const CheckInCallView = z.object({
  pairingId: z.uuid(),
  participant: z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable() }),
  coach: z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable() }),
});
export type CheckInCallView = z.infer<typeof CheckInCallView>;

/** The coordinator's decision when a pair stays quiet: re-pair, pause or withdraw, each with a reason. */
export const DecisionInput = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('re_pair'), reason: PairingEndReason, note: z.string().trim().max(2000).default('') }),
  z.object({
    outcome: z.literal('pause'),
    until: DateOn,
    note: z.string().trim().min(3, 'Say why the pair pauses').max(2000),
  }),
  z.object({ outcome: z.literal('withdraw'), reason: WithdrawalReason, note: z.string().trim().max(2000).default('') }),
]);
export type DecisionInput = z.infer<typeof DecisionInput>;
export const decisionOutcomes = ['re_pair', 'pause', 'withdraw'] as const;

export const LadderEventView = z.object({
  id: z.uuid(),
  pairingId: z.uuid(),
  participantId: z.uuid(),
  step: z.enum(['reminder', 'check_in', 'decision']),
  episodeStartedAt: z.string(),
  firedAt: z.string(),
  actedBy: z.string().nullable(),
  actedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  reachedParticipant: z.boolean().nullable(),
  reachedCoach: z.boolean().nullable(),
  findings: z.array(CheckInFinding),
  reason: z.string().nullable(),
  pausedUntil: z.string().nullable(),
  note: z.string(),
});
export type LadderEventView = z.infer<typeof LadderEventView>;

export const BestTimesView = z.object({
  timeZone: z.string(),
  ownAttempts: z.int(),
  pausedUntil: z.string().nullable(),
  suggestions: z.array(
    z.object({
      weekday: Weekday,
      band: TimeOfDay,
      from: z.string(),
      to: z.string(),
      nextOn: z.string(),
      score: z.number(),
      own: z.object({ attempts: z.int(), answered: z.int() }),
      reason: z.string(),
    }),
  ),
});
export type BestTimesView = z.infer<typeof BestTimesView>;

const FrequencyCategory = z.enum(frequencyCategories);
export const ladderStates = [...ladderSteps, 'none', 'paused'] as const;
export const LadderStateView = z.enum(ladderStates);

export const PairMeasuresView = z.object({
  reached: z.int(),
  attempts: z.int(),
  participantReached: z.int(),
  reachedOutsideWindow: z.int(),
  participantAttempts: z.int(),
  reachRate: z.number().nullable(),
  daysSinceReached: z.int().nullable(),
  activeDays: z.int(),
  projectedReached: z.int(),
  isAdherent: z.boolean(),
  isOnCourse: z.boolean(),
  frequency: FrequencyCategory.nullable(),
});

/** One active pair in "Pairs that need help". */
export const PairHelpView = z.object({
  pairingId: z.uuid(),
  participantId: z.uuid(),
  participantName: z.string(),
  coachId: z.uuid(),
  coachName: z.string(),
  pairedAt: z.string(),
  lastReachedAt: z.string().nullable(),
  /** Days since the last reached contact, or since pairing when never reached. */
  daysQuiet: z.int(),
  attemptsSince: z.int(),
  step: LadderStateView,
  /** When the current step fell due. */
  stepSince: z.string().nullable(),
  pausedUntil: z.string().nullable(),
  checkInRecordedAt: z.string().nullable(),
  /** What staff should do next, if anything. */
  nextAction: z.enum(['check_in', 'decision']).nullable(),
  coachActivity: z.object({ attempts: z.int(), reached: z.int(), days: z.int() }),
  measures: PairMeasuresView,
});
export type PairHelpView = z.infer<typeof PairHelpView>;

export const pairSorts = ['urgency', 'days_quiet', 'attempts', 'coach_activity', 'participant', 'coach'] as const;
/** The most pairs one page of "Pairs that need help" holds, and how many it holds unless asked. */
export const PAIRS_PAGE_MAX = 200;
export const PAIRS_PAGE_DEFAULT = 50;
export const PairsQuery = z.object({
  step: z.enum([...ladderStates, 'needs_help']).optional(),
  coachId: z.uuid().optional(),
  /** One pair (the check-in and decision pages read their pair this way). */
  pairingId: z.uuid().optional(),
  sort: z.enum(pairSorts).default('urgency'),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(PAIRS_PAGE_MAX).default(PAIRS_PAGE_DEFAULT),
  /** Pairs to skip: the page's first pair is number offset + 1 of the whole ordered list. */
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type PairsQuery = z.infer<typeof PairsQuery>;
export type PairsOrder = Pick<PairsQuery, 'step' | 'coachId' | 'sort' | 'order'>;

/** How many active pairs stand on each step (over the coach filter, whatever the step filter). */
export const PairStepCounts = z.object(
  Object.fromEntries(ladderStates.map((s) => [s, z.int()])) as Record<(typeof ladderStates)[number], z.ZodInt>,
);
export type PairStepCounts = z.infer<typeof PairStepCounts>;

/** One page of "Pairs that need help": the pairs, where the page starts, and how many match in all. */
export const PairsPageView = z.object({
  pairs: z.array(PairHelpView),
  offset: z.int(),
  limit: z.int(),
  /** Pairs matching the filters, over all pages. */
  total: z.int(),
  counts: PairStepCounts,
});
export type PairsPageView = z.infer<typeof PairsPageView>;

/** The pairs matching a step filter, from the counts per step. */
export function pairsMatching(counts: PairStepCounts, step: PairsQuery['step']): number {
  if (step === undefined) return ladderStates.reduce((n, s) => n + counts[s], 0);
  if (step === 'needs_help') return counts.reminder + counts.check_in + counts.decision;
  return counts[step];
}

const urgency: Record<z.infer<typeof LadderStateView>, number> = {
  decision: 0,
  check_in: 1,
  reminder: 2,
  first_contact: 3,
  none: 4,
  paused: 5,
};

/** One collator for every name comparison: several times faster than `localeCompare` on thousands of pairs. */
const collator = new Intl.Collator('en');

/**
 * Filters and sorts pairs for "Pairs that need help"; the default puts the most urgent first. The
 * server now does this in SQL a page at a time (pairs.repository.ts, ADR 0048); this is the
 * reference order its property test compares against.
 */
export function sortPairs(pairs: readonly PairHelpView[], q: PairsOrder): PairHelpView[] {
  const needsHelp = (p: PairHelpView) => p.step === 'reminder' || p.step === 'check_in' || p.step === 'decision';
  const list = pairs.filter(
    (p) =>
      (q.step === undefined || (q.step === 'needs_help' ? needsHelp(p) : p.step === q.step)) &&
      (q.coachId === undefined || p.coachId === q.coachId),
  );
  const byName = collator.compare;
  const key: Record<PairsOrder['sort'], (a: PairHelpView, b: PairHelpView) => number> = {
    urgency: (a, b) => urgency[a.step] - urgency[b.step] || b.daysQuiet - a.daysQuiet,
    days_quiet: (a, b) => a.daysQuiet - b.daysQuiet,
    attempts: (a, b) => a.attemptsSince - b.attemptsSince,
    coach_activity: (a, b) => a.coachActivity.attempts - b.coachActivity.attempts,
    participant: (a, b) => byName(a.participantName, b.participantName),
    coach: (a, b) => byName(a.coachName, b.coachName),
  };
  // Numbers read best largest first, names A to Z; urgency is already most urgent first.
  const defaultDesc = q.sort === 'days_quiet' || q.sort === 'attempts';
  const desc = q.order === undefined ? defaultDesc : q.order === 'desc';
  const cmp = key[q.sort];
  return [...list].sort((a, b) => (desc ? -cmp(a, b) : cmp(a, b)) || byName(a.participantName, b.participantName));
}

const GroupMeasuresView = z.object({
  pairs: z.int(),
  reached: z.int(),
  attempts: z.int(),
  reachRate: z.number().nullable(),
  medianDaysSinceReached: z.number().nullable(),
  neverReached: z.int(),
  adherent: z.int(),
  onCourse: z.int(),
  frequency: z.object({
    weekly: z.int(),
    twice_monthly: z.int(),
    monthly: z.int(),
    less_than_monthly: z.int(),
    too_early: z.int(),
  }),
  funnel: z.object({ paired: z.int(), firstContact: z.int(), halfTarget: z.int(), target: z.int() }),
});

/** The live measures on the program overview: the program and each coach's caseload. */
export const EngagementOverview = z.object({
  program: GroupMeasuresView,
  ladder: z.object({ reminder: z.int(), check_in: z.int(), decision: z.int(), paused: z.int() }),
  coaches: z.array(
    GroupMeasuresView.extend({
      coachId: z.uuid(),
      /** Null for evaluators, who see no names. */
      name: z.string().nullable(),
    }),
  ),
});
export type EngagementOverview = z.infer<typeof EngagementOverview>;

/** One active pair as the overview reads it. */
export interface OverviewPair extends LadderFacts, PairCounts {
  coachId: string;
  /** Null when the caller may not see names. */
  coachName: string | null;
}

/** The program's and each coach's live measures, and how many pairs stand on each ladder step. */
export function engagementOverview(
  pairs: readonly OverviewPair[],
  rules: LadderRules & MeasureRules,
  now: Date,
): EngagementOverview {
  const ladder = { reminder: 0, check_in: 0, decision: 0, paused: 0 };
  const byCoach = new Map<string, { name: string | null; measures: PairMeasures[] }>();
  const all: PairMeasures[] = [];
  for (const p of pairs) {
    const state = ladderPosition(p, rules, now).state;
    if (state === 'reminder' || state === 'check_in' || state === 'decision' || state === 'paused') ladder[state]++;
    const m = pairMeasures(p, rules, now);
    all.push(m);
    const c = byCoach.get(p.coachId) ?? { name: p.coachName, measures: [] };
    c.measures.push(m);
    byCoach.set(p.coachId, c);
  }
  const coaches = [...byCoach.entries()]
    .map(([coachId, c]) => ({ coachId, name: c.name, ...groupMeasures(c.measures, rules) }))
    .sort((a, b) => (a.name ?? a.coachId).localeCompare(b.name ?? b.coachId));
  return { program: groupMeasures(all, rules, 'program'), ladder, coaches };
}
