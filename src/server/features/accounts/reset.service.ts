import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { isResetUsable, RESET_MINUTES, RESETS_PER_HOUR } from '../../../core/accounts';
import { passwordResetMail } from '../../../core/accounts/mail';
import { DomainError } from '../../../core/shared/errors';
import { DEFAULT_LOCALE } from '../../../core/shared/locale';
import { audit } from '../../platform/audit';
import type { Deps } from '../../platform/context';
import { hashToken, newId, newToken } from '../../platform/ids';
import { hashPassword } from '../../platform/passwords';
import { participants } from '../participants/participants.table';
import { passwordResets, people, sessions } from './accounts.table';
import { clearThrottle, throttleKey } from './throttle.service';

/**
 * "Forgot your password?": e-mails a one-time link that works for 30 minutes (ADR 0021). The caller
 * gets the same answer whether or not the address has an account; at most three e-mails an hour go
 * to one account however often someone asks (and the route is rate-limited per address).
 */
export async function requestPasswordReset(
  deps: Deps,
  input: { email: string },
  from: { ip: string | null; requestId: string },
): Promise<void> {
  const now = deps.clock.now();
  // The account's participant record, if any, gives the e-mail's language (issue #16).
  const [found] = await deps.db
    .select({ person: people, locale: participants.locale })
    .from(people)
    .leftJoin(participants, eq(participants.personId, people.id))
    .where(eq(people.email, input.email))
    .limit(1);
  const person = found?.person;
  if (!person) {
    await audit(deps.db, { actor: null, ...from }, now, [{ verb: 'create', entityType: 'password_reset' }]);
    return;
  }
  const hourAgo = new Date(now.getTime() - 3_600_000);
  await deps.db.transaction(async (tx) => {
    const [recent] = await tx
      .select({ n: count() })
      .from(passwordResets)
      .where(and(eq(passwordResets.personId, person.id), gt(passwordResets.createdAt, hourAgo)));
    if ((recent?.n ?? 0) >= RESETS_PER_HOUR) return;
    const token = newToken();
    const expiresAt = new Date(now.getTime() + RESET_MINUTES * 60_000);
    const id = newId();
    await tx.insert(passwordResets).values({ id, personId: person.id, tokenHash: hashToken(token), createdAt: now, expiresAt });
    await deps.mailer.enqueue(
      tx,
      {
        programId: null,
        to: person.email,
        ...passwordResetMail(found.locale ?? DEFAULT_LOCALE, {
          displayName: person.displayName,
          link: `${deps.publicUrl}/reset-password#token=${token}`,
          minutes: RESET_MINUTES,
        }),
      },
      now,
    );
    await audit(tx, { actor: null, ...from }, now, [{ verb: 'create', entityType: 'password_reset', entityId: id }]);
  });
}

/** Sets a new password with a reset link, once; every session of the account ends. */
export async function resetPassword(
  deps: Deps,
  input: { token: string; password: string },
  from: { ip: string | null; requestId: string },
): Promise<{ email: string }> {
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const [reset] = await tx
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, hashToken(input.token)))
      .for('update');
    if (!reset || !isResetUsable(reset, now)) {
      throw new DomainError('not_found', 'reset_invalid', 'This link is not valid any more. Ask for a new one.');
    }
    const [person] = await tx
      .update(people)
      .set({ passwordHash, passwordChangedAt: now })
      .where(eq(people.id, reset.personId))
      .returning({ id: people.id, email: people.email });
    if (!person) throw new Error('person row missing');
    // This link and any other still open for the account are used up.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.personId, person.id), isNull(passwordResets.usedAt)));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.personId, person.id), isNull(sessions.revokedAt)));
    await clearThrottle(tx, [throttleKey.account(person.email)]);
    await audit(tx, { actor: { personId: person.id }, ...from }, now, [
      { verb: 'update', entityType: 'password', entityId: person.id },
    ]);
    return { email: person.email };
  });
}
