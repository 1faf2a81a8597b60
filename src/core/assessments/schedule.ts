import { z } from 'zod';
import { addDaysOn, addMonthsOn, localTimeOf, zonedMidnight, localDateOf } from '../shared/time';

/**
 * The assessment schedule (issue #5, "Assessments on schedule"; docs/decisions/0015-assessments.md).
 * A program sets its timepoints; each participant's schedule follows from the enrolment date, in
 * the program's time zone. Pure: no clock, no I/O.
 */

/** A timepoint's stable key: lower case, digits, underscores (it is stored with every response). */
export const TimepointKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and underscores, starting with a letter');

/** The longest name of a timepoint, shown in the settings form. */
export const TIMEPOINT_LABEL_MAX = 60;

export const Timepoint = z
  .object({
    key: TimepointKey,
    label: z.string().trim().min(1).max(TIMEPOINT_LABEL_MAX),
    /** Months after the enrolment date the assessment is due (0 for baseline). */
    months: z.int().min(0).max(60),
    /**
     * Baseline: the window opens on the enrolment date, is due `windowAfterDays` later and, like
     * every timepoint, stays open `windowAfterDays` after its due date (ADR 0020). Nothing about
     * pairing or coaching moves it, so a blind assessor's view cannot reveal who has a coach.
     */
    isBaseline: z.boolean().default(false),
    /** Days before the due date the window opens (follow-ups). */
    windowBeforeDays: z.int().min(0).max(180).default(30),
    /** Days after the due date the window stays open (follow-ups), or days baseline is "due" before "overdue". */
    windowAfterDays: z.int().min(0).max(180).default(30),
    /** Instrument ids administered at this timepoint, in order. */
    instruments: z.array(z.string().min(1).max(64)).min(1).max(20),
  })
  .refine((t) => !t.isBaseline || t.months === 0, {
    message: 'A baseline timepoint is due at enrolment (0 months)',
    path: ['months'],
  });
export type Timepoint = z.infer<typeof Timepoint>;

export const AssessmentSettings = z
  .object({ timepoints: z.array(Timepoint).min(1).max(12) })
  .refine((s) => new Set(s.timepoints.map((t) => t.key)).size === s.timepoints.length, {
    message: 'Each timepoint needs its own key',
    path: ['timepoints'],
  })
  .refine((s) => s.timepoints.filter((t) => t.isBaseline).length <= 1, {
    message: 'Only one timepoint can be the baseline',
    path: ['timepoints'],
  });
export type AssessmentSettings = z.infer<typeof AssessmentSettings>;
export type AssessmentSettingsInput = z.input<typeof AssessmentSettings>;

/** Instruments every program can administer with item text out of the box (licensed ones need a file). */
export const DEFAULT_INSTRUMENTS = ['peg', 'phq9', 'gad7'] as const;

/** The default: baseline in the first weeks after enrolment, 6 and 9 months after enrolment, ±30 days. */
export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = {
  timepoints: [
    {
      key: 'baseline',
      label: 'Baseline',
      months: 0,
      isBaseline: true,
      windowBeforeDays: 0,
      windowAfterDays: 14,
      instruments: [...DEFAULT_INSTRUMENTS],
    },
    {
      key: 'month_6',
      label: '6 months',
      months: 6,
      isBaseline: false,
      windowBeforeDays: 30,
      windowAfterDays: 30,
      instruments: [...DEFAULT_INSTRUMENTS],
    },
    {
      key: 'month_9',
      label: '9 months',
      months: 9,
      isBaseline: false,
      windowBeforeDays: 30,
      windowAfterDays: 30,
      instruments: [...DEFAULT_INSTRUMENTS],
    },
  ],
};

export const assessmentStates = ['upcoming', 'due', 'overdue', 'completed', 'missed', 'stopped'] as const;
export type AssessmentState = (typeof assessmentStates)[number];

/** The facts about one participant the schedule reads. */
export interface ScheduleFacts {
  /** Local enrolment date; no schedule before enrolment. Every window follows from it alone. */
  enrolledOn: string | null;
  /** Local date the participant withdrew; later windows stop (completing the coaching does not stop follow-ups). */
  endedOn: string | null;
  /** Instrument ids with a saved response, by timepoint key. */
  responded: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Timepoint keys whose miss was recorded by the sweep (`assessment_misses`): they stay missed
   * whatever the settings say later, unless every response is saved.
   */
  recordedMisses?: ReadonlySet<string>;
}

