/**
 * The send queue (ADR 0042): what a coach saved while the connection was down — a contact, a session
 * guide's draft or its finish — kept on the device (IndexedDB) with its client key and sent, in the
 * order it was saved, when the connection returns. The server saves a client key once, so sending
 * an entry again after an answer was lost stores nothing twice; an entry leaves the queue only when
 * the server has it (a 2xx, or a refusal that says it is already stored). Any other refusal stays,
 * marked, for the coach to see: nothing is dropped silently.
 */

import { createStore, del, get, update, type UseStore } from 'idb-keyval';
import { useSyncExternalStore } from 'react';
import { ApiError } from './api';

/** What an entry is: its label and its "waiting" words depend on it. */
export type QueuedKind = 'contact' | 'guide_draft' | 'guide_finish';

export interface QueuedSend {
  /** `kind:clientKey`; a newer draft of the same session replaces the older one in place. */
  id: string;
  kind: QueuedKind;
  /** Whose entry it is: only that person's session sends it. */
  personId: string;
  programId: string;
  participantId: string;
  clientKey: string;
  method: 'POST' | 'PUT';
  /** Below /api/v1, e.g. `/programs/…/contacts`. */
  path: string;
  body: unknown;
  /** Words for the coach, e.g. "Contact with Ann Smith". */
  label: string;
  /** Device clock, ms. */
  queuedAt: number;
  /** Set when the server refused the entry for a reason other than the connection. */
  refusal?: string;
}

/** How the queue is kept; IndexedDB in the browser, a Map in tests. */
export interface QueueStore {
  read(): Promise<QueuedSend[]>;
  /** Reads, changes and writes the whole queue in one step (one IndexedDB transaction). */
  change(f: (entries: QueuedSend[]) => QueuedSend[]): Promise<QueuedSend[]>;
  clear(): Promise<void>;
}

/** Queued entries older than this are deleted unsent: a draft on the server is kept as long (ADR 0035). */
export const QUEUE_KEEP_MS = 14 * 24 * 60 * 60_000;

const KEY = 'entries';
let idb: UseStore | null = null;
const idbStore = (): UseStore => (idb ??= createStore('kindred-send-queue', 'queue'));

export const indexedDbQueueStore: QueueStore = {
  read: async () => (await get<QueuedSend[]>(KEY, idbStore())) ?? [],
  change: async (f) => {
    let next: QueuedSend[] = [];
    await update<QueuedSend[]>(
      KEY,
      (old) => {
        next = f(old ?? []);
        return next;
      },
      idbStore(),
    );
    return next;
  },
  clear: () => del(KEY, idbStore()),
};

/** A queue kept in memory, for tests. */
export function memoryQueueStore(initial: QueuedSend[] = []): QueueStore {
  let entries = [...initial];
  return {
    read: async () => [...entries],
    change: async (f) => {
      entries = f([...entries]);
      return [...entries];
    },
    clear: async () => {
      entries = [];
    },
  };
}

/** Adds an entry at the end, or replaces the entry with the same id where it stands; a finish drops its session's draft. */
export function withQueued(entries: readonly QueuedSend[], entry: QueuedSend): QueuedSend[] {
  const rest =
    entry.kind === 'guide_finish'
      ? entries.filter((e) => !(e.kind === 'guide_draft' && e.clientKey === entry.clientKey))
      : [...entries];
  const at = rest.findIndex((e) => e.id === entry.id);
  if (at >= 0) {
    rest[at] = entry;
    return rest;
  }
  return [...rest, entry];
}

/** What one answer means for an entry. */
export type SendResult = 'stored' | 'refused' | 'later' | 'signed_out';

/**
 * Sorts an answer: a 2xx, or a draft refused because its session is already finished, is stored;
 * no answer, a 5xx, too many requests or a missing CSRF token is tried again later; a 401 waits for
 * the person to sign in again; any other refusal is shown to the coach.
 */
export function classifySend(entry: Pick<QueuedSend, 'kind'>, error: unknown): SendResult {
  if (!(error instanceof ApiError)) return error === undefined ? 'stored' : 'later';
  if (error.status === 0 || error.status >= 500 || error.status === 429) return 'later';
  if (error.status === 401) return 'signed_out';
  if (error.status === 403 && error.reason === 'csrf') return 'later';
  if (entry.kind === 'guide_draft' && error.reason === 'guide_already_finished') return 'stored';
  return 'refused';
}

export interface DrainOutcome {
  sent: number;
  refused: number;
  /** Why the drain stopped before the end, if it did. */
  stoppedFor: 'later' | 'signed_out' | null;
}

/**
 * Sends a person's entries in the order they were queued. Stops at the first entry that cannot be
 * sent now (no connection, server trouble, signed out) so that order is kept; a refused entry is
 * marked and the drain goes on. Entries refused earlier are not sent again until the coach says so.
 */
