import { createHash, randomInt } from 'node:crypto';
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { isSignInCodeUsable, mayUseSignInCode, SIGN_IN_CODE_MINUTES, SIGN_IN_CODES_PER_HOUR } from '../../../core/accounts';
import { signInCodeMail, signInCodeWords } from '../../../core/accounts/mail';
import { DomainError } from '../../../core/shared/errors';
import { DEFAULT_LOCALE } from '../../../core/shared/locale';
import { audit } from '../../platform/audit';
import type { Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { participants } from '../participants/participants.table';
import type { SessionSettings } from './accounts.service';
import { people, roleGrants, signInCodes } from './accounts.table';
import { rememberDevice } from './devices';
import { keysFor, openSession, type OpenedSession, type SignInFrom } from './signin.service';
import { clearThrottle, recordFailure, refuseWhileThrottled, throttleKey } from './throttle.service';
import { twoFactorStageFor } from './twofactor.service';

/** A code is stored hashed with the person's id, so equal codes of two people never share a hash. */
const codeHash = (personId: string, code: string) => createHash('sha256').update(`${personId}:${code}`).digest('hex');

/**
 * Sends a participant a six-digit sign-in code by e-mail or text (ADR 0021). The answer is the same
 * whoever asks: an unknown address, a staff member or a coach (who sign in with a password) get
 * nothing, and so does anyone past three codes in the hour.
 */
export async function requestSignInCode(
  deps: Deps,
  input: { email: string; channel: 'email' | 'sms' },
  from: { ip: string | null; requestId: string },
): Promise<void> {
  const now = deps.clock.now();
  const [person] = await deps.db.select().from(people).where(eq(people.email, input.email));
  const grants = person ? await deps.db.select().from(roleGrants).where(eq(roleGrants.personId, person.id)) : [];
  if (
    !person ||
    !mayUseSignInCode(
      grants.map((g) => g.role),
      person.isAdmin,
    )
  ) {
    await audit(deps.db, { actor: null, ...from }, now, [{ verb: 'create', entityType: 'sign_in_code' }]);
    return;
  }
  const [record] = await deps.db
    .select({ phone: participants.phone, programId: participants.programId, locale: participants.locale })
    .from(participants)
    .where(eq(participants.personId, person.id))
    .limit(1);
  const channel = input.channel === 'sms' && record?.phone ? 'sms' : 'email';
  await deps.db.transaction(async (tx) => {
    const [recent] = await tx
      .select({ n: count() })
      .from(signInCodes)
      .where(and(eq(signInCodes.personId, person.id), gt(signInCodes.createdAt, new Date(now.getTime() - 3_600_000))));
    if ((recent?.n ?? 0) >= SIGN_IN_CODES_PER_HOUR) return;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = newId();
    // A new code replaces any earlier one still open.
    await tx
      .update(signInCodes)
      .set({ usedAt: now })
      .where(and(eq(signInCodes.personId, person.id), isNull(signInCodes.usedAt)));
    await tx.insert(signInCodes).values({
      id,
      personId: person.id,
      codeHash: codeHash(person.id, code),
      channel,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SIGN_IN_CODE_MINUTES * 60_000),
    });
    const locale = record?.locale ?? DEFAULT_LOCALE;
    if (channel === 'sms' && record?.phone) {
      await deps.texter.enqueue(
        tx,
        { programId: record.programId, to: record.phone, text: signInCodeWords(locale, code, SIGN_IN_CODE_MINUTES) },
        now,
      );
    } else {
      await deps.mailer.enqueue(
        tx,
        {
          programId: null,
          to: person.email,
          ...signInCodeMail(locale, { displayName: person.displayName, code, minutes: SIGN_IN_CODE_MINUTES }),
        },
        now,
      );
    }
    await audit(tx, { actor: null, ...from }, now, [{ verb: 'create', entityType: 'sign_in_code', entityId: id }]);
  });
}

const wrongCode = () =>
  new DomainError('unauthenticated', 'bad_code', 'That code is not right, or it has expired. Ask for a new one.');

/** Signs a participant in with the code; throttled like a password (address and account keys). */
export async function signInWithCode(
  deps: Deps,
  settings: SessionSettings,
  input: { email: string; code: string },
  from: SignInFrom,
): Promise<OpenedSession> {
  const now = deps.clock.now();
  const at = { ip: from.ip, requestId: from.requestId };
  const keys = keysFor(input.email, from, false);
  await refuseWhileThrottled(deps.db, keys, now);
  const [person] = await deps.db.select().from(people).where(eq(people.email, input.email));
  const [open] = person
    ? await deps.db
        .select()
        .from(signInCodes)
        .where(and(eq(signInCodes.personId, person.id), isNull(signInCodes.usedAt)))
        .orderBy(desc(signInCodes.createdAt))
        .limit(1)
    : [];
  const ok = Boolean(person && open && isSignInCodeUsable(open, now) && open.codeHash === codeHash(person.id, input.code));
  if (!ok || !person || !open) {
    await deps.db.transaction(async (tx) => {
      await recordFailure(tx, keys, now);
      if (open) {
        await tx
          .update(signInCodes)
          .set({ failedTries: sql`${signInCodes.failedTries} + 1` })
          .where(eq(signInCodes.id, open.id));
      }
      await audit(tx, { actor: person ? { personId: person.id } : null, ...at }, now, [
        { verb: 'sign_in_failed', entityType: 'session' },
      ]);
    });
    throw wrongCode();
  }
  const stage = await twoFactorStageFor(deps.db, person.id, person.isAdmin);
  return deps.db.transaction(async (tx) => {
    const used = await tx
      .update(signInCodes)
      .set({ usedAt: now })
      .where(and(eq(signInCodes.id, open.id), isNull(signInCodes.usedAt)))
      .returning({ id: signInCodes.id });
    if (used.length === 0) throw wrongCode();
    await clearThrottle(tx, [throttleKey.account(input.email)]);
    const opened = await openSession(tx, settings, person.id, stage, from, now);
    const deviceToken = stage === 'full' ? await rememberDevice(tx, person.id, from.deviceToken, now) : null;
    await audit(tx, { actor: { personId: person.id }, ...at }, now, [
      { verb: 'sign_in', entityType: 'session', entityId: open.id },
    ]);
    return { ...opened, personId: person.id, stage, deviceToken };
  });
}
