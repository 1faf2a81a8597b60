import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';
import {
  acceptsTotpStep,
  formatRecoveryCode,
  isTwoFactorRequired,
  RECOVERY_CODE_COUNT,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  TOTP_WINDOW,
  type SignInSettings,
  type TwoFactorStatus,
} from '../../../core/accounts';
import { DomainError, notFound } from '../../../core/shared/errors';
import { programs } from '../programs/programs.table';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { hashToken, newId } from '../../platform/ids';
import { verifyPassword } from '../../platform/passwords';
import type { SessionStage } from './accounts.service';
import { people, recoveryCodes, roleGrants, sessions, signInSettings, totpFactors } from './accounts.table';
import { rememberDevice } from './devices';
import { clearThrottle, recordFailure, refuseWhileThrottled, throttleKey } from './throttle.service';

/** The authenticator for a secret: RFC 6238 with SHA-1, 6 digits and 30-second steps (what every app supports). */
export function totpFor(secretBase32: string, label = 'Kindred'): TOTP {
  return new TOTP({
    issuer: 'Kindred',
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The step offset at which `code` matches around `now` (within the window), or null. */
export function matchTotp(secretBase32: string, code: string, now: Date): number | null {
  return totpFor(secretBase32).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
}

/** Each program's sign-in settings that has a row (no row: the defaults). */
async function settingsByProgram(db: Db | Tx, programIds: string[]): Promise<Map<string, SignInSettings>> {
  if (programIds.length === 0) return new Map();
  const rows = await db.select().from(signInSettings).where(inArray(signInSettings.programId, programIds));
  return new Map(rows.map((r) => [r.programId, { staffTwoFactorRequired: r.staffTwoFactorRequired }]));
}

/** Whether a program the person is staff in (or, for an administrator, any program) requires two-factor sign-in. */
export async function isRequiredFor(db: Db | Tx, personId: string, isAdmin: boolean): Promise<boolean> {
  const grants = await db.select().from(roleGrants).where(eq(roleGrants.personId, personId));
  const settings = isAdmin
    ? new Map(
        (await db.select().from(signInSettings)).map((r) => [r.programId, { staffTwoFactorRequired: r.staffTwoFactorRequired }]),
      )
    : await settingsByProgram(
        db,
        grants.map((g) => g.programId),
      );
  return isTwoFactorRequired(grants, isAdmin, settings);
}

/** Where a session opens after the password: a code is due, set-up is due, or it is done. */
export async function twoFactorStageFor(db: Db | Tx, personId: string, isAdmin: boolean): Promise<SessionStage> {
  const [factor] = await db.select().from(totpFactors).where(eq(totpFactors.personId, personId));
  if (factor?.confirmedAt) return 'totp';
  return (await isRequiredFor(db, personId, isAdmin)) ? 'enrol' : 'full';
}

export async function twoFactorStatus(deps: Deps, caller: Caller): Promise<TwoFactorStatus> {
  const personId = caller.actor.personId;
  const [factor] = await deps.db.select().from(totpFactors).where(eq(totpFactors.personId, personId));
  const left = await deps.db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)));
  return {
    enrolled: Boolean(factor?.confirmedAt),
    required: await isRequiredFor(deps.db, personId, caller.actor.isAdmin),
    recoveryCodesLeft: factor?.confirmedAt ? left.length : 0,
  };
}

/** Groups a base32 key in fours, for typing into an app by hand. */
const grouped = (key: string) => key.replace(/(.{4})/g, '$1 ').trim();

/**
 * Starts (or restarts) enrolment: a new secret, shown once as a QR code and as a key to type. It is
 * not in force until a code from the app confirms it. An enrolled authenticator is not replaced here.
 */
