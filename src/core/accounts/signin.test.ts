import { describe, expect, it } from 'vitest';
import {
  acceptsTotpStep,
  afterFailure,
  browserSummary,
  delayAfter,
  FORGET_AFTER_MS,
  formatRecoveryCode,
  isResetUsable,
  isTwoFactorRequired,
  MAX_DELAY_MS,
  RecoveryCode,
  retryAfterSeconds,
  shouldNotifyOwner,
  TotpCode,
  totpStep,
  waitFor,
  waitInWords,
  type ThrottleState,
} from './index';

const NOW = new Date('2026-03-02T15:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('sign-in throttle', () => {
  it('lets five failures through, then waits 1 s, 2 s, 4 s … doubling up to ten minutes', () => {
    expect([1, 2, 3, 4].map(delayAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9].map(delayAfter)).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(delayAfter(14)).toBe(512_000);
    expect(delayAfter(15)).toBe(MAX_DELAY_MS);
    expect(delayAfter(1000)).toBe(MAX_DELAY_MS);
  });

  it('counts failures in a spell and blocks until the delay has passed', () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) s = afterFailure(s, NOW);
    expect(s).toMatchObject({ failures: 4, blockedUntil: null });
    expect(waitFor(s, NOW)).toBe(0);
    s = afterFailure(s, NOW);
    expect(s).toEqual({ failures: 5, firstFailureAt: NOW, lastFailureAt: NOW, blockedUntil: later(1000) });
    expect(waitFor(s, NOW)).toBe(1000);
    expect(waitFor(s, later(999))).toBe(1);
    expect(waitFor(s, later(1000))).toBe(0);
    s = afterFailure(s, later(1000));
    expect(s.blockedUntil).toEqual(later(3000));
    expect(s.firstFailureAt).toEqual(NOW);
  });

  it('forgets a spell after an hour without failures', () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 9; i++) s = afterFailure(s, NOW);
    expect(afterFailure(s, later(FORGET_AFTER_MS - 1)).failures).toBe(10);
    expect(afterFailure(s, later(FORGET_AFTER_MS))).toEqual({
      failures: 1,
      firstFailureAt: later(FORGET_AFTER_MS),
      lastFailureAt: later(FORGET_AFTER_MS),
      blockedUntil: null,
    });
  });

  it('tells the owner once per spell, at the fifth failure', () => {
    let s: ThrottleState | null = null;
    const told: number[] = [];
    for (let i = 1; i <= 12; i++) {
      s = afterFailure(s, NOW);
      if (shouldNotifyOwner(s)) told.push(i);
    }
    expect(told).toEqual([5]);
  });

  it('says the wait in words and whole seconds', () => {
    expect(retryAfterSeconds(0)).toBe(0);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1500)).toBe(2);
    expect(waitInWords(1000)).toBe('a few seconds');
    expect(waitInWords(32_000)).toBe('32 seconds');
    expect(waitInWords(60_000)).toBe('a minute');
    expect(waitInWords(256_000)).toBe('5 minutes');
  });
});

describe('password reset links', () => {
  it('work once, until they expire', () => {
    expect(isResetUsable({ usedAt: null, expiresAt: later(1) }, NOW)).toBe(true);
    expect(isResetUsable({ usedAt: null, expiresAt: NOW }, NOW)).toBe(false);
    expect(isResetUsable({ usedAt: NOW, expiresAt: later(60_000) }, NOW)).toBe(false);
  });
});

describe('browserSummary', () => {
  it('names the browser and the system, never more', () => {
    const ua = {
      firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
      chromeAndroid:
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      safariIphone:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      edgeMac:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    };
    expect(browserSummary(ua.firefoxWindows)).toBe('Firefox on Windows');
    expect(browserSummary(ua.chromeAndroid)).toBe('Chrome on Android');
    expect(browserSummary(ua.safariIphone)).toBe('Safari on iPhone');
    expect(browserSummary(ua.edgeMac)).toBe('Edge on Mac');
    expect(browserSummary('curl/8.5.0')).toBe('curl');
    expect(browserSummary(undefined)).toBe('Unknown browser');
    expect(browserSummary('something odd')).toBe('Unknown browser');
  });
});

describe('two-factor rules', () => {
  it('accepts a code from the step before, now or after, each step once (no replay)', () => {
    const step = totpStep(NOW);
    expect(step).toBe(Math.floor(NOW.getTime() / 30_000));
    expect(acceptsTotpStep(0, NOW, null)).toEqual({ ok: true, step });
    expect(acceptsTotpStep(-1, NOW, null)).toEqual({ ok: true, step: step - 1 });
    expect(acceptsTotpStep(1, NOW, step)).toEqual({ ok: true, step: step + 1 });
    expect(acceptsTotpStep(0, NOW, step).ok).toBe(false);
    expect(acceptsTotpStep(-1, NOW, step).ok).toBe(false);
    expect(acceptsTotpStep(2, NOW, null).ok).toBe(false);
    expect(acceptsTotpStep(-2, NOW, null).ok).toBe(false);
    expect(acceptsTotpStep(null, NOW, null).ok).toBe(false);
  });

  it('requires two-factor sign-in of staff roles where the program says so, never of coaches or participants', () => {
    const P = 'p1';
    const on = new Map([[P, { staffTwoFactorRequired: true }]]);
    const off = new Map([[P, { staffTwoFactorRequired: false }]]);
    for (const role of ['coordinator', 'evaluator', 'assessor', 'admin'] as const) {
      expect(isTwoFactorRequired([{ programId: P, role }], false, on)).toBe(true);
      expect(isTwoFactorRequired([{ programId: P, role }], false, off)).toBe(false);
    }
    for (const role of ['coach', 'participant'] as const)
      expect(isTwoFactorRequired([{ programId: P, role }], false, on)).toBe(false);
    expect(isTwoFactorRequired([{ programId: 'other', role: 'coordinator' }], false, on)).toBe(false);
    // A deployment administrator reaches every program: any program's requirement applies.
    expect(isTwoFactorRequired([], true, on)).toBe(true);
    expect(isTwoFactorRequired([], true, off)).toBe(false);
  });

  it('reads codes as people type them', () => {
    expect(TotpCode.parse(' 123 456 ')).toBe('123456');
    expect(TotpCode.safeParse('12345').success).toBe(false);
    expect(TotpCode.safeParse('12345a').success).toBe(false);
    expect(RecoveryCode.parse('ABCDE-12345')).toBe('abcde12345');
    expect(formatRecoveryCode('abcde12345')).toBe('abcde-12345');
  });
});
