import { z } from 'zod';
import { flagRiskWords } from '../safety/risk-words';
import { addDaysOn } from '../shared/time';

/**
 * When the coach's "Today" should flag a participant's latest weekly PEG check-in (issue #16): the
 * score rose sharply against the recent average, or the note holds worrying words. A flag only
 * asks the coach to call soon; it is not a risk assessment (safety events stay the protocol).
 */

/** A rise of this many PEG points or more above the recent average is flagged. */
export const PAIN_JUMP_POINTS = 2;
/** The average is taken over up to this many check-ins before the latest. */
export const PAIN_JUMP_LOOKBACK = 3;
/** A check-in older than this many days is not news any more. */
export const PAIN_JUMP_RECENT_DAYS = 14;

export interface CheckInFact {
  on: string;
  score: number;
  note: string;
}

export const PainAlert = z.object({
  participantId: z.uuid(),
  givenName: z.string(),
  /** The mean of the previous up-to-3 check-ins, one decimal; null when there were none before. */
  from: z.number().nullable(),
  to: z.number(),
  on: z.string(),
  /** The latest check-in's note, when it has one. */
  note: z.string().nullable(),
  isJump: z.boolean(),
  isWorryingNote: z.boolean(),
});
export type PainAlert = z.infer<typeof PainAlert>;

export interface PainJump {
  from: number | null;
  to: number;
  on: string;
  note: string | null;
  isJump: boolean;
  isWorryingNote: boolean;
}

const roundTenth = (n: number): number => Math.round(n * 10) / 10;

/**
 * Whether the latest check-in (within the last two weeks of `today`) should be flagged: its score is
 * at least 2 points above the mean of the up-to-3 check-ins before it, or its note has risk words.
 * Null when there is nothing to flag.
 */
export function painJumpOf(checkIns: readonly CheckInFact[], today: string): PainJump | null {
  const sorted = [...checkIns].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const latest = sorted.at(-1);
  if (!latest || latest.on < addDaysOn(today, -PAIN_JUMP_RECENT_DAYS)) return null;
  const previous = sorted.slice(0, -1).slice(-PAIN_JUMP_LOOKBACK);
  const from = previous.length > 0 ? roundTenth(previous.reduce((s, c) => s + c.score, 0) / previous.length) : null;
  const isJump = from !== null && roundTenth(latest.score - from) >= PAIN_JUMP_POINTS;
  const note = latest.note.trim() || null;
  const isWorryingNote = note !== null && flagRiskWords(note).isFlagged;
  if (!isJump && !isWorryingNote) return null;
  return { from, to: roundTenth(latest.score), on: latest.on, note, isJump, isWorryingNote };
}
