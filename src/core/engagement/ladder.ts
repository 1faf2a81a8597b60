import { z } from 'zod';
import { addDays, zonedMidnight } from '../shared/time';
import { wholeDays } from '../shared/vocab';

/**
 * The escalation ladder: what happens when a pair goes quiet. Each step is derived from the data
 * (pairing start, last reached contact, the participant's pause) at the current time, never
 * scheduled; a reached contact starts a new episode, so the steps of the old one resolve by
 * themselves. Defaults follow issue #3 and the ECLIPSE protocol cadence (14 days); the staff
 * check-in call follows ECLIPSE's "staff check-in calls when pairs had not made contact"
 * (Springer 2020, see /work/shared/domain/ECLIPSE-and-instruments.md §1.8 and §6.7).
 */

/** The four steps, in order. `first_contact` is the pairing itself: the coach's first task. */
export const ladderSteps = ['first_contact', 'reminder', 'check_in', 'decision'] as const;
export type LadderStep = (typeof ladderSteps)[number];
/** The steps that are recorded as events when they fire (the first is the pairing itself). */
export const recordedSteps = ['reminder', 'check_in', 'decision'] as const;
export type RecordedStep = (typeof recordedSteps)[number];

/** Where a pair is: on a step, on track (`none`), paused by the participant, or past the program's end. */
export type LadderState = LadderStep | 'none' | 'paused' | 'ended';

export const LadderSettings = z
  .object({
    /** Days after pairing (or after a pause) by which the coach should make the first contact. */
    firstContactDays: wholeDays(1, 60),
    /** Days after pairing without a reached contact before the coach gets a reminder. */
    reminderDays: wholeDays(1, 90),
    /** Days past the cadence without a reached contact before staff call the pair. */
    checkInGraceDays: wholeDays(0, 120),
    /** Days past the cadence without a reached contact before staff decide: re-pair, pause or withdraw. */
    decisionGraceDays: wholeDays(1, 180),
  })
  .refine((l) => l.reminderDays >= l.firstContactDays, {
    message: 'The reminder cannot come before the first contact is due. Use the same number of days or more.',
    path: ['reminderDays'],
  })
  .refine((l) => l.decisionGraceDays > l.checkInGraceDays, {
    message: 'The decision comes after the staff call. Use more days than for the call.',
    path: ['decisionGraceDays'],
  });
export type LadderSettings = z.infer<typeof LadderSettings>;

/** Issue #3: first contact within 3 days, reminder at 7, check-in at cadence + 7, decision at cadence + 21. */
export const DEFAULT_LADDER: LadderSettings = {
  firstContactDays: 3,
  reminderDays: 7,
  checkInGraceDays: 7,
  decisionGraceDays: 21,
};

/** The program settings the ladder reads. */
export interface LadderRules {
  cadenceDays: number;
  lengthDays: number;
  timeZone: string;
  ladder: LadderSettings;
}

/** A coordinator's recorded action on a step (a check-in call, a decision) in one episode. */
export interface ActedStep {
  step: RecordedStep;
  episodeStartedAt: Date;
}

/** The facts about one active pairing that the ladder reads. */
export interface LadderFacts {
  startedAt: Date;
  /** When the participant's intervention began (the first pairing); the program length counts from here. */
  interventionStartedAt: Date;
  /** The last reached contact in this pairing. */
  lastReachedAt: Date | null;
  /** The participant asked not to be contacted before this local date (YYYY-MM-DD), or null. */
  contactPausedUntil: string | null;
  /** Steps a coordinator has acted on (any episode; only the current episode's count). */
  acted: readonly ActedStep[];
}

export interface LadderPosition {
  state: LadderState;
  /** The quiet clock starts here: the last reached contact, the pairing, or the end of a pause. */
  episodeStartedAt: Date;
  /** True when no reached contact has happened since the pairing or since the pause ended. */
  isFresh: boolean;
  /** When the pause ends (local midnight of the pause date), while the participant is paused. */
  resumesAt: Date | null;
  contactDueAt: Date;
  /** When each recorded step falls due in this episode. */
  dueAt: Record<RecordedStep, Date>;
  /** The recorded steps whose time has come in this episode, in order. */
  fired: RecordedStep[];
  isCheckInRecorded: boolean;
  isDecisionRecorded: boolean;
  interventionEndsAt: Date;
}

/** Where a pair stands on the ladder at `now`. */
export function ladderPosition(f: LadderFacts, rules: LadderRules, now: Date): LadderPosition {
  const { ladder, cadenceDays } = rules;
  const base = f.lastReachedAt ?? f.startedAt;
  const resume = f.contactPausedUntil ? zonedMidnight(f.contactPausedUntil, rules.timeZone) : null;
  const isPaused = resume !== null && now.getTime() < resume.getTime();
  // A pause that ended after the last reached contact restarts the clock like a new pairing.
  const resumed = resume !== null && resume.getTime() > base.getTime();
  const episodeStartedAt = resumed ? resume : base;
  const isFresh = f.lastReachedAt === null || resumed;
  const contactDueAt = addDays(episodeStartedAt, isFresh ? ladder.firstContactDays : cadenceDays);
  const dueAt: Record<RecordedStep, Date> = {
    reminder: addDays(episodeStartedAt, isFresh ? ladder.reminderDays : cadenceDays),
    check_in: addDays(episodeStartedAt, cadenceDays + ladder.checkInGraceDays),
    decision: addDays(episodeStartedAt, cadenceDays + ladder.decisionGraceDays),
  };
  const interventionEndsAt = addDays(f.interventionStartedAt, rules.lengthDays);
  const isEnded = now.getTime() >= interventionEndsAt.getTime();
  const fired = isEnded || isPaused ? [] : recordedSteps.filter((s) => now.getTime() >= dueAt[s].getTime());
  const isActed = (step: RecordedStep) =>
    f.acted.some((a) => a.step === step && a.episodeStartedAt.getTime() === episodeStartedAt.getTime());
  const state: LadderState = isEnded
    ? 'ended'
    : isPaused
      ? 'paused'
      : (fired[fired.length - 1] ?? (isFresh ? 'first_contact' : 'none'));
  return {
    state,
    episodeStartedAt,
    isFresh,
    resumesAt: isPaused ? resume : null,
    contactDueAt,
    dueAt,
    fired,
    isCheckInRecorded: isActed('check_in'),
    isDecisionRecorded: isActed('decision'),
    interventionEndsAt,
  };
}

/** Plain-word tips for reaching people, shown with the coach's reminder (and in its e-mail). */
export const REACHING_TIPS: readonly string[] = [
  'Try a different time of day; the suggested times on their record show when calls get answered.',
  'Leave a short, friendly voicemail saying who you are and when you will try again.',
  'Send a text first to agree a time, if they prefer texts.',
  'Check the days and times they said suit them, and any pause they asked for.',
  'If nothing works, tell your coordinator: staff can call to check in.',
];