export async function startEnrolment(deps: Deps, caller: Caller): Promise<{ uri: string; key: string; qrCode: string }> {
  const now = deps.clock.now();
  const personId = caller.actor.personId;
  const [factor] = await deps.db.select().from(totpFactors).where(eq(totpFactors.personId, personId));
  if (factor?.confirmedAt) {
    throw new DomainError(
      'conflict',
      'already_enrolled',
      'Two-factor sign-in is already set up; turn it off first to use a new app',
    );
  }
  const secret = new Secret({ size: 20 }).base32;
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(totpFactors)
      .values({ personId, secret, createdAt: now })
      .onConflictDoUpdate({ target: totpFactors.personId, set: { secret, createdAt: now, lastUsedStep: null } });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'two_factor', entityId: personId }]);
  });
  const uri = totpFor(secret, caller.actor.email).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { uri, key: grouped(secret), qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** New recovery codes: 10 random letters and digits each, stored hashed, returned once. */
async function replaceRecoveryCodes(tx: Tx, personId: string, now: Date): Promise<string[]> {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join(''),
  );
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId));
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ id: newId(), personId, codeHash: hashToken(c), createdAt: now })));
  return codes.map(formatRecoveryCode);
}

/** Checks a code and records its step, so the same code cannot be used twice. Throttled per person. */
async function checkCode(deps: Deps, tx: Tx, personId: string, secret: string, lastUsedStep: number | null, code: string) {
  const now = deps.clock.now();
  const { ok, step } = acceptsTotpStep(matchTotp(secret, code, now), now, lastUsedStep);
  if (ok) {
    await tx.update(totpFactors).set({ lastUsedStep: step }).where(eq(totpFactors.personId, personId));
    await clearThrottle(tx, [throttleKey.totp(personId)]);
  }
  return ok;
}

const wrongCode = () =>
  new DomainError('invalid_state', 'wrong_code', 'That code is not right. Check the app and try the newest code.');

/** Upgrades a half-way session to a full one and remembers the device. */
async function finishSignIn(
  tx: Tx,
  session: { tokenHash: string; deviceToken: string | null; maxHours: number },
  personId: string,
  now: Date,
): Promise<string> {
  // The half-way session had a short life; signed in, it gets the usual one from now.
  await tx
    .update(sessions)
    .set({ stage: 'full', lastSeenAt: now, expiresAt: new Date(now.getTime() + session.maxHours * 3_600_000) })
    .where(eq(sessions.tokenHash, session.tokenHash));
  const deviceToken = session.deviceToken;
  return rememberDevice(tx, personId, deviceToken, now);
}

/**
 * Confirms enrolment with a first code from the app; returns the recovery codes (shown once). A
 * session that was waiting for set-up is signed in fully; the person's other sessions end.
 */
export async function confirmEnrolment(
  deps: Deps,
  caller: Caller,
  session: { tokenHash: string; stage: SessionStage; deviceToken: string | null; maxHours: number },
  code: string,
): Promise<{ recoveryCodes: string[]; deviceToken: string | null }> {
  const now = deps.clock.now();
  const personId = caller.actor.personId;
  await refuseWhileThrottled(deps.db, [throttleKey.totp(personId)], now);
  const [factor] = await deps.db.select().from(totpFactors).where(eq(totpFactors.personId, personId));
  if (!factor) throw new DomainError('invalid_state', 'not_started', 'Start the set-up first');
  if (factor.confirmedAt) throw new DomainError('conflict', 'already_enrolled', 'Two-factor sign-in is already set up');
  const result = await deps.db.transaction(async (tx) => {
    if (!(await checkCode(deps, tx, personId, factor.secret, factor.lastUsedStep, code))) return null;
    await tx.update(totpFactors).set({ confirmedAt: now }).where(eq(totpFactors.personId, personId));
    const codes = await replaceRecoveryCodes(tx, personId, now);
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt), ne(sessions.tokenHash, session.tokenHash)));
    const deviceToken = session.stage === 'full' ? null : await finishSignIn(tx, session, personId, now);
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'two_factor', entityId: personId }]);
    return { recoveryCodes: codes, deviceToken };
  });
  if (!result) {
    await failedCode(deps, caller, personId, now);
    throw wrongCode();
  }
  return result;
}

async function failedCode(deps: Deps, caller: Caller, personId: string, now: Date): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await recordFailure(tx, [throttleKey.totp(personId)], now);
    await audit(tx, caller, now, [{ verb: 'sign_in_failed', entityType: 'two_factor', entityId: personId }]);
  });
}

