import { onlineManager, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { Button } from '../ui/controls';
import { api } from './api';
import { discardQueued, drainNow, isOffline, queuedNow, refreshQueue, useSendQueue, type QueuedSend } from './send-queue';
import { fetchMe, forgetSession, meKey, useMe } from './session';

/** How often a waiting queue is tried again while the page is open (besides the browser's "online"). */
export const RETRY_EVERY_MS = 30_000;

function send(entry: QueuedSend): Promise<unknown> {
  return entry.method === 'POST' ? api.post(entry.path, entry.body) : api.put(entry.path, entry.body);
}

/** "1 thing" / "3 things": counts in words a coach would use. */
export function waitingWords(n: number): string {
  return n === 1 ? '1 thing you saved' : `${n} things you saved`;
}

/**
 * Sends what waits on the device when the connection returns (ADR 0042) and says so in the page
 * frame: "Waiting to send: N" (a status), and any entry the server refused, with why and "Remove"
 * (an alert). Before sending, the session is asked for again: a page opened offline has no CSRF
 * token yet, and an ended session sends the coach to sign in, the entries kept for afterwards.
 */
export function SendQueueStatus() {
  const me = useMe();
  const client = useQueryClient();
  const entries = useSendQueue(me.id);
  const waiting = entries.filter((e) => e.refusal === undefined);
  const refused = entries.filter((e) => e.refusal !== undefined);
  const isOnline = useSyncExternalStore(
    (l) => onlineManager.subscribe(l),
    () => onlineManager.isOnline(),
  );

  const drain = useCallback(async () => {
    if (isOffline() || !queuedNow(me.id).some((e) => e.refusal === undefined)) return;
    let who;
    try {
      who = await fetchMe();
    } catch {
      return; // No answer yet: the next "online" event or retry tries again.
    }
    if (!who || who.id !== me.id) {
      client.setQueryData(meKey, who);
      if (!who) void forgetSession(client, 'ended');
      return;
    }
    const outcome = await drainNow(me.id, send);
    if (outcome.stoppedFor === 'signed_out') void forgetSession(client, 'ended');
    if (outcome.sent > 0) void client.invalidateQueries({ queryKey: ['programs'] });
  }, [client, me.id]);

  useEffect(() => {
    void refreshQueue().then(() => drain());
    const onOnline = () => void drain();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [drain]);

  const hasWaiting = waiting.length > 0;
  useEffect(() => {
    if (!hasWaiting) return;
    // Soon after something joins the queue while the browser believes it is online (a dropped
    // request, or behind earlier entries), then every RETRY_EVERY_MS.
    const first = setTimeout(() => void drain(), 1000);
    const every = setInterval(() => void drain(), RETRY_EVERY_MS);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, [hasWaiting, waiting.length, drain]);

  return (
    <>
      {/* Shown only while something waits, so that pages keep one status each otherwise. */}
      {hasWaiting ? (
        <div className="send-queue" role="status">
          <p className="send-queue__waiting">
            <strong>Waiting to send: {waiting.length}</strong>{' '}
            {!isOnline
              ? `You are offline. ${waitingWords(waiting.length)} ${waiting.length === 1 ? 'is' : 'are'} kept on this device and sent when you are back online.`
              : `Sending ${waiting.length === 1 ? 'it' : 'them'} when Kindred can be reached.`}
          </p>
        </div>
      ) : null}
      {refused.length > 0 ? (
        <section className="send-queue send-queue--refused" role="alert" aria-labelledby="send-queue-refused">
          <h2 id="send-queue-refused">Kindred could not save {refused.length === 1 ? 'this' : 'these'}</h2>
          <ul>
            {refused.map((e) => (
              <li key={e.id}>
                <p>
                  <strong>{e.label}:</strong> {e.refusal}
                </p>
                <Button variant="secondary" onClick={() => void discardQueued(e.id)}>
                  Remove {e.label.charAt(0).toLowerCase() + e.label.slice(1)}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
