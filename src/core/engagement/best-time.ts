import type { ContactOutcome } from '../contacts';
import type { TimeOfDay } from '../shared/vocab';
import { timesOfDay } from '../shared/vocab';
import {
  addDaysOn,
  bandOf,
  clockOf,
  minutesOf,
  nextDateOn,
  timeBands,
  weekdays,
  type LocalTime,
  type Weekday,
} from '../shared/time';

/**
 * Best times to try next: a smoothed answer rate per weekday × time band, learnt from the
 * participant's own attempts and shrunk toward the program-wide pattern when the participant has
 * few, then filtered by what the participant said (days, times, not before / not after, pause).
 *
 * The model is a Beta–binomial with two levels. The program's rate for a cell is smoothed toward
 * the program's overall rate (prior weight PROGRAM_WEIGHT attempts); the participant's rate for the
 * cell is smoothed toward that (prior weight OWN_WEIGHT attempts). With no own attempts the
 * suggestion is the program's pattern; with many it is the participant's own.
 */

/** Outcomes that show the participant picked up at that time. */
const ANSWERED: readonly ContactOutcome[] = ['reached', 'rescheduled'];
/** Outcomes that say nothing about the time (the number was wrong). */
const IGNORED: readonly ContactOutcome[] = ['wrong_number'];

export const OWN_WEIGHT = 2;
export const PROGRAM_WEIGHT = 10;
/** Own attempts in a cell before the reason quotes them. */
const OWN_QUOTE_MIN = 2;
/** Own attempts overall below which the participant counts as "few attempts yet". */
const FEW_ATTEMPTS = 3;

export interface AttemptAt {
  weekday: Weekday;
  hour: number;
  outcome: ContactOutcome;
}

/** Program-wide attempts and answers in one cell. */
export interface CellCount {
  weekday: Weekday;
  band: TimeOfDay;
  attempts: number;
  answered: number;
}

/** Program-wide attempts by local weekday and hour (as SQL groups them), before banding. */
export interface HourCount {
  weekday: Weekday;
  hour: number;
  attempts: number;
  answered: number;
}

export interface ReachPreferences {
  preferredDays: readonly Weekday[];
  preferredTimes: readonly TimeOfDay[];
  notBefore: string | null;
  notAfter: string | null;
  contactPausedUntil: string | null;
}

export interface BestTime {
  weekday: Weekday;
  band: TimeOfDay;
  /** The window to call in, local HH:MM, after "not before / not after". */
  from: string;
  to: string;
  /** The next date this slot comes round (after any pause). */
  nextOn: string;
  /** The smoothed chance that a call in this slot is answered, 0–1. */
  score: number;
  own: { attempts: number; answered: number };
  /** Why, in plain words. */
  reason: string;
}

export interface BestTimes {
  suggestions: BestTime[];
  /** Attempts of the participant's that the model learnt from. */
  ownAttempts: number;
  pausedUntil: string | null;
}

export const weekdayNames = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
} as const satisfies Record<Weekday, string>;

const isAnswered = (o: ContactOutcome) => ANSWERED.includes(o);

/** Groups hourly counts into weekday × band cells; night hours are left out. */
export function bandCounts(hours: readonly HourCount[]): CellCount[] {
  const cells = new Map<string, CellCount>();
  for (const h of hours) {
    const band = bandOf(h.hour);
    if (!band) continue;
    const key = `${h.weekday}:${band}`;
    const c = cells.get(key) ?? { weekday: h.weekday, band, attempts: 0, answered: 0 };
    c.attempts += h.attempts;
    c.answered += h.answered;
    cells.set(key, c);
  }
  return [...cells.values()];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const slotWords = (w: Weekday, band: TimeOfDay) => `${weekdayNames[w]} ${band}s`;

/** Suggests the best times to try a participant next, with a reason for each. */
export function suggestBestTimes(input: {
  attempts: readonly AttemptAt[];
  program: readonly CellCount[];
  preferences: ReachPreferences;
  /** The current local time in the program's zone. */
  now: LocalTime;
  limit?: number;
}): BestTimes {
  const limit = input.limit ?? 3;
  const prefs = input.preferences;
  const own = input.attempts.filter((a) => !IGNORED.includes(a.outcome) && bandOf(a.hour) !== null);

  const programAttempts = input.program.reduce((s, c) => s + c.attempts, 0);
  const programAnswered = input.program.reduce((s, c) => s + c.answered, 0);
  // Laplace: with no data at all every slot scores one half.
  const overall = (programAnswered + 1) / (programAttempts + 2);
  const programCell = new Map(input.program.map((c) => [`${c.weekday}:${c.band}`, c]));

  const isPaused = prefs.contactPausedUntil !== null && prefs.contactPausedUntil > input.now.dateOn;
  const firstDay = isPaused ? prefs.contactPausedUntil! : input.now.dateOn;
  const notBefore = prefs.notBefore ? minutesOf(prefs.notBefore) : 0;
  const notAfter = prefs.notAfter ? minutesOf(prefs.notAfter) : 24 * 60;
  const nowMinutes = input.now.hour * 60 + input.now.minute;

  const out: BestTime[] = [];
  for (const weekday of weekdays) {
    if (prefs.preferredDays.length > 0 && !prefs.preferredDays.includes(weekday)) continue;
    for (const band of timesOfDay) {
      if (prefs.preferredTimes.length > 0 && !prefs.preferredTimes.includes(band)) continue;
      const [fromHour, toHour] = timeBands[band];
      const from = Math.max(fromHour * 60, notBefore);
      const to = Math.min(toHour * 60, notAfter);
      if (to - from < 30) continue; // less than half an hour left of the band: not worth suggesting

      const p = programCell.get(`${weekday}:${band}`) ?? { attempts: 0, answered: 0 };
      const prior = (p.answered + PROGRAM_WEIGHT * overall) / (p.attempts + PROGRAM_WEIGHT);
      const mine = own.filter((a) => a.weekday === weekday && bandOf(a.hour) === band);
      const mineAnswered = mine.filter((a) => isAnswered(a.outcome)).length;
      const score = (mineAnswered + OWN_WEIGHT * prior) / (mine.length + OWN_WEIGHT);

      let nextOn = nextDateOn(firstDay, weekday);
      if (nextOn === input.now.dateOn && nowMinutes >= to - 15) nextOn = addDaysOn(nextOn, 7);

      const programRate = p.attempts > 0 ? p.answered / p.attempts : null;
      const programWords =
        programRate === null
          ? 'no calls logged at this time across the program yet'
          : `across the program ${pct(programRate)} of calls on ${slotWords(weekday, band)} reach people`;
      const reason =
        mine.length >= OWN_QUOTE_MIN
          ? `Reached ${mineAnswered} of ${mine.length} times on ${slotWords(weekday, band)}.`
          : own.length < FEW_ATTEMPTS
            ? `Few attempts yet: ${programWords}.`
            : `Not tried much at this time (${mine.length === 1 ? 'once' : 'never'}); ${programWords}.`;
      out.push({
        weekday,
        band,
        from: clockOf(from),
        to: clockOf(to),
        nextOn,
        score: Math.round(score * 1000) / 1000,
        own: { attempts: mine.length, answered: mineAnswered },
        reason,
      });
    }
  }
  out.sort((a, b) => b.score - a.score || (a.nextOn < b.nextOn ? -1 : a.nextOn > b.nextOn ? 1 : 0));
  return { suggestions: out.slice(0, limit), ownAttempts: own.length, pausedUntil: isPaused ? prefs.contactPausedUntil : null };
}
