import { eq } from 'drizzle-orm';
import { browserSummary, shouldNotifyOwner } from '../../../core/accounts';
import { signInAttemptsMail } from '../../../core/accounts/mail';
import { DomainError } from '../../../core/shared/errors';
import { audit } from '../../platform/audit';
import type { Deps } from '../../platform/context';
import type { Tx } from '../../platform/database';
import { hashToken, newToken } from '../../platform/ids';
import { dummyHash, verifyPassword } from '../../platform/passwords';
import type { SessionSettings, SessionStage } from './accounts.service';
import { people, sessions } from './accounts.table';
import { isKnownDevice, rememberDevice } from './devices';
import { localeOfPerson } from './locale';
import { clearThrottle, recordFailure, refuseWhileThrottled, throttleKey } from './throttle.service';
import { twoFactorStageFor } from './twofactor.service';

/** Where a sign-in request comes from: the address, the device cookie and the browser. */
export interface SignInFrom {
  ip: string | null;
  requestId: string;
  /** The `kindred_device` cookie, when the browser sent one. */
  deviceToken: string | null;
  userAgent: string | null;
}

export interface OpenedSession {
  token: string;
  csrfToken: string;
  personId: string;
  stage: SessionStage;
  /** The device cookie to set (new, or the one the browser sent) once the person is fully signed in. */
  deviceToken: string | null;
}

const HALF_WAY_MS = 15 * 60_000;

const badCredentials = (): DomainError =>
  new DomainError('unauthenticated', 'bad_credentials', 'E-mail or password is not right');

/**
 * The throttle keys that apply to an attempt (ADR 0021): a device the account knows is slowed only by
 * its own failures; anything else by its address and by the account's failures from unknown devices.
 */
export function keysFor(email: string, from: SignInFrom, known: boolean): string[] {
  if (known && from.deviceToken) return [throttleKey.device(hashToken(from.deviceToken))];
  return [throttleKey.address(from.ip), throttleKey.account(email)];
}

/**
 * Signs a person in with e-mail and password. Nothing ever locks the account: attempts are slowed per
 * key with growing waits (429 with Retry-After) and the owner is e-mailed once per spell of failures
 * from unknown devices. With two-factor sign-in the session opens half-way (`totp` or `enrol`).
 */
export async function login(
  deps: Deps,
  settings: SessionSettings,
  input: { email: string; password: string },
  from: SignInFrom,
): Promise<OpenedSession> {
  const now = deps.clock.now();
  const at = { ip: from.ip, requestId: from.requestId };
  const [person] = await deps.db.select().from(people).where(eq(people.email, input.email));
  const known = person ? await isKnownDevice(deps.db, person.id, from.deviceToken) : false;
  const keys = keysFor(input.email, from, known);
  try {
    await refuseWhileThrottled(deps.db, keys, now);
  } catch (err) {
    await audit(deps.db, { actor: person ? { personId: person.id } : null, ...at }, now, [
      { verb: 'sign_in_failed', entityType: 'session' },
    ]);
    throw err;
  }
  const ok = person?.passwordHash
    ? await verifyPassword(person.passwordHash, input.password)
    : // Unknown e-mail: verify against a dummy hash, so the answer takes as long as for a real account.
      (await verifyPassword(await dummyHash(), input.password)) && false;
  if (!ok || !person) {
    await deps.db.transaction(async (tx) => {
      const counted = await recordFailure(tx, keys, now);
      const account = counted.get(throttleKey.account(input.email));
      if (person && account && shouldNotifyOwner(account.after)) {
        await tellOwner(deps, tx, person, account.after.firstFailureAt, now);
      }
      await audit(tx, { actor: person ? { personId: person.id } : null, ...at }, now, [
        { verb: 'sign_in_failed', entityType: 'session' },
      ]);
    });
    throw badCredentials();
  }
  const stage = await twoFactorStageFor(deps.db, person.id, person.isAdmin);
  return deps.db.transaction(async (tx) => {
    // The password is proved: the account's failures from unknown devices, and this device's, are forgiven.
    // The address keeps its count, so one valid account cannot wash an attacker's address clean.
    await clearThrottle(tx, keys.filter((k) => !k.startsWith('address:')).concat(throttleKey.account(input.email)));
    const opened = await openSession(tx, settings, person.id, stage, from, now);
    const deviceToken = stage === 'full' ? await rememberDevice(tx, person.id, from.deviceToken, now) : null;
    await audit(tx, { actor: { personId: person.id }, ...at }, now, [{ verb: 'sign_in', entityType: 'session' }]);
    return { ...opened, personId: person.id, stage, deviceToken };
  });
}

/** Opens a server-side session; the token goes to the cookie, only its hash is stored. */
export async function openSession(
  tx: Tx,
  settings: SessionSettings,
  personId: string,
  stage: SessionStage,
  from: Pick<SignInFrom, 'userAgent'>,
  now: Date,
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await tx.insert(sessions).values({
    tokenHash: hashToken(token),
    personId,
    stage,
    browser: browserSummary(from.userAgent),
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    // Half-way through signing in (a code or two-factor set-up due), a session lives 15 minutes at most.
    expiresAt: new Date(now.getTime() + (stage === 'full' ? settings.maxHours * 3_600_000 : HALF_WAY_MS)),
  });
  return { token, csrfToken };
}

/** One e-mail to the owner per spell of failures; the subject says nothing personal. */
async function tellOwner(
  deps: Deps,
  tx: Tx,
  person: { id: string; email: string; displayName: string },
  since: Date,
  now: Date,
): Promise<void> {
  await deps.mailer.enqueue(
    tx,
    {
      programId: null,
      to: person.email,
      idempotencyKey: `sign-in-failures:${person.id}:${since.toISOString()}`,
      ...signInAttemptsMail(await localeOfPerson(tx, person.id), { displayName: person.displayName, publicUrl: deps.publicUrl }),
    },
    now,
  );
}
