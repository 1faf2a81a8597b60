import { createHash } from 'node:crypto';
import { inArray, lt, sql } from 'drizzle-orm';
import {
  afterFailure,
  FORGET_AFTER_MS,
  retryAfterSeconds,
  waitFor,
  waitInWords,
  waitParts,
  type ThrottleState,
} from '../../../core/accounts';
import { DomainError } from '../../../core/shared/errors';
import type { Db, Tx } from '../../platform/database';
import { signInThrottle } from './accounts.table';

/** Throttle keys (ADR 0021). The e-mail is hashed so the table holds no address. */
export const throttleKey = {
  address: (ip: string | null) => `address:${ip ?? 'unknown'}`,
  account: (email: string) => `account:${createHash('sha256').update(email.toLowerCase()).digest('hex')}`,
  device: (deviceHash: string) => `device:${deviceHash}`,
  totp: (personId: string) => `totp:${personId}`,
};

const EPOCH = new Date(0);

/** The current state of each key that has one. */
export async function loadThrottle(db: Db | Tx, keys: string[]): Promise<Map<string, ThrottleState>> {
  if (keys.length === 0) return new Map();
  const rows = await db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys));
  return new Map(rows.map((r) => [r.key, r]));
}

/** The longest wait any of the keys still has at `now` (0: go ahead). */
export async function throttleWait(db: Db | Tx, keys: string[], now: Date): Promise<number> {
  const states = await loadThrottle(db, keys);
  return Math.max(0, ...keys.map((k) => waitFor(states.get(k) ?? null, now)));
}

/** Refuses with 429 and a Retry-After while any key must wait. */
export async function refuseWhileThrottled(db: Db | Tx, keys: string[], now: Date): Promise<void> {
  const wait = await throttleWait(db, keys, now);
  if (wait > 0) throw throttled(wait);
}

export function throttled(waitMs: number): DomainError {
  return new DomainError(
    'rate_limited',
    'too_many_tries',
    `Too many tries. Wait ${waitInWords(waitMs)}, then try again.`,
    retryAfterSeconds(waitMs),
    // The wait in parts, so the web can say it in the reader's language (ADR 0051).
    waitParts(waitMs),
  );
}

/**
 * Counts one failure on each key, inside the caller's transaction. The row is created if missing
 * and locked before it is read (`FOR UPDATE`), so concurrent failures on several servers each count.
 * Returns each key's state before and after.
 */
export async function recordFailure(
  tx: Tx,
  keys: string[],
  now: Date,
): Promise<Map<string, { before: ThrottleState | null; after: ThrottleState }>> {
  const out = new Map<string, { before: ThrottleState | null; after: ThrottleState }>();
  // Spells long past count for nothing; deleting them keeps the table to the last day's failures.
  await tx.delete(signInThrottle).where(lt(signInThrottle.lastFailureAt, new Date(now.getTime() - FORGET_AFTER_MS * 24)));
  for (const key of [...keys].sort()) {
    await tx
      .insert(signInThrottle)
      .values({ key, failures: 0, firstFailureAt: EPOCH, lastFailureAt: EPOCH, blockedUntil: null })
      .onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(signInThrottle)
      .where(sql`${signInThrottle.key} = ${key}`)
      .for('update');
    const before = row && row.failures > 0 ? row : null;
    const after = afterFailure(before, now);
    await tx
      .update(signInThrottle)
      .set(after)
      .where(sql`${signInThrottle.key} = ${key}`);
    out.set(key, { before, after });
  }
  return out;
}

/** Forgets the failures of keys whose owner has now proved who they are. */
export async function clearThrottle(tx: Db | Tx, keys: string[]): Promise<void> {
  if (keys.length > 0) await tx.delete(signInThrottle).where(inArray(signInThrottle.key, keys));
}
