import { describe, expect, it } from 'vitest';
import { idleEndsAt, idleLimitWords, idleWarningLeadMs, signOutInWords, touchAfterMs } from './idle';

const MINUTE = 60_000;

describe('the idle clock', () => {
  it('writes "last seen" every minute, or a quarter of a short limit, so a short limit still lets a used session live', () => {
    expect(touchAfterMs(30)).toBe(MINUTE);
    expect(touchAfterMs(2)).toBe(30_000);
    expect(touchAfterMs(1)).toBe(15_000);
  });

  it('ends at last seen + the limit, or at the absolute expiry when that is sooner', () => {
    const lastSeenAt = new Date('2026-12-08T18:00:00Z');
    expect(idleEndsAt({ lastSeenAt, expiresAt: new Date('2026-12-09T06:00:00Z') }, 30).toISOString()).toBe(
      '2026-12-08T18:30:00.000Z',
    );
    expect(idleEndsAt({ lastSeenAt, expiresAt: new Date('2026-12-08T18:10:00Z') }, 30).toISOString()).toBe(
      '2026-12-08T18:10:00.000Z',
    );
  });

  it('warns two minutes before, or half-way through a short limit', () => {
    expect(idleWarningLeadMs(30)).toBe(2 * MINUTE);
    expect(idleWarningLeadMs(1)).toBe(30_000);
    // The warning comes after "last seen" is next written, so "Stay signed in" always extends it.
    for (const m of [1, 2, 3, 5, 30, 240]) expect(m * MINUTE - idleWarningLeadMs(m)).toBeGreaterThan(touchAfterMs(m));
  });

  it('says the time left in whole minutes, rounded up', () => {
    expect(signOutInWords(2 * MINUTE)).toBe('in 2 minutes');
    expect(signOutInWords(MINUTE + 1)).toBe('in 2 minutes');
    expect(signOutInWords(MINUTE)).toBe('in 1 minute');
    expect(signOutInWords(59_000)).toBe('in less than a minute');
    expect(idleLimitWords(30)).toBe('30 minutes');
    expect(idleLimitWords(1)).toBe('1 minute');
    expect(idleLimitWords(120)).toBe('2 hours');
    expect(idleLimitWords(0.5)).toBe('30 seconds');
  });
});