export async function drainQueue(
  store: QueueStore,
  personId: string,
  send: (entry: QueuedSend) => Promise<unknown>,
): Promise<DrainOutcome> {
  const outcome: DrainOutcome = { sent: 0, refused: 0, stoppedFor: null };
  const entries = (await store.read()).filter((e) => e.personId === personId && e.refusal === undefined);
  for (const entry of entries) {
    let error: unknown = undefined;
    try {
      await send(entry);
    } catch (e) {
      error = e ?? new Error('send failed');
    }
    const result = classifySend(entry, error);
    if (result === 'stored') {
      // Removed by id and only if unchanged: a newer draft saved meanwhile replaced it and still goes.
      await store.change((all) => all.filter((e) => !(e.id === entry.id && sameBody(e, entry))));
      outcome.sent += 1;
    } else if (result === 'refused') {
      const message = error instanceof ApiError ? error.message : 'Kindred could not save this.';
      await store.change((all) => all.map((e) => (e.id === entry.id ? { ...e, refusal: message } : e)));
      outcome.refused += 1;
    } else {
      outcome.stoppedFor = result;
      break;
    }
  }
  return outcome;
}

function sameBody(a: QueuedSend, b: QueuedSend): boolean {
  return JSON.stringify(a.body) === JSON.stringify(b.body);
}

/** Deletes entries older than QUEUE_KEEP_MS (device clock). */
export function withoutExpired(entries: readonly QueuedSend[], now: number): QueuedSend[] {
  return entries.filter((e) => now - e.queuedAt < QUEUE_KEEP_MS);
}

// ---- The browser's queue: one store, listeners for the page frame and the forms.

let store: QueueStore = indexedDbQueueStore;

/** False where the browser has no IndexedDB (some private windows, the component tests): nothing is kept. */
function hasStore(): boolean {
  return store !== indexedDbQueueStore || typeof indexedDB !== 'undefined';
}
let snapshot: readonly QueuedSend[] = [];
const listeners = new Set<() => void>();

function publish(entries: readonly QueuedSend[]): void {
  snapshot = entries;
  for (const l of listeners) l();
}

/** Tests swap the IndexedDB store for a memory one. */
export function setQueueStoreForTests(next: QueueStore): void {
  store = next;
  snapshot = [];
}

/** Reads the queue from the device (at start, after a drain, after another tab changed it). */
export async function refreshQueue(): Promise<readonly QueuedSend[]> {
  if (!hasStore()) return snapshot;
  const all = await store.read();
  const kept = withoutExpired(all, Date.now());
  publish(kept.length === all.length ? all : await store.change((e) => withoutExpired(e, Date.now())));
  return snapshot;
}

/** Keeps an entry on the device until the connection returns. */
export async function enqueue(entry: Omit<QueuedSend, 'id' | 'queuedAt'>): Promise<QueuedSend> {
  const full: QueuedSend = { ...entry, id: `${entry.kind}:${entry.clientKey}`, queuedAt: Date.now() };
  publish(await store.change((all) => withQueued(all, full)));
  return full;
}

/** The coach gives up on a refused entry (after reading why). */
export async function discardQueued(id: string): Promise<void> {
  publish(await store.change((all) => all.filter((e) => e.id !== id)));
}

/** Signing out on purpose deletes the person's entries from the device (after a warning). */
export async function discardPersonQueue(personId: string): Promise<void> {
  if (!hasStore()) return;
  publish(await store.change((all) => all.filter((e) => e.personId !== personId)));
}

let draining: Promise<DrainOutcome> | null = null;

/** Sends the person's entries; one drain at a time in this tab, and across tabs where the browser has locks. */
export function drainNow(personId: string, send: (entry: QueuedSend) => Promise<unknown>): Promise<DrainOutcome> {
  draining ??= (async () => {
    try {
      const run = () => drainQueue(store, personId, send);
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      return locks ? await locks.request('kindred-send-queue', run) : await run();
    } finally {
      draining = null;
      await refreshQueue();
    }
  })();
  return draining;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The person's queued entries, kept up to date. */
export function useSendQueue(personId: string | null | undefined): readonly QueuedSend[] {
  const all = useSyncExternalStore(subscribe, () => snapshot);
  return personId ? all.filter((e) => e.personId === personId) : [];
}

/** The person's entries now (for a page deciding where to resume a guide). */
export function queuedNow(personId: string): readonly QueuedSend[] {
  return snapshot.filter((e) => e.personId === personId);
}

/** True when a request should go to the queue straight away rather than be tried. */
export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** True for an error that means the request never got an answer. */
export function isNoAnswer(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0;
}

/**
 * Tries a write now; when offline, or when no answer came, keeps it in the queue instead and says
 * so (`{ queued }`). While earlier entries of the person still wait, a new one joins them at the end,
 * so the server receives them in the order they were saved (a newer draft is never overwritten by
 * an older one). Any answer from the server (a refusal included) is the caller's as usual.
 */
export async function sendOrQueue<T>(
  entry: Omit<QueuedSend, 'id' | 'queuedAt'>,
  send: () => Promise<T>,
): Promise<{ queued: false; data: T } | { queued: true; entry: QueuedSend }> {
  const isBehindOthers = queuedNow(entry.personId).some((e) => e.refusal === undefined);
  if (!hasStore() || (!isOffline() && !isBehindOthers)) {
    try {
      return { queued: false, data: await send() };
    } catch (e) {
      if (!isNoAnswer(e) || !hasStore()) throw e;
    }
  }
  return { queued: true, entry: await enqueue(entry) };
}
