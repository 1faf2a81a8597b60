import { z } from 'zod';
import type { Role } from '../shared/vocab';

/**
 * Two-factor sign-in with time-based one-time codes (TOTP, RFC 6238: HMAC-SHA-1, 6 digits, 30-second
 * steps), as every authenticator app makes them, and one-time recovery codes (ADR 0021).
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes from one step before or after the current one are accepted: clocks drift and people are slow. */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

/** Roles for which a program can make two-factor sign-in required. Coaches and participants may choose it. */
export const STAFF_ROLES = ['admin', 'coordinator', 'evaluator', 'assessor'] as const satisfies readonly Role[];

/** A six-digit code as typed: spaces and dashes are ignored. */
export const TotpCode = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6 digits your app shows'));
/** A recovery code as typed: case, spaces and dashes are ignored. */
export const RecoveryCode = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9]{10}$/, 'A recovery code has 10 letters and digits'));

export const TotpVerifyInput = z.union([z.object({ code: TotpCode }), z.object({ recoveryCode: RecoveryCode })]);
export const TotpConfirmInput = z.object({ code: TotpCode });
export const TotpDisableInput = z.object({ password: z.string().min(1).max(256) });

/** What enrolment shows once: the key as a QR code (an SVG data URL) and as text to type. */
export const TotpEnrolment = z.object({
  /** otpauth:// URI, also encoded in the QR code. */
  uri: z.string(),
  /** The shared key in base32, in groups of four for typing. */
  key: z.string(),
  qrCode: z.string(),
});
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const TwoFactorStatus = z.object({
  enrolled: z.boolean(),
  /** Required by a program the person has a staff role in. */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

export const SignInSettings = z.object({ staffTwoFactorRequired: z.boolean() });
export type SignInSettings = z.infer<typeof SignInSettings>;

/** The 30-second step a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * Whether a code that matched at `delta` steps from now may be used: inside the window, and of a
 * later step than the last code accepted (a code seen once — over a shoulder, in a proxy — cannot be
 * replayed, RFC 6238 §5.2).
 */
export function acceptsTotpStep(delta: number | null, now: Date, lastUsedStep: number | null): { ok: boolean; step: number } {
  if (delta === null || Math.abs(delta) > TOTP_WINDOW) return { ok: false, step: -1 };
  const step = totpStep(now) + delta;
  return { ok: lastUsedStep === null || step > lastUsedStep, step };
}

/** Whether two-factor sign-in is required of a person with these roles, given each program's setting. */
export function isTwoFactorRequired(
  grants: { programId: string; role: Role }[],
  isAdmin: boolean,
  settings: ReadonlyMap<string, SignInSettings>,
): boolean {
  const anyRequired = [...settings.values()].some((s) => s.staffTwoFactorRequired);
  if (isAdmin && anyRequired) return true;
  return grants.some(
    (g) => (STAFF_ROLES as readonly Role[]).includes(g.role) && settings.get(g.programId)?.staffTwoFactorRequired === true,
  );
}

/** Recovery codes are shown as two groups of five: `abcde-12345`. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
