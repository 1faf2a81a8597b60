import { describe, expect, it } from 'vitest';
import {
  afterExpiredClaim,
  afterRejection,
  canResend,
  internationalNumber,
  MAX_ATTEMPTS,
  phoneKey,
  phoneMatch,
  retryDelayMs,
  smsKeyword,
} from '.';

const MIN = 60_000;

describe('retry back-off', () => {
  it('doubles from one minute and stops growing at four hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30].map((n) => retryDelayMs(n) / MIN)).toEqual([
      1, 2, 4, 8, 16, 32, 64, 128, 240, 240, 240,
    ]);
  });

  it('refuses attempt counts that cannot happen', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => retryDelayMs(n)).toThrow(RangeError);
  });

  it('queues again after a rejection until the last attempt, then gives up', () => {
    const now = new Date('2026-03-02T15:00:00Z');
    expect(afterRejection(1, now)).toEqual({ state: 'queued', nextAttemptAt: new Date('2026-03-02T15:01:00Z') });
    expect(afterRejection(3, now)).toEqual({ state: 'queued', nextAttemptAt: new Date('2026-03-02T15:04:00Z') });
    expect(afterRejection(MAX_ATTEMPTS - 1, now)).toMatchObject({ state: 'queued' });
    expect(afterRejection(MAX_ATTEMPTS, now)).toEqual({ state: 'failed' });
  });

  it('spreads ten attempts over about eight hours', () => {
    let total = 0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) total += retryDelayMs(n);
    expect(total / MIN).toBe(1 + 2 + 4 + 8 + 16 + 32 + 64 + 128 + 240);
  });
});

describe('a claim whose delivery run died', () => {
  it('queues an e-mail again (at least once, same Message-ID) until its attempts are spent', () => {
    expect(afterExpiredClaim('email', 1)).toBe('queued');
    expect(afterExpiredClaim('email', MAX_ATTEMPTS - 1)).toBe('queued');
    expect(afterExpiredClaim('email', MAX_ATTEMPTS)).toBe('unknown');
  });
  it('leaves a text "unknown": no provider key makes a second send safe', () => {
    expect(afterExpiredClaim('sms', 1)).toBe('unknown');
  });
});

describe('resending', () => {
  it('is for messages that may not have arrived, never for sent, queued or opted-out ones', () => {
    expect(canResend('unknown')).toBe(true);
    expect(canResend('failed')).toBe(true);
    for (const s of ['queued', 'sending', 'sent', 'captured', 'suppressed'] as const) expect(canResend(s)).toBe(false);
  });
});

describe('phone keys', () => {
  it('match the same number however it is written', () => {
    expect(phoneKey('+1 (555) 010-0100')).toBe('15550100100');
    expect(phoneKey('+15550100100')).toBe('15550100100');
    expect(phoneKey(' 1.555.010.0100 ')).toBe('15550100100');
  });
  it('are null for things that are not phone numbers', () => {
    expect(phoneKey('')).toBeNull();
    expect(phoneKey('12345')).toBeNull();
    expect(phoneKey('+1234567890123456')).toBeNull();
    expect(phoneKey('nobody@example.org')).toBeNull();
  });
});

describe('STOP and START keywords', () => {
  it('recognises the standard opt-out words in any case, with trailing punctuation', () => {
    for (const w of ['STOP', 'stop', ' Stop. ', 'STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit!', 'OPTOUT', 'revoke'])
      expect(smsKeyword(w)).toBe('stop');
  });
  it('recognises the opt-in words', () => {
    for (const w of ['START', 'start', 'UNSTOP', 'Yes', 'optin']) expect(smsKeyword(w)).toBe('start');
  });
  it('ignores messages that only contain a keyword among other words', () => {
    for (const w of ["please don't stop", 'stop it', 'STOP STOP', 'the end', '', 'Hi, see you Tuesday'])
      expect(smsKeyword(w)).toBeNull();
  });
});

describe('phone matching for opt-outs', () => {
  it('matches a number with and without its country code or trunk prefix', () => {
    const m = (p: string) => phoneMatch(phoneKey(p)!);
    expect(m('+1 317 555 0200')).toBe(m('317 555 0200'));
    expect(m('+44 20 7946 0000')).toBe(m('020 7946 0000'));
    expect(m('+1 317 555 0200')).not.toBe(m('+1 317 555 0201'));
    expect(m('555 0200')).toBe('5550200');
  });
});

describe('international numbers for the provider', () => {
  it('keeps numbers written with + or 00 as they are', () => {
    expect(internationalNumber('+1 (317) 555-0200', '1')).toBe('+13175550200');
    expect(internationalNumber(' +44 20 7946 0000', '1')).toBe('+442079460000');
    expect(internationalNumber('0044 20 7946 0000', '1')).toBe('+442079460000');
  });
  it("puts the deployment's country code before national numbers, dropping a trunk 0", () => {
    expect(internationalNumber('(317) 555-0200', '1')).toBe('+13175550200');
    expect(internationalNumber('020 7946 0000', '44')).toBe('+442079460000');
  });
  it('does not add the country code twice', () => {
    expect(internationalNumber('1 317 555 0200', '1')).toBe('+13175550200');
    expect(internationalNumber('44 20 7946 0000', '44')).toBe('+442079460000');
  });
});
