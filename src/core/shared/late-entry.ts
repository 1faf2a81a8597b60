import { z } from 'zod';
import { DomainError } from './errors';

/**
 * Records entered late (ADR 0030): a paper record or a late entry of a pairing start, a contact or a
 * class attendance. Staff say so explicitly with a reason; the record then shows who entered it late,
 * when, and why. Late is decided by rule, not guessed afterwards:
 * - a contact dated more than 7 days before it is logged (a coach logging yesterday's call is normal);
 * - a pairing start dated in the past (beyond the 10 minutes of clock skew allowed everywhere);
 * - a class attendance recorded more than 7 days after the class began.
 * Such a record needs `enteredLate` with a reason, and only staff may give it.
 */
export const EnteredLate = z.object({ reason: z.string().trim().min(3).max(500) });
export type EnteredLate = z.infer<typeof EnteredLate>;

export const LATE_ENTRY_DAYS = 7;
const DAY_MS = 86_400_000;
const SKEW_MS = 10 * 60_000;

export type LateEntryKind = 'contact' | 'pairing_start' | 'class_attendance';

/** Whether a record of this kind, dated `occurredAt` and entered at `now`, counts as entered late. */
export function isLateEntry(kind: LateEntryKind, occurredAt: Date, now: Date): boolean {
  const behind = now.getTime() - occurredAt.getTime();
  return kind === 'pairing_start' ? behind > SKEW_MS : behind > LATE_ENTRY_DAYS * DAY_MS;
}

const needsReason: Record<LateEntryKind, string> = {
  contact: `A contact more than ${LATE_ENTRY_DAYS} days ago must be entered late by staff, with a reason`,
  pairing_start: 'A pairing that started in the past must be entered late, with a reason',
  class_attendance: `Attendance more than ${LATE_ENTRY_DAYS} days after the class must be entered late, with a reason`,
};

/**
 * The late-entry mark to store, or null. Refuses a late record without a reason (422
 * `late_entry_reason_required`). A reason given for a record that is not late is kept: staff may
 * mark any paper record as entered late.
 */
export function lateEntryMark(
  kind: LateEntryKind,
  occurredAt: Date,
  now: Date,
  enteredLate: EnteredLate | null | undefined,
): { reason: string } | null {
  if (enteredLate) return { reason: enteredLate.reason };
  if (isLateEntry(kind, occurredAt, now)) {
    throw new DomainError('invalid_state', 'late_entry_reason_required', needsReason[kind]);
  }
  return null;
}

/** How a late record shows who entered it, when and why. */
export const LateEntryView = z.object({ byName: z.string(), at: z.string(), reason: z.string() }).nullable();
export type LateEntryView = z.infer<typeof LateEntryView>;
