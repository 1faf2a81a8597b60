import type { Role } from '../shared/vocab';
import { STAFF_ROLES } from './totp';

/**
 * Single sign-on is for staff (ADR 0031): an administrator, or anyone holding a staff role in some
 * program. Coaches and participants sign in with a password or a code; SSO never grants a role.
 */
export function mayUseSingleSignOn(roles: readonly Role[], isAdmin: boolean): boolean {
  return isAdmin || roles.some((r) => (STAFF_ROLES as readonly Role[]).includes(r));
}

/** The `amr` values (RFC 8176) that say the provider itself asked for a second factor. */
export const MULTI_FACTOR_AMR = ['mfa', 'otp', 'hwk'] as const;

/** Whether an SSO sign-in counts as Kindred's second factor: only if the provider says it used one. */
export function providerProvedSecondFactor(amr: unknown): boolean {
  return Array.isArray(amr) && amr.some((m) => typeof m === 'string' && (MULTI_FACTOR_AMR as readonly string[]).includes(m));
}

/**
 * What the provider says about the person's e-mail: usable only when present and `email_verified` is
 * exactly `true` (a string "true" or a missing flag is not verification). Lower-cased, as Kindred keeps it.
 */
export function verifiedEmailOf(claims: { email?: unknown; email_verified?: unknown }): string | null {
  if (claims.email_verified !== true || typeof claims.email !== 'string') return null;
  const email = claims.email.trim().toLowerCase();
  return email.length > 0 && email.length <= 254 && email.includes('@') ? email : null;
}
