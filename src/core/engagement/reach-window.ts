import { z } from 'zod';
import { DomainError } from '../shared/errors';
import { DateOn } from '../shared/vocab';
import { addDaysOn, ClockTime, minutesOf, Weekday } from '../shared/time';

/**
 * How and when someone prefers to be reached, beyond the channel: days of the week, times of day,
 * "not before / not after" and a pause. Shared by participants and coaches.
 */
export const reachWindowFields = {
  /** Days that suit; empty means any day. */
  preferredDays: z
    .array(Weekday)
    .max(7)
    .refine((ds) => new Set(ds).size === ds.length, 'Name each day once'),
  /** Not before this local time (HH:MM), or null. */
  notBefore: ClockTime.nullable(),
  /** Not after this local time (HH:MM), or null. */
  notAfter: ClockTime.nullable(),
  /** No contact before this local date; null when not paused. */
  contactPausedUntil: DateOn.nullable(),
};

/** The longest pause a participant or coach can set at once. */
export const MAX_PAUSE_DAYS = 366;

/**
 * Checks a reach window as it will be saved: "not before" earlier than "not after", and a new pause
 * date after today and within a year. A stored pause date that has passed may be sent back unchanged.
 */
export function checkReachWindow(
  next: { notBefore: string | null; notAfter: string | null; contactPausedUntil: string | null },
  ctx: { today: string; storedPausedUntil: string | null },
): void {
  if (next.notBefore && next.notAfter && minutesOf(next.notBefore) >= minutesOf(next.notAfter)) {
    throw new DomainError('invalid_state', 'window_empty', '"Not before" must be earlier than "not after"');
  }
  const pause = next.contactPausedUntil;
  if (pause && pause !== ctx.storedPausedUntil) {
    if (pause <= ctx.today) throw new DomainError('invalid_state', 'pause_in_past', 'A pause must end after today');
    if (pause > addDaysOn(ctx.today, MAX_PAUSE_DAYS)) {
      throw new DomainError('invalid_state', 'pause_too_long', 'A pause can last a year at most');
    }
  }
}