/** One timepoint of one participant's schedule at an instant. */
export interface ScheduledAssessment {
  key: string;
  label: string;
  instruments: string[];
  /** The local date it is due. */
  dueOn: string;
  /** The window: first local day, and the instant it closes (exclusive). */
  opensOn: string;
  opensAt: Date;
  closesAt: Date;
  /** Last local day of the window. */
  closesOn: string;
  /** After this local date the assessment is overdue (still open). */
  overdueAfterOn: string;
  state: AssessmentState;
  /** The miss is recorded durably (state `missed` however the windows change later). */
  missRecorded: boolean;
  /** Instruments of the timepoint with a saved response. */
  doneInstruments: string[];
}

/** The local date just before an instant (the last day an exclusive close still includes). */
function lastDayBefore(at: Date, timeZone: string): string {
  return localTimeOf(new Date(at.getTime() - 1), timeZone).dateOn;
}

/**
 * A participant's schedule at `now`: each timepoint's window and state.
 * - `completed`: every instrument of the timepoint has a saved response (whenever it was saved);
 * - `upcoming`: the window has not opened;
 * - `due`: open, on or before the due date (baseline: the first `windowAfterDays` days);
 * - `overdue`: open, after the due date;
 * - `missed`: the window closed without every response (kept, never dropped);
 * - `stopped`: the participant left the program before the window opened.
 * A miss recorded by the sweep (`facts.recordedMisses`) wins over every state but `completed`, so a
 * later change of the windows cannot turn it back into `due`, `overdue`, `upcoming` or `stopped`.
 * No enrolment date: no schedule.
 */
export function scheduleFor(
  settings: AssessmentSettings,
  facts: ScheduleFacts,
  now: Date,
  timeZone: string,
): ScheduledAssessment[] {
  if (!facts.enrolledOn) return [];
  const t = now.getTime();
  return settings.timepoints.map((tp) => {
    const done = facts.responded.get(tp.key) ?? new Set<string>();
    const doneInstruments = tp.instruments.filter((i) => done.has(i));
    const isComplete = doneInstruments.length === tp.instruments.length;
    let opensOn: string;
    let dueOn: string;
    if (tp.isBaseline) {
      // Enrolment only (ADR 0020): due windowAfterDays after enrolment, open as long again after that.
      opensOn = facts.enrolledOn!;
      dueOn = addDaysOn(opensOn, tp.windowAfterDays);
    } else {
      dueOn = addMonthsOn(facts.enrolledOn!, tp.months);
      opensOn = addDaysOn(dueOn, -tp.windowBeforeDays);
    }
    const overdueAfterOn = dueOn;
    const closesAt = zonedMidnight(addDaysOn(dueOn, tp.windowAfterDays + 1), timeZone);
    const opensAt = zonedMidnight(opensOn, timeZone);
    const closesOn = lastDayBefore(closesAt, timeZone);
    const today = localDateOf(now, timeZone);
    const missRecorded = facts.recordedMisses?.has(tp.key) ?? false;
    let state: AssessmentState;
    if (isComplete) state = 'completed';
    else if (missRecorded) state = 'missed';
    else if (facts.endedOn !== null && facts.endedOn < opensOn) state = 'stopped';
    else if (t >= closesAt.getTime()) state = 'missed';
    else if (t < opensAt.getTime()) state = 'upcoming';
    else if (facts.endedOn !== null && facts.endedOn < today) state = 'missed';
    else if (today > overdueAfterOn) state = 'overdue';
    else state = 'due';
    return {
      key: tp.key,
      label: tp.label,
      instruments: [...tp.instruments],
      dueOn,
      opensOn,
      opensAt,
      closesAt,
      closesOn,
      overdueAfterOn,
      state,
      missRecorded,
      doneInstruments,
    };
  });
}

/** Whether a response may be entered for the first time now: only while the window is open. Edits are always allowed. */
export function entryRefusal(s: Pick<ScheduledAssessment, 'state'>): 'window_not_open' | 'window_closed' | 'stopped' | null {
  if (s.state === 'upcoming') return 'window_not_open';
  if (s.state === 'missed') return 'window_closed';
  if (s.state === 'stopped') return 'stopped';
  return null;
}

/** Plain words for each state, for lists and tasks. */
export const assessmentStateLabels = {
  upcoming: 'Not open yet',
  due: 'Due',
  overdue: 'Overdue',
  completed: 'Completed',
  missed: 'Missed',
  stopped: 'Not needed (left the program)',
} as const satisfies Record<AssessmentState, string>;
