import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import {
  afterExpiredClaim,
  afterRejection,
  CLAIM_LEASE_MS,
  PHONE_MATCH_DIGITS,
  phoneKey,
  phoneMatch,
  type OutboxChannel,
} from '../../core/outbox';
import type { Db, Tx } from './database';
import { outboxMessages, smsOptOuts } from './mail.table';

export type OutboxRow = typeof outboxMessages.$inferSelect;

/**
 * Why a send failed, as far as delivery is concerned:
 * - `retry`: the provider certainly did not take the message (refused connection, an error reply);
 *   it is queued again with back-off.
 * - `permanent`: certainly not taken, and trying again will not help (bad number, bad credentials).
 * - `opted_out`: the provider says the recipient opted out; recorded and the message suppressed.
 * - `unknown`: the request may have reached the provider (a timeout, a connection cut mid-request):
 *   the message is never sent again automatically.
 * `code` is a short, non-personal code (an SMTP reply code, an HTTP status, a provider error number).
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    readonly code: string,
    readonly outcome: 'retry' | 'permanent' | 'opted_out' | 'unknown',
  ) {
    super(`delivery failed: ${code}`);
  }
}

/** Hands one message to a provider; resolves once the provider has accepted it. */
export interface OutboxTransport {
  send(message: OutboxRow): Promise<{ providerRef: string | null }>;
}

export interface DeliveryRun {
  sent: number;
  failed: number;
}

/** Whether the number is opted out of texts (STOP). */
export async function isOptedOut(db: Db | Tx, phone: string): Promise<boolean> {
  const key = phoneKey(phone);
  if (!key) return false;
  return (await optOutOf(db, key)) !== null;
}

/** The opt-out that covers this phone key (matched on its last digits, see `phoneMatch`), if any. */
export async function optOutOf(db: Db | Tx, key: string): Promise<typeof smsOptOuts.$inferSelect | null> {
  const [row] = await db
    .select()
    .from(smsOptOuts)
    .where(sql`right(${smsOptOuts.phoneKey}, ${PHONE_MATCH_DIGITS}) = ${phoneMatch(key)}`)
    .limit(1);
  return row ?? null;
}

/**
 * Claims the oldest due message of the channel for this run, in a transaction of its own: the row is
 * locked (`FOR UPDATE SKIP LOCKED`, so two runs — two processes on PostgreSQL — never claim the same
 * row) and moved to `sending`. The claim is committed before the provider is called; `attempts`
 * counts claims. (A single `UPDATE … WHERE id IN (SELECT … LIMIT 1 FOR UPDATE SKIP LOCKED)` is not
 * used: PostgreSQL may evaluate that subquery more than once and claim several rows.)
 */
export async function claimNext(db: Db | Tx, channel: OutboxChannel, now: Date): Promise<OutboxRow | null> {
  return db.transaction(async (tx) => {
    const [due] = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.channel, channel),
          eq(outboxMessages.state, 'queued'),
          or(isNull(outboxMessages.nextAttemptAt), lte(outboxMessages.nextAttemptAt, now)),
        ),
      )
      .orderBy(asc(outboxMessages.createdAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!due) return null;
    const [row] = await tx
      .update(outboxMessages)
      .set({ state: 'sending', claimedAt: now, attempts: sql`${outboxMessages.attempts} + 1` })
      .where(and(eq(outboxMessages.id, due.id), eq(outboxMessages.state, 'queued')))
      .returning();
    return row ?? null;
  });
}

/**
 * Claims whose run died (its server stopped between claiming and recording the provider's answer),
 * once older than the lease, become what `afterExpiredClaim` says: e-mail is queued again for any
 * server to send (at least once, same Message-ID), a text becomes `unknown` and is not sent again
 * without a person deciding to (ADR 0012, ADR 0043). The rows are locked as they are read, so two
 * servers expiring at once handle each claim once.
 */
export async function expireClaims(db: Db, channel: OutboxChannel, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const stale = await tx
      .select({ id: outboxMessages.id, attempts: outboxMessages.attempts })
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.channel, channel),
          eq(outboxMessages.state, 'sending'),
          lt(outboxMessages.claimedAt, new Date(now.getTime() - CLAIM_LEASE_MS)),
        ),
      )
      .for('update', { skipLocked: true });
    for (const m of stale)
      await tx
        .update(outboxMessages)
        .set({ state: afterExpiredClaim(channel, m.attempts), lastError: 'interrupted', claimedAt: null, nextAttemptAt: null })
        .where(eq(outboxMessages.id, m.id));
    return stale.length;
  });
}

const BATCH = 50;

/**
 * One delivery run over a channel: claim, send, record — one message at a time, so a server that dies
 * holds at most one claim. `isStopping` is asked before each claim: a server that is stopping finishes
 * the message in hand and claims no more, leaving the rest to the other servers.
 */
