import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { idleWarningLeadMs } from '../../../core/accounts';
import { api, ApiError } from '../../app/api';
import { forgetSession, useMe } from '../../app/session';
import { sessionEndsAt, subscribeSessionClock } from '../../app/session-clock';
import { Button } from '../../ui/controls';
import './accounts.css';
import { useT } from '../../i18n/i18n';

/** The time left as the message's arguments: under a minute, or whole minutes rounded up (as core's signOutInWords). */
function signOutIn(msLeft: number): { when: 'lessThanMinute' | 'minutes'; minutes: number } {
  return msLeft < 60_000 ? { when: 'lessThanMinute', minutes: 0 } : { when: 'minutes', minutes: Math.ceil(msLeft / 60_000) };
}

/**
 * The warning before the idle sign-out (issue #16, ADR 0035): a couple of minutes before the
 * session ends, a bar fixed to the bottom of the screen (seen on a phone whatever the scroll) says
 * so, with "Stay signed in", which asks the server once and so starts the idle time again. It does
 * not take the focus from what the person is doing; its message is announced. When the time runs
 * out the page goes to sign-in, which says why.
 */
export function IdleWarning() {
  const me = useMe();
  const client = useQueryClient();
  const endsAt = useSyncExternalStore(subscribeSessionClock, sessionEndsAt);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const checked = useRef<number | null>(null);
  const t = useT();
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);

  /** "Stay signed in" asks for something: any request starts the idle time again. */
  const ask = async (path: string) => {
    try {
      await api.get(path);
    } catch (e) {
      if (e instanceof ApiError && e.isUnauthenticated) void forgetSession(client, 'ended');
    }
  };
  const left = endsAt === null ? null : endsAt - now;
  useEffect(() => {
    // Time is up: ask the server, without counting as activity, whether another tab kept it going.
    if (endsAt === null || left === null || left > 0 || checked.current === endsAt) return;
    checked.current = endsAt;
    void ask('/session/remaining');
  });

  if (left === null || left <= 0 || left > idleWarningLeadMs(me.idleMinutes ?? 30)) return null;
  const stay = () => {
    setBusy(true);
    void ask('/me').finally(() => setBusy(false));
  };
  return (
    <section className="idle-warning" aria-labelledby="idle-warning-text">
      <p id="idle-warning-text" role="alert" className="idle-warning__text">
        {t('accounts.idle.warning', signOutIn(left))}
      </p>
      <Button onClick={stay} busy={busy} busyLabel={t('accounts.idle.staying')}>
        {t('accounts.idle.stay')}
      </Button>
    </section>
  );
}
