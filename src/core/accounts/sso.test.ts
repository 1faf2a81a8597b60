import { describe, expect, it } from 'vitest';
import { mayUseSingleSignOn, providerProvedSecondFactor, verifiedEmailOf } from './sso';

describe('mayUseSingleSignOn', () => {
  it('lets administrators and staff roles in', () => {
    expect(mayUseSingleSignOn([], true)).toBe(true);
    for (const role of ['admin', 'coordinator', 'evaluator', 'assessor'] as const)
      expect(mayUseSingleSignOn([role], false)).toBe(true);
    expect(mayUseSingleSignOn(['coach', 'evaluator'], false)).toBe(true);
  });
  it('refuses coaches, participants and people without roles', () => {
    expect(mayUseSingleSignOn(['coach'], false)).toBe(false);
    expect(mayUseSingleSignOn(['participant'], false)).toBe(false);
    expect(mayUseSingleSignOn(['coach', 'participant'], false)).toBe(false);
    expect(mayUseSingleSignOn([], false)).toBe(false);
  });
});

describe('providerProvedSecondFactor', () => {
  it('counts mfa, otp and hwk only', () => {
    expect(providerProvedSecondFactor(['pwd', 'mfa'])).toBe(true);
    expect(providerProvedSecondFactor(['otp'])).toBe(true);
    expect(providerProvedSecondFactor(['hwk'])).toBe(true);
    expect(providerProvedSecondFactor(['pwd'])).toBe(false);
    expect(providerProvedSecondFactor(undefined)).toBe(false);
    expect(providerProvedSecondFactor('mfa')).toBe(false);
  });
});

describe('verifiedEmailOf', () => {
  it('needs email_verified to be exactly true', () => {
    expect(verifiedEmailOf({ email: 'Pat@Example.org', email_verified: true })).toBe('pat@example.org');
    expect(verifiedEmailOf({ email: 'pat@example.org', email_verified: 'true' })).toBeNull();
    expect(verifiedEmailOf({ email: 'pat@example.org', email_verified: false })).toBeNull();
    expect(verifiedEmailOf({ email: 'pat@example.org' })).toBeNull();
    expect(verifiedEmailOf({ email_verified: true })).toBeNull();
    expect(verifiedEmailOf({ email: 'not-an-address', email_verified: true })).toBeNull();
  });
});
