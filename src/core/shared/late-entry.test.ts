import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { EnteredLate, isLateEntry, lateEntryMark } from './late-entry';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const daysAgo = (d: number, extraMs = 0): Date => new Date(NOW.getTime() - d * 86_400_000 - extraMs);

function reasonOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError) return err.reason;
    throw err;
  }
  return undefined;
}

describe('late entry', () => {
  it('a contact is late only when dated more than 7 days back', () => {
    expect(isLateEntry('contact', daysAgo(1), NOW)).toBe(false);
    expect(isLateEntry('contact', daysAgo(7), NOW)).toBe(false);
    expect(isLateEntry('contact', daysAgo(7, 1000), NOW)).toBe(true);
  });

  it('a pairing start is late when in the past beyond 10 minutes of skew', () => {
    expect(isLateEntry('pairing_start', new Date(NOW.getTime() - 9 * 60_000), NOW)).toBe(false);
    expect(isLateEntry('pairing_start', new Date(NOW.getTime() - 11 * 60_000), NOW)).toBe(true);
    expect(isLateEntry('pairing_start', daysAgo(1), NOW)).toBe(true);
  });

  it('class attendance is late when recorded more than 7 days after the class', () => {
    expect(isLateEntry('class_attendance', daysAgo(6), NOW)).toBe(false);
    expect(isLateEntry('class_attendance', daysAgo(8), NOW)).toBe(true);
  });

  it('a late record without a reason is refused; with one it is marked', () => {
    expect(reasonOf(() => lateEntryMark('contact', daysAgo(10), NOW, null))).toBe('late_entry_reason_required');
    expect(reasonOf(() => lateEntryMark('pairing_start', daysAgo(3), NOW, undefined))).toBe('late_entry_reason_required');
    expect(lateEntryMark('contact', daysAgo(10), NOW, { reason: 'Paper log from the clinic' })).toEqual({
      reason: 'Paper log from the clinic',
    });
  });

  it('a record that is not late needs nothing, and may still be marked by staff', () => {
    expect(lateEntryMark('contact', daysAgo(1), NOW, null)).toBeNull();
    expect(lateEntryMark('contact', daysAgo(1), NOW, { reason: 'Typed from paper' })).toEqual({ reason: 'Typed from paper' });
  });

  it('a reason must say something', () => {
    expect(EnteredLate.safeParse({ reason: '  ' }).success).toBe(false);
    expect(EnteredLate.safeParse({ reason: 'ok' }).success).toBe(false);
    expect(EnteredLate.safeParse({ reason: 'Paper record' }).success).toBe(true);
  });
});
