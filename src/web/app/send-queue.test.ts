import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import {
  classifySend,
  drainQueue,
  enqueue,
  indexedDbQueueStore,
  memoryQueueStore,
  QUEUE_KEEP_MS,
  queuedNow,
  refreshQueue,
  sendOrQueue,
  setQueueStoreForTests,
  withoutExpired,
  withQueued,
  type QueuedSend,
} from './send-queue';

const COACH = 'coach-1';
let at = 1_000;

function entry(kind: QueuedSend['kind'], clientKey: string, body: unknown = { clientKey }, personId = COACH): QueuedSend {
  at += 1;
  return {
    id: `${kind}:${clientKey}`,
    kind,
    personId,
    programId: 'p',
    participantId: 'ann',
    clientKey,
    method: kind === 'guide_draft' ? 'PUT' : 'POST',
    path: `/x/${clientKey}`,
    body,
    label: 'Contact with Ann',
    queuedAt: at,
  };
}

const noAnswer = () => new ApiError(0, { error: 'network', message: 'Could not reach Kindred.' });
const refusal = (status: number, reason?: string) =>
  new ApiError(status, { error: 'x', message: 'The contact cannot be more than 7 days ago.', ...(reason ? { reason } : {}) });

/** A server in miniature: saves each client key once, as the real tables' unique (program, client_key) do. */
function fakeServer() {
  const stored = new Map<string, unknown>();
  const sent: string[] = [];
  return {
    stored,
    sent,
    send: async (e: QueuedSend) => {
      sent.push(e.clientKey);
      if (!stored.has(e.clientKey)) stored.set(e.clientKey, e.body);
    },
  };
}

describe('withQueued', () => {
  it('adds entries at the end, in the order they were saved', () => {
    const a = entry('contact', 'a');
    const b = entry('contact', 'b');
    expect(withQueued(withQueued([], a), b).map((e) => e.id)).toEqual(['contact:a', 'contact:b']);
  });

  it('replaces an older draft of the same session where it stands', () => {
    const d1 = entry('guide_draft', 'k', { step: 1 });
    const c = entry('contact', 'c');
    const d2 = entry('guide_draft', 'k', { step: 2 });
    const next = withQueued(withQueued(withQueued([], d1), c), d2);
    expect(next.map((e) => e.id)).toEqual(['guide_draft:k', 'contact:c']);
    expect(next[0]!.body).toEqual({ step: 2 });
  });

  it('drops the draft of a session when its finish is queued (the finish carries everything)', () => {
    const next = withQueued([entry('guide_draft', 'k'), entry('guide_draft', 'other')], entry('guide_finish', 'k'));
    expect(next.map((e) => e.id)).toEqual(['guide_draft:other', 'guide_finish:k']);
  });
});

describe('classifySend', () => {
  it('counts a 2xx as stored and keeps what can succeed later', () => {
    expect(classifySend({ kind: 'contact' }, undefined)).toBe('stored');
    expect(classifySend({ kind: 'contact' }, noAnswer())).toBe('later');
    expect(classifySend({ kind: 'contact' }, refusal(503))).toBe('later');
    expect(classifySend({ kind: 'contact' }, refusal(429))).toBe('later');
    expect(classifySend({ kind: 'contact' }, refusal(403, 'csrf'))).toBe('later');
    expect(classifySend({ kind: 'contact' }, refusal(401))).toBe('signed_out');
  });

  it('counts a draft refused because its session is already finished as stored, and any other refusal as refused', () => {
    expect(classifySend({ kind: 'guide_draft' }, refusal(409, 'guide_already_finished'))).toBe('stored');
    expect(classifySend({ kind: 'contact' }, refusal(409, 'client_key_reused'))).toBe('refused');
    expect(classifySend({ kind: 'contact' }, refusal(400))).toBe('refused');
    expect(classifySend({ kind: 'guide_finish' }, refusal(404))).toBe('refused');
  });
});

