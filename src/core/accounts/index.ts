import { z } from 'zod';
import { Email, Role } from '../shared/vocab';
import { Locale } from '../shared/locale';

import { Password } from './password';

export { Password } from './password';

export const LoginInput = z.object({ email: Email, password: z.string().min(1).max(256) });
export const PasswordChange = z.object({ currentPassword: z.string().min(1).max(256), newPassword: Password });
export const InvitationInput = z.object({
  email: Email,
  role: z.enum(['coordinator', 'coach', 'participant', 'evaluator', 'assessor']),
  /** Link the new account to this coach or participant record. */
  subjectId: z.uuid().nullable().default(null),
  displayName: z.string().trim().min(1).max(120),
});
/** An invitation as staff see it: never its token. */
export const InvitationView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['coordinator', 'coach', 'participant', 'evaluator', 'assessor']),
  subjectId: z.uuid().nullable(),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  state: z.enum(['pending', 'accepted', 'expired']),
});
export type InvitationView = z.infer<typeof InvitationView>;

/** Where an invitation stands at `now`. */
export function invitationState(inv: { acceptedAt: Date | null; expiresAt: Date }, now: Date): InvitationView['state'] {
  if (inv.acceptedAt) return 'accepted';
  return inv.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

export const InvitationAccept = z.object({ token: z.string().min(20).max(200), password: Password });

export const INVITATION_DAYS = 7;

/** Whether a session is still valid: neither idle too long nor past its absolute expiry. */
export function isSessionLive(
  s: { lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null },
  idleMinutes: number,
  now: Date,
): boolean {
  if (s.revokedAt) return false;
  if (s.expiresAt.getTime() <= now.getTime()) return false;
  return now.getTime() - s.lastSeenAt.getTime() < idleMinutes * 60_000;
}

export const Membership = z.object({
  programId: z.uuid(),
  programName: z.string(),
  /** The program's IANA zone: the web app shows times and counts days there, not in the device's zone (issue #16). */
  timeZone: z.string(),
  roles: z.array(Role),
  coachId: z.uuid().nullable(),
  participantId: z.uuid().nullable(),
  can: z.array(z.string()),
});
export const Me = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  csrfToken: z.string(),
  memberships: z.array(Membership),
  /** `done` once signed in; `totp` while the two-factor code is due; `enrol` while two-factor set-up is (ADR 0021). */
  signInStep: z.enum(['done', 'totp', 'enrol']),
  /** The idle sign-out (KINDRED_SESSION_IDLE_MINUTES): the web app warns before it (ADR 0035). */
  idleMinutes: z.number().positive(),
  /** The language the web app speaks to this person: a participant's choice, English for everyone else (ADR 0041). */
  locale: Locale.optional(),
});
export type Me = z.infer<typeof Me>;

export * from './throttle';
export * from './signin';
export * from './totp';
export * from './sso';
export * from './idle';
