import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/database';
import { hashToken, newToken } from '../../platform/ids';
import { knownDevices } from './accounts.table';

/** Whether the browser's device cookie belongs to a device this person has signed in from before. */
export async function isKnownDevice(db: Db | Tx, personId: string, deviceToken: string | null): Promise<boolean> {
  if (!deviceToken) return false;
  const [row] = await db
    .select({ personId: knownDevices.personId })
    .from(knownDevices)
    .where(and(eq(knownDevices.tokenHash, hashToken(deviceToken)), eq(knownDevices.personId, personId)));
  return Boolean(row);
}

/**
 * Records that this browser is one the person signs in from. The browser keeps its device token if it
 * has one (several people may share a computer); otherwise it gets a new one.
 */
export async function rememberDevice(tx: Tx, personId: string, deviceToken: string | null, now: Date): Promise<string> {
  const token = deviceToken ?? newToken();
  await tx
    .insert(knownDevices)
    .values({ tokenHash: hashToken(token), personId, createdAt: now, lastUsedAt: now })
    .onConflictDoUpdate({ target: [knownDevices.tokenHash, knownDevices.personId], set: { lastUsedAt: now } });
  return token;
}
