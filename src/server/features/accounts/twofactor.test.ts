import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchTotp, totpFor } from './twofactor.service';

/** RFC 6238 Appendix B: the SHA-1 key is the ASCII string "12345678901234567890". */
const RFC_KEY = Secret.fromLatin1('12345678901234567890').base32;
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238) through otpauth', () => {
  it('makes the RFC test vectors (8 digits, SHA-1)', () => {
    const eight = new TOTP({ algorithm: 'SHA1', digits: 8, period: 30, secret: Secret.fromBase32(RFC_KEY) });
    for (const [seconds, code] of VECTORS) expect(eight.generate({ timestamp: seconds * 1000 })).toBe(code);
  });

  it('accepts the six-digit form of each vector at its time, and not a minute later', () => {
    for (const [seconds, code] of VECTORS) {
      const six = code.slice(2);
      expect(totpFor(RFC_KEY).generate({ timestamp: seconds * 1000 })).toBe(six);
      expect(matchTotp(RFC_KEY, six, new Date(seconds * 1000))).toBe(0);
      expect(matchTotp(RFC_KEY, six, new Date(seconds * 1000 + 60_000))).toBeNull();
    }
  });

  it('accepts the code of the step before and after (clock drift), and no further', () => {
    const t = 1234567890 * 1000;
    const code = totpFor(RFC_KEY).generate({ timestamp: t });
    expect(matchTotp(RFC_KEY, code, new Date(t + 30_000))).toBe(-1);
    expect(matchTotp(RFC_KEY, code, new Date(t - 30_000))).toBe(1);
    expect(matchTotp(RFC_KEY, code, new Date(t + 90_000))).toBeNull();
    expect(matchTotp(RFC_KEY, '000000', new Date(t))).toBeNull();
  });
});
