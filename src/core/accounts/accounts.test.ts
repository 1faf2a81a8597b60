import { describe, expect, it } from 'vitest';
import { invitationState, isSessionLive, Password } from './index';

const NOW = new Date('2026-03-02T15:00:00.000Z');
const MINUTE = 60_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const ahead = (ms: number) => new Date(NOW.getTime() + ms);

describe('isSessionLive', () => {
  const session = (o: Partial<{ lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null }> = {}) => ({
    lastSeenAt: NOW,
    expiresAt: ahead(12 * 60 * MINUTE),
    revokedAt: null,
    ...o,
  });

  it('is live when recently seen, unexpired and not revoked', () => {
    expect(isSessionLive(session(), 30, NOW)).toBe(true);
  });

  it('ends after 30 idle minutes', () => {
    expect(isSessionLive(session({ lastSeenAt: ago(30 * MINUTE - 1) }), 30, NOW)).toBe(true);
    expect(isSessionLive(session({ lastSeenAt: ago(30 * MINUTE) }), 30, NOW)).toBe(false);
    expect(isSessionLive(session({ lastSeenAt: ago(45 * MINUTE) }), 60, NOW)).toBe(true);
  });

  it('ends at the absolute expiry however recently it was used', () => {
    expect(isSessionLive(session({ expiresAt: ahead(1) }), 30, NOW)).toBe(true);
    expect(isSessionLive(session({ expiresAt: NOW }), 30, NOW)).toBe(false);
    expect(isSessionLive(session({ expiresAt: ago(1) }), 30, NOW)).toBe(false);
  });

  it('ends when revoked, even if otherwise live', () => {
    expect(isSessionLive(session({ revokedAt: ago(1) }), 30, NOW)).toBe(false);
    expect(isSessionLive(session({ revokedAt: ahead(MINUTE) }), 30, NOW)).toBe(false);
  });
});

describe('Password', () => {
  it('needs at least 12 characters', () => {
    expect(Password.safeParse('elevenchars').success).toBe(false);
    expect(Password.safeParse('twelve chars').success).toBe(true);
  });
});

describe('invitationState', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it('is accepted once accepted, whatever the expiry', () => {
    expect(
      invitationState({ acceptedAt: new Date('2026-03-01T00:00:00Z'), expiresAt: new Date('2026-03-02T00:00:00Z') }, now),
    ).toBe('accepted');
  });
  it('is pending until the expiry instant and expired from then on', () => {
    expect(invitationState({ acceptedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBe('pending');
    expect(invitationState({ acceptedAt: null, expiresAt: now }, now)).toBe('expired');
  });
});
