/**
 * Offline reads for coaches (ADR 0042): the answers a coach's pages were given (Today, a
 * participant's record, the session guide) are kept on the device in IndexedDB, so that they can be
 * read again when the connection drops during a call. Only for a signed-in coach, never for staff,
 * participants or evaluators; never the CSRF token; deleted on sign-out, when the session ends, and
 * after READS_MAX_AGE_MS. Nothing personal goes into the service worker's Cache Storage.
 */

import type { PersistedClient, Persister } from '@tanstack/react-query-persist-client';
import type { Query } from '@tanstack/react-query';
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { Me } from '../../core/accounts';

/** A working day: answers kept longer are not restored (and the next write drops them). */
export const READS_MAX_AGE_MS = 12 * 60 * 60_000;

/** Changes when what is kept changes shape: older copies are then thrown away, not restored. */
export const READS_VERSION = 'reads-1';

const KEY = 'client';
let idb: UseStore | null = null;
const idbStore = (): UseStore => (idb ??= createStore('kindred-offline-reads', 'cache'));

/** `meta: { [KEEP_OFFLINE]: false }` on a query keeps it off the device. */
export const KEEP_OFFLINE = 'keepOffline';

/** True for a person whose pages are kept for offline reading: anyone who coaches in a program. */
export function keepsReadsOffline(me: Pick<Me, 'memberships'> | null | undefined): boolean {
  return !!me && me.memberships.some((m) => m.roles.includes('coach'));
}

/**
 * Which answers are kept: the signed-in person (without the CSRF token, removed on the way out) and
 * what the program's pages read; only answers that arrived, only while a coach is signed in, and
 * not the queries marked `meta: { keepOffline: false }`.
 */
export function shouldKeepQuery(
  me: Pick<Me, 'memberships'> | null | undefined,
  query: Pick<Query, 'queryKey' | 'state'> & { meta?: Query['meta'] },
): boolean {
  if (!keepsReadsOffline(me) || query.state.status !== 'success') return false;
  // A query read once per opening (a guide's draft) is never kept: a kept copy would be older than the server's.
  if (query.meta?.[KEEP_OFFLINE] === false) return false;
  const head = query.queryKey[0];
  return head === 'me' || head === 'programs';
}

/** Removes the CSRF token from the kept copy of the signed-in person: a token on disk outlives its purpose. */
export function withoutSecrets(client: PersistedClient): PersistedClient {
  return {
    ...client,
    clientState: {
      ...client.clientState,
      queries: client.clientState.queries.map((q) =>
        q.queryKey[0] === 'me' && q.state.data && typeof q.state.data === 'object'
          ? { ...q, state: { ...q.state, data: { ...(q.state.data as Me), csrfToken: '' } } }
          : q,
      ),
    },
  };
}

/** The IndexedDB persister for TanStack Query. */
export const offlineReadsPersister: Persister = {
  persistClient: async (client) => {
    // An empty cache (after sign-out, or for someone who is not a coach) is deleted, not written.
    if (client.clientState.queries.length === 0) await del(KEY, idbStore());
    else await set(KEY, withoutSecrets(client), idbStore());
  },
  restoreClient: () => get<PersistedClient>(KEY, idbStore()),
  removeClient: () => del(KEY, idbStore()),
};

/** Deletes the kept answers now (sign-out, an ended session). */
export async function clearOfflineReads(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  try {
    // Signing out waits for this; a browser whose IndexedDB does not answer must not hold it up.
    await Promise.race([del(KEY, idbStore()), new Promise((done) => setTimeout(done, 2000))]);
  } catch {
    // A browser without a usable IndexedDB (private mode in some) kept nothing to delete.
  }
}