export async function deliverChannel(
  db: Db,
  channel: OutboxChannel,
  transport: OutboxTransport,
  at: () => Date,
  isStopping: () => boolean = () => false,
): Promise<DeliveryRun> {
  await expireClaims(db, channel, at());
  let sent = 0;
  let failed = 0;
  // Guarded by this run's own claim: a run that outlived its lease cannot overwrite what the server
  // that took the message over records.
  const finish = (m: OutboxRow, set: Partial<typeof outboxMessages.$inferInsert>) =>
    db
      .update(outboxMessages)
      .set({ claimedAt: null, ...set })
      .where(and(eq(outboxMessages.id, m.id), eq(outboxMessages.state, 'sending'), eq(outboxMessages.claimedAt, m.claimedAt!)));
  for (let i = 0; i < BATCH && !isStopping(); i++) {
    const m = await claimNext(db, channel, at());
    if (!m) break;
    if (channel === 'sms' && (await isOptedOut(db, m.toAddress))) {
      await finish(m, { state: 'suppressed' });
      continue;
    }
    try {
      const { providerRef } = await transport.send(m);
      await finish(m, { state: 'sent', sentAt: at(), providerRef, lastError: null });
      sent++;
    } catch (err) {
      failed++;
      const e = err instanceof DeliveryError ? err : new DeliveryError('error', 'unknown');
      if (e.outcome === 'retry') {
        const next = afterRejection(m.attempts, at());
        await finish(m, { ...next, lastError: e.code });
      } else if (e.outcome === 'opted_out') {
        await optOut(db, m.toAddress, 'provider', at());
        await finish(m, { state: 'suppressed', lastError: e.code });
      } else {
        await finish(m, { state: e.outcome === 'permanent' ? 'failed' : 'unknown', lastError: e.code });
      }
    }
  }
  return { sent, failed };
}

/** Records an opt-out (idempotent). Returns false when the number is not a phone number. */
export async function optOut(db: Db | Tx, phone: string, keyword: string, now: Date): Promise<boolean> {
  const key = phoneKey(phone);
  if (!key) return false;
  await db.insert(smsOptOuts).values({ phoneKey: key, keyword, optedOutAt: now }).onConflictDoNothing();
  return true;
}

/** Removes an opt-out (START). Returns false when the number is not a phone number. */
export async function optIn(db: Db | Tx, phone: string): Promise<boolean> {
  const key = phoneKey(phone);
  if (!key) return false;
  await db.delete(smsOptOuts).where(sql`right(${smsOptOuts.phoneKey}, ${PHONE_MATCH_DIGITS}) = ${phoneMatch(key)}`);
  return true;
}

/**
 * One channel's delivery runs in this process: one at a time, and a call while one runs makes it go
 * round once more, so a message committed after the run began is not left for the next timer.
 * `deliverSoon` starts a run only when something was queued since the last one began: the server
 * calls it after each write request, so an e-mailed sign-in code leaves at once rather than at the
 * next tick of the 15-second timer (which stays, for retries and for other processes' messages).
 */
export function deliveryRuns(channel: OutboxChannel, transport: OutboxTransport | null) {
  let delivering: Promise<DeliveryRun> | null = null;
  let again = false;
  let queued = false;
  let stopping = false;
  const loop = async (db: Db, at: () => Date): Promise<DeliveryRun> => {
    const total: DeliveryRun = { sent: 0, failed: 0 };
    do {
      again = false;
      queued = false;
      const run = await deliverChannel(db, channel, transport!, at, () => stopping);
      total.sent += run.sent;
      total.failed += run.failed;
    } while (again && !stopping);
    return total;
  };
  const deliverPending = (db: Db, at: () => Date): Promise<DeliveryRun> => {
    if (!transport || stopping) return Promise.resolve({ sent: 0, failed: 0 });
    if (delivering) {
      again = true;
      return delivering;
    }
    delivering = loop(db, at).finally(() => {
      delivering = null;
    });
    return delivering;
  };
  return {
    /** Says a message was written for this channel (its transaction may still be open). */
    queued(): void {
      if (transport) queued = true;
    },
    deliverPending,
    /** The run it started or joined, or null when nothing was queued since the last run began. */
    deliverSoon(db: Db, at: () => Date, onError: (err: Error) => void): Promise<DeliveryRun | void> | null {
      if (!queued) return null;
      return deliverPending(db, at).catch(onError);
    },
    /**
     * For a stopping server: claims nothing more, and resolves once the message in hand has been
     * sent and recorded, so a clean stop leaves no claim behind for the lease to expire.
     */
    async drain(): Promise<void> {
      stopping = true;
      await delivering?.catch(() => undefined);
    },
  };
}
