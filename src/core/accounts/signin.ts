import { z } from 'zod';
import { Email } from '../shared/vocab';
import { Password } from './password';

/** A password-reset link works once, for this long (ADR 0021). */
export const RESET_MINUTES = 30;
/** Reset e-mails one account may be sent in an hour, however often someone asks. */
export const RESETS_PER_HOUR = 3;

export const ResetRequest = z.object({ email: Email });
export const ResetInput = z.object({ token: z.string().min(20).max(200), password: Password });

/** Whether a reset link is still good at `now`. */
export function isResetUsable(r: { usedAt: Date | null; expiresAt: Date }, now: Date): boolean {
  return r.usedAt === null && r.expiresAt.getTime() > now.getTime();
}

/** One of the caller's sessions, as listed on "Where you are signed in". */
export const SignInSessionView = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** "Firefox on Windows"; "Unknown browser" when the browser did not say. */
  browser: z.string(),
  isCurrent: z.boolean(),
});
export type SignInSessionView = z.infer<typeof SignInSessionView>;

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/curl\//, 'curl'],
];
const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'Mac'],
  [/Linux/, 'Linux'],
];

/**
 * A short description of a browser from its User-Agent header, e.g. "Firefox on Windows". Only this
 * summary is stored, never the header itself: it is enough to recognise one's own devices.
 */
export function browserSummary(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown browser';
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `A browser on ${system}` : 'Unknown browser');
}

/** A sign-in code (participants, ADR 0021) works once, for this long. */
export const SIGN_IN_CODE_MINUTES = 10;
/** Codes one account may be sent in an hour. */
export const SIGN_IN_CODES_PER_HOUR = 3;
/** Wrong tries one code survives; then it is used up. */
export const SIGN_IN_CODE_TRIES = 5;

export const SignInCodeRequest = z.object({ email: Email, channel: z.enum(['email', 'sms']).default('email') });
export const SignInCodeInput = z.object({
  email: Email,
  code: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6 digits from the message')),
});

/** Whether a sign-in code may still be tried at `now`. */
export function isSignInCodeUsable(c: { usedAt: Date | null; expiresAt: Date; failedTries: number }, now: Date): boolean {
  return c.usedAt === null && c.expiresAt.getTime() > now.getTime() && c.failedTries < SIGN_IN_CODE_TRIES;
}

/** Sign-in by a code is for people whose only roles are participant ones: staff and coaches use a password. */
export function mayUseSignInCode(roles: readonly string[], isAdmin: boolean): boolean {
  return !isAdmin && roles.length > 0 && roles.every((r) => r === 'participant');
}