describe('drainQueue', () => {
  it('sends the person’s entries in order and empties the queue', async () => {
    const store = memoryQueueStore([entry('contact', 'a'), entry('guide_draft', 'b'), entry('guide_finish', 'c')]);
    const server = fakeServer();
    const out = await drainQueue(store, COACH, server.send);
    expect(server.sent).toEqual(['a', 'b', 'c']);
    expect(out).toEqual({ sent: 3, refused: 0, stoppedFor: null });
    expect(await store.read()).toEqual([]);
  });

  it('leaves another person’s entries alone', async () => {
    const other = entry('contact', 'z', {}, 'coach-2');
    const store = memoryQueueStore([other, entry('contact', 'a')]);
    const server = fakeServer();
    await drainQueue(store, COACH, server.send);
    expect(server.sent).toEqual(['a']);
    expect(await store.read()).toEqual([other]);
  });

  it('stops at the first entry that cannot be sent now and keeps the rest in order', async () => {
    const store = memoryQueueStore([entry('contact', 'a'), entry('contact', 'b'), entry('contact', 'c')]);
    const send = vi.fn(async (e: QueuedSend) => {
      if (e.clientKey === 'b') throw noAnswer();
    });
    const out = await drainQueue(store, COACH, send);
    expect(send.mock.calls.map(([e]) => e.clientKey)).toEqual(['a', 'b']);
    expect(out.stoppedFor).toBe('later');
    expect((await store.read()).map((e) => e.clientKey)).toEqual(['b', 'c']);
  });

  it('keeps everything when the session has ended, for after signing in again', async () => {
    const store = memoryQueueStore([entry('contact', 'a')]);
    const out = await drainQueue(store, COACH, async () => {
      throw refusal(401);
    });
    expect(out.stoppedFor).toBe('signed_out');
    expect(await store.read()).toHaveLength(1);
  });

  it('stores an entry once when its first answer was lost on the way back (the client key)', async () => {
    const store = memoryQueueStore([entry('contact', 'a')]);
    const server = fakeServer();
    // The server saves it, but the answer never arrives.
    const lost = async (e: QueuedSend) => {
      await server.send(e);
      throw noAnswer();
    };
    expect((await drainQueue(store, COACH, lost)).stoppedFor).toBe('later');
    expect(await store.read()).toHaveLength(1);
    expect((await drainQueue(store, COACH, server.send)).sent).toBe(1);
    expect(server.sent).toEqual(['a', 'a']);
    expect(server.stored.size).toBe(1);
    expect(await store.read()).toEqual([]);
    // A later drain has nothing left to send.
    await drainQueue(store, COACH, server.send);
    expect(server.sent).toHaveLength(2);
  });

  it('marks a refused entry with the server’s words, keeps it, goes on, and does not send it again', async () => {
    const store = memoryQueueStore([entry('contact', 'a'), entry('contact', 'b')]);
    const send = vi.fn(async (e: QueuedSend) => {
      if (e.clientKey === 'a') throw refusal(400);
    });
    const out = await drainQueue(store, COACH, send);
    expect(out).toEqual({ sent: 1, refused: 1, stoppedFor: null });
    const [kept, ...rest] = await store.read();
    expect(rest).toEqual([]);
    expect(kept).toMatchObject({ clientKey: 'a', refusal: 'The contact cannot be more than 7 days ago.' });
    await drainQueue(store, COACH, send);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('keeps a draft replaced while it was being sent, so the newer answers still go', async () => {
    const store = memoryQueueStore([entry('guide_draft', 'k', { step: 1 })]);
    const sentBodies: unknown[] = [];
    const send = async (e: QueuedSend) => {
      sentBodies.push(e.body);
      if (sentBodies.length === 1) await store.change((all) => withQueued(all, entry('guide_draft', 'k', { step: 2 })));
    };
    await drainQueue(store, COACH, send);
    expect((await store.read()).map((e) => e.body)).toEqual([{ step: 2 }]);
    await drainQueue(store, COACH, send);
    expect(sentBodies).toEqual([{ step: 1 }, { step: 2 }]);
    expect(await store.read()).toEqual([]);
  });
});

describe('withoutExpired', () => {
  it('drops entries older than the keeping time', () => {
    const old = { ...entry('contact', 'old'), queuedAt: 0 };
    const recent = { ...entry('contact', 'new'), queuedAt: QUEUE_KEEP_MS };
    expect(withoutExpired([old, recent], QUEUE_KEEP_MS + 1).map((e) => e.clientKey)).toEqual(['new']);
  });
});

describe('the device’s queue (IndexedDB)', () => {
  afterEach(async () => {
    await indexedDbQueueStore.clear();
    vi.unstubAllGlobals();
  });

  it('keeps entries across reads, in order, and replaces a draft in place', async () => {
    setQueueStoreForTests(indexedDbQueueStore);
    const base = entry('contact', 'a');
    await enqueue({ ...base });
    await enqueue({ ...entry('guide_draft', 'k', { step: 1 }) });
    await enqueue({ ...entry('guide_draft', 'k', { step: 3 }) });
    const read = await indexedDbQueueStore.read();
    expect(read.map((e) => [e.id, e.body])).toEqual([
      ['contact:a', { clientKey: 'a' }],
      ['guide_draft:k', { step: 3 }],
    ]);
    expect((await refreshQueue()).map((e) => e.id)).toEqual(['contact:a', 'guide_draft:k']);
  });
});

describe('sendOrQueue', () => {
  beforeEach(() => setQueueStoreForTests(memoryQueueStore()));
  afterEach(() => vi.unstubAllGlobals());
  const base = () => {
    const { id: _id, queuedAt: _at, ...rest } = entry('contact', 'q');
    return rest;
  };

  it('sends at once when online and nothing waits', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    await expect(sendOrQueue(base(), async () => 'saved')).resolves.toEqual({ queued: false, data: 'saved' });
    expect(queuedNow(COACH)).toEqual([]);
  });

  it('queues without trying when the browser is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const send = vi.fn(async () => 'saved');
    const r = await sendOrQueue(base(), send);
    expect(r.queued).toBe(true);
    expect(send).not.toHaveBeenCalled();
    expect(queuedNow(COACH).map((e) => e.id)).toEqual(['contact:q']);
  });

  it('queues when the request got no answer, and joins the queue behind it afterwards', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    expect((await sendOrQueue(base(), () => Promise.reject(noAnswer()))).queued).toBe(true);
    const send = vi.fn(async () => 'saved');
    const next = { ...base(), clientKey: 'r' };
    expect((await sendOrQueue(next, send)).queued).toBe(true);
    expect(send).not.toHaveBeenCalled();
    expect(queuedNow(COACH).map((e) => e.clientKey)).toEqual(['q', 'r']);
  });

  it('gives a refusal back to the form instead of queuing it', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    await expect(sendOrQueue(base(), () => Promise.reject(refusal(400)))).rejects.toThrow('7 days');
    expect(queuedNow(COACH)).toEqual([]);
  });
});
