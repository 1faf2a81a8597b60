import { addDaysOn } from '../shared/time';
import { PEG_ITEMS, scorePeg } from '../instruments/peg';
import { DomainError } from '../shared/errors';

/**
 * A change of about 1 point or more on PEG is one people notice: anchor-based minimal important
 * differences were mostly 1.0–1.75 points (Reed et al., J Pain 2024;25:142-152, pooled from six
 * trials, n = 1,710). We use the low end so that real improvement is not missed.
 */
export const MEANINGFUL_PEG_CHANGE = 1;

/** The check-in is weekly: PEG asks about the past week. */
export const CHECK_IN_EVERY_DAYS = 7;

/** Fewer check-ins than this and a change may be one good or bad week: the words say it is early. */
export const MIN_CHECK_INS_FOR_TREND = 3;

/** The PEG items in the order the check-in asks them, with the instrument library's linkIds. */
export const CHECK_IN_FIELDS = [
  { field: 'pain', linkId: PEG_ITEMS[0] },
  { field: 'enjoyment', linkId: PEG_ITEMS[1] },
  { field: 'activity', linkId: PEG_ITEMS[2] },
] as const;

/**
 * The PEG score of a check-in, scored by the instrument library (mean of the three items; all three
 * required, decision 0005). An incomplete check-in is refused rather than scored from fewer items.
 */
export function scoreCheckIn(input: { pain: number | null; enjoyment: number | null; activity: number | null }): number {
  const answers: Record<string, number> = {};
  for (const { field, linkId } of CHECK_IN_FIELDS) {
    const value = input[field];
    if (value !== null) answers[linkId] = value;
  }
  const { total } = scorePeg(answers);
  if (total === null) {
    throw new DomainError('invalid_state', 'peg_incomplete', 'Answer all three questions to check in');
  }
  return total;
}

/** When the next weekly check-in is due: today if there has never been one, else a week after the last. */
export function checkInStatus(lastOn: string | null, today: string): { isDue: boolean; dueOn: string; lastOn: string | null } {
  const dueOn = lastOn ? addDaysOn(lastOn, CHECK_IN_EVERY_DAYS) : today;
  return { isDue: dueOn <= today, dueOn, lastOn };
}

/** A PEG score for people: one decimal place, none when whole ("4.7", "5"). */
export function formatScore(score: number): string {
  const rounded = Math.round(score * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** "1 point", "1.5 points", "0.3 points". */
export function formatPoints(points: number): string {
  const text = formatScore(points);
  return `${text} ${text === '1' ? 'point' : 'points'}`;
}

/** Rounds to one decimal symmetrically, so −1.45 and 1.45 round alike and −0 never shows. */
function roundTenth(n: number): number {
  const r = (Math.sign(n) * Math.round(Math.abs(n) * 10)) / 10;
  return r === 0 ? 0 : r;
}

export interface PegChange {
  kind: 'none' | 'baseline' | 'lower' | 'higher' | 'same';
  first: number | null;
  latest: number | null;
  /** Latest minus first, to one decimal (negative: lower, i.e. better). */
  difference: number | null;
  /** About 1 point or more (MEANINGFUL_PEG_CHANGE). */
  isMeaningful: boolean;
  /** Fewer than MIN_CHECK_INS_FOR_TREND check-ins: too soon to call it a trend. */
  isEarly: boolean;
  words: string;
}

/**
 * What changed on PEG since the first check-in, in plain words. Lower is better. A change under
 * about 1 point is called "about the same" (with the small change said honestly); a rise is said
 * gently, with what to do about it; and with fewer than three check-ins the words say it is early.
 * `who` is 'you' for the participant's own view, or the participant's given name for the coach.
 */
export function describePegChange(checkIns: readonly { on: string; score: number }[], who: 'you' | string): PegChange {
  const isYou = who === 'you';
  const sorted = [...checkIns].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const first = sorted[0];
  const latest = sorted.at(-1);
  if (!first || !latest) {
    return {
      kind: 'none',
      first: null,
      latest: null,
      difference: null,
      isMeaningful: false,
      isEarly: true,
      words: isYou ? 'No check-ins yet. Your first weekly check-in is your starting point.' : `${who} has not checked in yet.`,
    };
  }
  const base = { first: first.score, latest: latest.score };
  if (sorted.length === 1) {
    return {
      kind: 'baseline',
      ...base,
      difference: null,
      isMeaningful: false,
      isEarly: true,
      words: isYou
        ? `Your starting point is a pain score of ${formatScore(first.score)} (0 is no pain, 10 is the worst). Check in again next week to see how it changes.`
        : `${who} has checked in once: a pain score of ${formatScore(first.score)}, the starting point.`,
    };
  }
  const difference = roundTenth(latest.score - first.score);
  const isMeaningful = Math.abs(difference) >= MEANINGFUL_PEG_CHANGE;
  const isEarly = sorted.length < MIN_CHECK_INS_FOR_TREND;
  const subject = isYou ? 'Your pain score' : `${who}’s pain score`;
  const since = isYou ? 'when you started' : 'at the first check-in';
  const thenNow = `(${formatScore(first.score)} then, ${formatScore(latest.score)} now)`;
  const direction = difference < 0 ? 'lower' : 'higher';
  let kind: PegChange['kind'];
  let words: string;
  if (difference === 0) {
    kind = 'same';
    words = `${subject} is the same as ${since} ${thenNow}.`;
  } else if (!isMeaningful) {
    kind = 'same';
    words = `${subject} is about the same as ${since} ${thenNow}: ${formatPoints(Math.abs(difference))} ${direction}, less than the 1 point people usually notice.`;
  } else if (difference < 0) {
    kind = 'lower';
    words = `${subject} is ${formatPoints(-difference)} lower than ${since} ${thenNow}. A change of 1 point or more is one people usually notice.`;
  } else {
    kind = 'higher';
    words = `${subject} is ${formatPoints(difference)} higher than ${since} ${thenNow}. ${
      isYou
        ? 'Hard weeks happen. Tell your coach: together you can change your plan to fit.'
        : 'Ask how things are going; a smaller plan may help.'
    }`;
  }
  if (isEarly) words += ' It is early days: a few more weekly check-ins will show whether this lasts.';
  return { kind, ...base, difference, isMeaningful, isEarly, words };
}
