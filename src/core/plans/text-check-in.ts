import { z } from 'zod';
import { isoWeekOf } from '../guidance/reminders';
import type { CrisisInfo } from '../safety/crisis';
import { wordedRefusals } from '../shared/messages';
import { ClockTime, localTimeOf, minutesOf, Weekday } from '../shared/time';
import { checkInStatus, formatScore, MEANINGFUL_PEG_CHANGE } from './progress';

/**
 * The weekly PEG check-in by text message (#16, ADR 0040): who is due a prompt, how a reply is
 * read, what Kindred does with it, and every word it texts, in English and Spanish.
 */

/** Where a check-in's answers came from. */
export const checkInSources = ['app', 'text'] as const;
export const CheckInSource = z.enum(checkInSources);
export type CheckInSource = z.infer<typeof CheckInSource>;

/** Languages the texts are written in. */
export type TextLanguage = 'en' | 'es';

/** Prompts go out between these local times only: nobody is texted at night. */
export const TEXT_CHECK_IN_EARLIEST = '07:00';
export const TEXT_CHECK_IN_LATEST = '21:00';

/** A reply is read against the latest prompt for this long (or until the next prompt replaces it). */
export const REPLY_WINDOW_DAYS = 7;

/** Kindred asks again about an unreadable reply at most this many times per prompt, then stays quiet. */
export const MAX_ASK_AGAIN = 2;

/** The choice itself: the weekday and local time of the prompt, both or neither (null = off). */
export const textCheckInFields = {
  textCheckInDay: Weekday.nullable(),
  textCheckInTime: ClockTime.refine(
    (t) => minutesOf(t) >= minutesOf(TEXT_CHECK_IN_EARLIEST) && minutesOf(t) <= minutesOf(TEXT_CHECK_IN_LATEST),
    wordedRefusals.text_check_in_hours,
  ).nullable(),
};

/**
 * Checks a participant's text check-in choice as it will be saved: a day and a time together, and a
 * phone number to text. Returns a field and a plain message, or null when the choice is fine.
 */
export function textCheckInProblem(v: {
  textCheckInDay: Weekday | null;
  textCheckInTime: string | null;
  phone: string | null;
}): { field: 'textCheckInDay' | 'textCheckInTime' | 'phone'; message: string } | null {
  const isOn = v.textCheckInDay !== null || v.textCheckInTime !== null;
  if (!isOn) return null;
  if (v.textCheckInDay === null) return { field: 'textCheckInDay', message: wordedRefusals.text_check_in_day };
  if (v.textCheckInTime === null) return { field: 'textCheckInTime', message: wordedRefusals.text_check_in_time };
  if (!v.phone || !v.phone.trim()) return { field: 'phone', message: wordedRefusals.text_check_in_phone };
  return null;
}

export interface TextCheckInFacts {
  status: string;
  phone: string | null;
  textCheckInDay: Weekday | null;
  textCheckInTime: string | null;
  contactPausedUntil: string | null;
  /** The program-local date of the last check-in (app or text), or null. */
  lastCheckInOn: string | null;
}

export type TextCheckInDecision =
  | { isDue: false; why: 'not_in_program' | 'off' | 'no_phone' | 'not_the_day' | 'too_early' | 'paused' | 'checked_in' }
  | { isDue: true; week: string; today: string };

/**
 * Whether a participant's weekly check-in text is due at an instant: on the chosen weekday, at or
 * after the chosen wall-clock time in the program's zone (so daylight saving moves nothing; a time
 * skipped in spring is reached at the first minute after it), while the participant is enrolled or
 * active, not paused, and has not already checked in during the past week (in the app). The week
 * it belongs to is the caller's idempotency key: one prompt per participant and week.
 */
export function textCheckInDue(p: TextCheckInFacts, at: Date, timeZone: string): TextCheckInDecision {
  if (p.status !== 'enrolled' && p.status !== 'active') return { isDue: false, why: 'not_in_program' };
  if (p.textCheckInDay === null || p.textCheckInTime === null) return { isDue: false, why: 'off' };
  if (!p.phone || !p.phone.trim()) return { isDue: false, why: 'no_phone' };
  const local = localTimeOf(at, timeZone);
  if (local.weekday !== p.textCheckInDay) return { isDue: false, why: 'not_the_day' };
  if (local.hour * 60 + local.minute < minutesOf(p.textCheckInTime)) return { isDue: false, why: 'too_early' };
  if (p.contactPausedUntil && local.dateOn < p.contactPausedUntil) return { isDue: false, why: 'paused' };
  if (!checkInStatus(p.lastCheckInOn, local.dateOn).isDue) return { isDue: false, why: 'checked_in' };
  return { isDue: true, week: isoWeekOf(local.dateOn), today: local.dateOn };
}

