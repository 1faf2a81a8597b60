import { z } from 'zod';

/**
 * The outgoing-message outbox (ADR 0012): e-mail and text messages share one table and one life cycle.
 *
 * queued → sending (claimed by one delivery run) → sent
 *                                               → queued again, with back-off, when the provider
 *                                                 certainly did not take the message
 *                                               → failed after MAX_ATTEMPTS
 *                                               → unknown when the provider's answer was lost (and,
 *                                                 for texts, when the run died): it may have been
 *                                                 delivered, so it is never sent again automatically
 *                                               → queued again when an e-mail's run died (ADR 0043):
 *                                                 at least once, under the same Message-ID
 * captured: the deployment has no transport for the channel (the demo); kept, never sent.
 * suppressed: a text to a number that opted out (STOP); never sent.
 */
export const outboxStates = ['queued', 'sending', 'sent', 'failed', 'unknown', 'captured', 'suppressed'] as const;
export const OutboxState = z.enum(outboxStates);
export type OutboxState = z.infer<typeof OutboxState>;

export const outboxChannels = ['email', 'sms'] as const;
export const OutboxChannel = z.enum(outboxChannels);
export type OutboxChannel = z.infer<typeof OutboxChannel>;

/** Delivery attempts before a message is given up as `failed`. */
export const MAX_ATTEMPTS = 10;
/** A claim older than this belongs to a delivery run that died (see `afterExpiredClaim`). */
export const CLAIM_LEASE_MS = 10 * 60_000;

/**
 * What becomes of a message whose delivery run died holding it — its server was killed between
 * claiming it and recording the provider's answer — once the claim's lease has run out (ADR 0043).
 * Nobody can know whether the provider took it. An e-mail is queued again for another server: every
 * attempt carries the same Message-ID, the one idempotency key SMTP has, so a receiver that
 * de-duplicates shows it once; at worst it arrives twice, which beats a lost sign-in code or
 * reminder. A text stays at most once (ADR 0012): Twilio's Messages API has no idempotency key, and
 * a duplicate text costs money and intrudes; it becomes `unknown` for a coordinator to decide. So
 * does an e-mail that has already used every attempt.
 */
export function afterExpiredClaim(channel: OutboxChannel, attempts: number): 'queued' | 'unknown' {
  return channel === 'email' && attempts < MAX_ATTEMPTS ? 'queued' : 'unknown';
}

const MINUTE = 60_000;
const MAX_DELAY_MS = 4 * 60 * MINUTE;

/**
 * When to try again after `attempts` failed attempts (1, 2, …): 1, 2, 4, 8 … minutes, at most 4 hours.
 * Deterministic (no jitter): delivery runs are single-flight per process and claims are exclusive, so
 * retries of many messages do not stampede a provider in lock-step the way jittered clients would.
 * Ten attempts span about 8 hours.
 */
export function retryDelayMs(attempts: number): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError('attempts must be a positive integer');
  return Math.min(MINUTE * 2 ** Math.min(attempts - 1, 20), MAX_DELAY_MS);
}

/** What to do with a message after an attempt that the provider certainly did not accept. */
export function afterRejection(attempts: number, now: Date): { state: 'queued'; nextAttemptAt: Date } | { state: 'failed' } {
  if (attempts >= MAX_ATTEMPTS) return { state: 'failed' };
  return { state: 'queued', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}

/** Whether a message in `state` may be sent again by a coordinator's explicit decision. */
export function canResend(state: OutboxState): boolean {
  return state === 'unknown' || state === 'failed';
}

/**
 * The key an opted-out number is stored and matched under: its digits only ("+1 (555) 010-0100" and
 * "+15550100100" are the same number). Null when there are too few digits to be a phone number.
 */
export function phoneKey(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15 ? digits : null;
}

/**
 * The international form (+ and digits) providers need, for a number as staff typed it. A number
 * written with "+" or "00" is already international; otherwise it is national: one trunk "0" is
 * dropped and the deployment's country calling code put in front, unless the number already starts
 * with that code and is long enough to hold it ("1 317 555 0200", "44 20 7946 0000").
 */
export function internationalNumber(phone: string, countryCode: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith(countryCode) && digits.length >= 11) return `+${digits}`;
  return `+${countryCode}${digits.replace(/^0/, '')}`;
}

/**
 * How many trailing digits decide that two numbers are the same for opt-outs: the provider reports
 * "+13175550200" while staff may have typed "317 555 0200" or "0317…". Matching on the last nine
 * digits honours a STOP however the number was entered; the cost, a rare stranger sharing nine
 * digits in another country not getting texts, is the safe side of the trade.
 */
export const PHONE_MATCH_DIGITS = 9;

/** The part of a phone key that opt-outs are matched on. */
export function phoneMatch(key: string): string {
  return key.slice(-PHONE_MATCH_DIGITS);
}

/** The carrier-standard opt-out and opt-in keywords (CTIA; the same set Twilio honours). */
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
const START_WORDS = new Set(['START', 'UNSTOP', 'YES', 'OPTIN']);

/** What an inbound text asks for: only a message that is exactly one keyword counts ("stop." too). */
export function smsKeyword(body: string): 'stop' | 'start' | null {
  const word = body
    .trim()
    .replace(/[.!\s]+$/u, '')
    .toUpperCase();
  if (STOP_WORDS.has(word)) return 'stop';
  if (START_WORDS.has(word)) return 'start';
  return null;
}