/** The second step of signing in: a code from the app, or one unused recovery code. */
export async function verifySecondStep(
  deps: Deps,
  caller: Caller,
  session: { tokenHash: string; stage: SessionStage; deviceToken: string | null; maxHours: number },
  input: { code: string } | { recoveryCode: string },
): Promise<{ deviceToken: string; usedRecoveryCode: boolean; recoveryCodesLeft: number }> {
  const now = deps.clock.now();
  const personId = caller.actor.personId;
  if (session.stage !== 'totp') throw new DomainError('invalid_state', 'no_code_due', 'No code is needed now');
  await refuseWhileThrottled(deps.db, [throttleKey.totp(personId)], now);
  const [factor] = await deps.db.select().from(totpFactors).where(eq(totpFactors.personId, personId));
  if (!factor?.confirmedAt) throw new DomainError('invalid_state', 'no_code_due', 'No code is needed now');
  const result = await deps.db.transaction(async (tx) => {
    let usedRecoveryCode = false;
    if ('code' in input) {
      if (!(await checkCode(deps, tx, personId, factor.secret, factor.lastUsedStep, input.code))) return null;
    } else {
      const used = await tx
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(
          and(
            eq(recoveryCodes.personId, personId),
            eq(recoveryCodes.codeHash, hashToken(input.recoveryCode)),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ id: recoveryCodes.id });
      if (used.length === 0) return null;
      usedRecoveryCode = true;
      await clearThrottle(tx, [throttleKey.totp(personId)]);
    }
    const deviceToken = await finishSignIn(tx, session, personId, now);
    const left = await tx
      .select({ id: recoveryCodes.id })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)));
    await audit(tx, caller, now, [{ verb: 'sign_in', entityType: 'two_factor', entityId: personId }]);
    return { deviceToken, usedRecoveryCode, recoveryCodesLeft: left.length };
  });
  if (!result) {
    await failedCode(deps, caller, personId, now);
    throw wrongCode();
  }
  return result;
}

/** Turns two-factor sign-in off (the password is asked again); refused where a program requires it. */
export async function disableTwoFactor(deps: Deps, caller: Caller, password: string): Promise<void> {
  const now = deps.clock.now();
  const personId = caller.actor.personId;
  const [person] = await deps.db.select().from(people).where(eq(people.id, personId));
  if (!person?.passwordHash || !(await verifyPassword(person.passwordHash, password))) {
    throw new DomainError('invalid_state', 'wrong_password', 'The password is not right');
  }
  if (await isRequiredFor(deps.db, personId, caller.actor.isAdmin)) {
    throw new DomainError('invalid_state', 'two_factor_required', 'Your program requires two-factor sign-in for your role');
  }
  await deps.db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId));
    await tx.delete(totpFactors).where(eq(totpFactors.personId, personId));
    await audit(tx, caller, now, [{ verb: 'delete', entityType: 'two_factor', entityId: personId }]);
  });
}

/** New recovery codes in place of the old ones (after using some, or losing the list). */
export async function newRecoveryCodes(deps: Deps, caller: Caller): Promise<string[]> {
  const now = deps.clock.now();
  const personId = caller.actor.personId;
  const [factor] = await deps.db.select().from(totpFactors).where(eq(totpFactors.personId, personId));
  if (!factor?.confirmedAt) throw new DomainError('invalid_state', 'not_enrolled', 'Set up two-factor sign-in first');
  return deps.db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, personId, now);
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'recovery_codes', entityId: personId }]);
    return codes;
  });
}

export async function getSignInSettings(deps: Deps, caller: Caller, programId: string): Promise<SignInSettings> {
  authorize(caller.actor, 'signin:configure', { programId });
  const s = (await settingsByProgram(deps.db, [programId])).get(programId);
  return s ?? { staffTwoFactorRequired: false };
}

export async function putSignInSettings(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: SignInSettings,
): Promise<SignInSettings> {
  authorize(caller.actor, 'signin:configure', { programId });
  const now = deps.clock.now();
  const [program] = await deps.db.select({ id: programs.id }).from(programs).where(eq(programs.id, programId));
  if (!program) throw notFound();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(signInSettings)
      .values({ programId, ...input, updatedAt: now, updatedBy: caller.actor.personId })
      .onConflictDoUpdate({
        target: signInSettings.programId,
        set: { ...input, updatedAt: now, updatedBy: caller.actor.personId },
      });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'sign_in_settings', entityId: programId, programId }]);
  });
  return input;
}
