import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { isSessionLive, type SignInSessionView } from '../../../core/accounts';
import { notFound } from '../../../core/shared/errors';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { SessionSettings } from './accounts.service';
import { sessions } from './accounts.table';

/** The caller's live sessions, most recently active first, with this one marked. */
export async function listMySessions(
  deps: Deps,
  settings: SessionSettings,
  caller: Caller,
  currentTokenHash: string,
): Promise<SignInSessionView[]> {
  const now = deps.clock.now();
  const rows = await deps.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.personId, caller.actor.personId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        eq(sessions.stage, 'full'),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .limit(100);
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'session', entityId: caller.actor.personId }]);
  return rows
    .filter((s) => isSessionLive(s, settings.idleMinutes, now))
    .map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      browser: s.browser ?? 'Unknown browser',
      isCurrent: s.tokenHash === currentTokenHash,
    }));
}

/** Ends one of the caller's own sessions; someone else's answers 404 like one that does not exist. */
export async function endSession(deps: Deps, caller: Caller, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, id), eq(sessions.personId, caller.actor.personId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (ended.length === 0) throw notFound();
    await audit(tx, caller, now, [{ verb: 'sign_out', entityType: 'session', entityId: id }]);
  });
}

/** Ends every session of the caller's but this one. */
export async function endOtherSessions(deps: Deps, caller: Caller, currentTokenHash: string): Promise<number> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(
        and(eq(sessions.personId, caller.actor.personId), isNull(sessions.revokedAt), ne(sessions.tokenHash, currentTokenHash)),
      )
      .returning({ id: sessions.id });
    await audit(tx, caller, now, [{ verb: 'sign_out', entityType: 'session', entityId: caller.actor.personId }]);
    return ended.length;
  });
}