/** Whether a reply at `now` still answers a prompt sent at `sentAt`. */
export function isInReplyWindow(sentAt: Date, now: Date): boolean {
  const elapsed = now.getTime() - sentAt.getTime();
  return elapsed >= 0 && elapsed < REPLY_WINDOW_DAYS * 86_400_000;
}

export type ParsedReply =
  | { kind: 'scores'; pain: number; enjoyment: number; activity: number; note: string }
  | { kind: 'unreadable'; why: 'empty' | 'no_numbers' | 'not_three' | 'out_of_range' };

/** Words people put before the numbers that say nothing more ("pain 6 5 7", "PEG: 6 5 7"). */
const LEAD_WORDS = new Set(['pain', 'peg', 'dolor', 'scores', 'score']);

/**
 * Reads a reply to the check-in text: exactly three whole numbers from 0 to 10 in the order asked
 * (pain, enjoyment of life, general activity), separated by anything that is not a digit (spaces,
 * commas, slashes, words). Words besides the numbers are kept as the check-in's note. Anything else
 * is unreadable: no guessing at "657", "6.5" or two numbers.
 */
export function parseCheckInReply(body: string): ParsedReply {
  const text = body.normalize('NFKC').trim();
  if (!text) return { kind: 'unreadable', why: 'empty' };
  const numbers = text.match(/\d+/g) ?? [];
  if (numbers.length === 0) return { kind: 'unreadable', why: 'no_numbers' };
  // "6.5" is a decimal, not two answers: refuse rather than read it as 6 and 5.
  if (numbers.length !== 3 || /\d\.\d/.test(text)) return { kind: 'unreadable', why: 'not_three' };
  const values = numbers.map(Number);
  if (values.some((n) => n > 10)) return { kind: 'unreadable', why: 'out_of_range' };
  const [pain = 0, enjoyment = 0, activity = 0] = values;
  const words = text
    .replace(/\d+/g, ' ')
    .replace(/[\u20e3\ufe0f]/g, '')
    .replace(/^[\s,;/.:()\-–]+|[\s,;/.:()\-–]+$/g, '')
    .replace(/\s+[,;/\-–]+\s+|\s*[,;/]\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const note = LEAD_WORDS.has(words.toLowerCase().replace(/[^a-z]/g, '')) ? '' : words.slice(0, 1000);
  return { kind: 'scores', pain, enjoyment, activity, note };
}

/** The prompt a reply is read against, as the server found it. */
export interface OpenPrompt {
  /** A readable reply was already recorded for it. */
  isAnswered: boolean;
  askedAgain: number;
}

export type ReplyAction =
  /** Record the check-in (or correct the one this prompt already recorded) and send the summary. */
  | { kind: 'record'; isCorrection: boolean }
  /** Ask again, with an example. */
  | { kind: 'ask_again' }
  /** Say nothing more (the limit of asking again, or nothing to answer). */
  | { kind: 'none'; why: 'no_prompt' | 'asked_enough' | 'already_answered' };

/**
 * What Kindred does with a reply (STOP and START are handled before this): record a readable reply
 * to an open prompt (a second readable one corrects the week's check-in); ask again about an
 * unreadable one at most MAX_ASK_AGAIN times, and not once the week's check-in is in; and answer
 * nothing when no prompt is open. Risk words are handled beside this, whatever it decides.
 */
export function decideReply(parsed: ParsedReply, prompt: OpenPrompt | null): ReplyAction {
  if (!prompt) return { kind: 'none', why: 'no_prompt' };
  if (parsed.kind === 'scores') return { kind: 'record', isCorrection: prompt.isAnswered };
  if (prompt.isAnswered) return { kind: 'none', why: 'already_answered' };
  if (prompt.askedAgain >= MAX_ASK_AGAIN) return { kind: 'none', why: 'asked_enough' };
  return { kind: 'ask_again' };
}

/* ------------------------------------------------------------------ texts */
// English is the program's working language. The Spanish is the program's own translation (no
// published Spanish PEG text was used); see ADR 0040.

/** The three questions, worded as the instrument library's PEG (English) asks them. */
export const PEG_TEXT_QUESTIONS: Record<TextLanguage, readonly [string, string, string]> = {
  en: [
    'What number best describes your pain on average in the past week?',
    'What number best describes how, during the past week, pain has interfered with your enjoyment of life?',
    'What number best describes how, during the past week, pain has interfered with your general activity?',
  ],
  // The program's own translation.
  es: [
    '¿Qué número describe mejor su dolor promedio en la última semana?',
    '¿Qué número describe mejor cuánto, durante la última semana, el dolor ha interferido con su disfrute de la vida?',
    '¿Qué número describe mejor cuánto, durante la última semana, el dolor ha interferido con su actividad general?',
  ],
};

/** The weekly check-in text: the three questions in one message, how to answer, and how to stop. */
export function checkInPromptText(lang: TextLanguage): string {
  const [q1, q2, q3] = PEG_TEXT_QUESTIONS[lang];
  return lang === 'es'
    ? [
        'Kindred: su control semanal del dolor. Responda con 3 números del 0 al 10, por ejemplo 6 5 7:',
        `1) ${q1}`,
        `2) ${q2}`,
        `3) ${q3}`,
        '0 es sin dolor o no interfiere; 10 es lo peor. Responda STOP para no recibir más mensajes.',
      ].join('\n')
    : [
        'Kindred: your weekly pain check-in. Reply with 3 numbers from 0 to 10, like 6 5 7:',
        `1) ${q1}`,
        `2) ${q2}`,
        `3) ${q3}`,
        '0 is no pain or no interference; 10 is the worst. Reply STOP to end texts.',
      ].join('\n');
}

/** The answer to an unreadable reply: what to send, with an example. */
export function askAgainText(lang: TextLanguage): string {
  return lang === 'es'
    ? 'Kindred: no pudimos leer su respuesta. Envíe 3 números del 0 al 10 separados por espacios, en este orden: dolor, disfrute de la vida, actividad general. Por ejemplo: 6 5 7'
    : 'Kindred: sorry, we could not read that. Please send 3 numbers from 0 to 10 with spaces between them, in this order: pain, enjoyment of life, general activity. For example: 6 5 7';
}

export interface SummaryFacts {
  pain: number;
  enjoyment: number;
  activity: number;
  score: number;
  /** The score of the check-in before this one, or null for the first. */
  previousScore: number | null;
  isCorrection: boolean;
}

/** How this week's score compares with the last check-in, in the same 1-point rule as the app. */
export function comparedWithLast(score: number, previous: number | null): 'first' | 'lower' | 'higher' | 'same' {
  if (previous === null) return 'first';
  const difference = Math.round((score - previous) * 10) / 10;
  if (Math.abs(difference) < MEANINGFUL_PEG_CHANGE) return 'same';
  return difference < 0 ? 'lower' : 'higher';
}

/** The plain summary sent back after a readable reply. Lower is better, so "lower" is good news. */
export function checkInSummaryText(f: SummaryFacts, lang: TextLanguage): string {
  const score = formatScore(f.score);
  const previous = f.previousScore === null ? '' : formatScore(f.previousScore);
  const change = comparedWithLast(f.score, f.previousScore);
  if (lang === 'es') {
    const head = f.isCorrection
      ? 'Kindred: gracias, cambiamos su control de esta semana'
      : 'Kindred: gracias, guardamos su control de esta semana';
    const tail = {
      first: 'Es su punto de partida.',
      same: `Más o menos igual que la última vez (${previous}).`,
      lower: `Más bajo que la última vez (${previous}): una buena señal.`,
      higher: `Más alto que la última vez (${previous}). Las semanas difíciles pasan; cuénteselo a su coach.`,
    }[change];
    return `${head}: dolor ${f.pain}, disfrute de la vida ${f.enjoyment}, actividad general ${f.activity}. Puntuación del dolor ${score}. ${tail}`;
  }
  const head = f.isCorrection
    ? 'Kindred: thanks, your check-in for this week is changed'
    : 'Kindred: thanks, your check-in for this week is saved';
  const tail = {
    first: 'This is your starting point.',
    same: `About the same as last time (${previous}).`,
    lower: `Lower than last time (${previous}): a good sign.`,
    higher: `Higher than last time (${previous}). Hard weeks happen; tell your coach.`,
  }[change];
  return `${head}: pain ${f.pain}, enjoyment of life ${f.enjoyment}, general activity ${f.activity}. Pain score ${score}. ${tail}`;
}

/** "988 and press 1": the number and the key, as people dial it. */
function dialWords(c: CrisisInfo, lang: TextLanguage): string {
  if (!c.callPress) return c.callNumber;
  return lang === 'es' ? `${c.callNumber} y marque ${c.callPress}` : `${c.callNumber} and press ${c.callPress}`;
}

/**
 * Sent when a reply holds risk words, as the app shows crisis information after such a note: the
 * crisis line (988, press 1 for the Veterans Crisis Line by default), its text number, the
 * emergency number, and that a person will read the message.
 */
export function crisisText(c: CrisisInfo, lang: TextLanguage): string {
  if (lang === 'es') {
    return [
      `Kindred: si está en crisis o piensa en hacerse daño, llame al ${dialWords(c, lang)} (${c.lineName})`,
      c.textNumber ? `, o envíe un mensaje al ${c.textNumber}` : '',
      `. En una emergencia llame al ${c.emergencyNumber}. Una persona del programa leerá su mensaje.`,
    ].join('');
  }
  return [
    `Kindred: if you are in crisis or thinking about hurting yourself, call ${dialWords(c, lang)} (${c.lineName})`,
    c.textNumber ? `, or text ${c.textNumber}` : '',
    `. In an emergency call ${c.emergencyNumber}. Someone from the program will read your message.`,
  ].join('');
}
