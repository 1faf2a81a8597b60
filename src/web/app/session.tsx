import { useQuery, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Me } from '../../core/accounts';
import { ErrorAlert, Loading } from '../ui/feedback';
import { APP_NAME, Page } from '../ui/Page';
import { api, ApiError, setCsrfToken } from './api';
import { clearOfflineReads } from './offline-reads';
import { discardPersonQueue } from './send-queue';
import { markSessionEnded, resetSessionClock, wasSessionEnded } from './session-clock';
import { useT } from '../i18n/i18n';

export const meKey = ['me'] as const;

/** The signed-in person, or null when nobody is signed in. Remembers the CSRF token on the way. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const { me } = await api.get<{ me: Me | null }>('/session');
    setCsrfToken(me?.csrfToken ?? null);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.isUnauthenticated) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

/** After sign-in: the session is known without asking again. */
export function rememberSignIn(client: QueryClient, me: Me): void {
  resetSessionClock();
  setCsrfToken(me.csrfToken);
  client.setQueryData(meKey, me);
}

/**
 * After sign-out (or when the server says the session ended, `ended`): forget everything cached.
 * An ended session is remembered so that the sign-in page can say why (ADR 0035).
 *
 * What a coach kept on the device for reading offline is deleted before the page says "signed out"
 * (the returned promise): a page left at once (the next person opening the sign-in page) would
 * otherwise abort the deletion, and the kept answers would outlive the session (ADR 0042).
 */
export async function forgetSession(client: QueryClient, how: 'signed_out' | 'ended' = 'signed_out'): Promise<void> {
  const who = client.getQueryData<Me | null>(meKey);
  if (how === 'ended') markSessionEnded();
  else resetSessionClock();
  setCsrfToken(null);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
  // What waits to be sent goes only on a deliberate sign-out (after the warning): an ended
  // session's entries go once the coach signs in again (ADR 0042).
  if (how === 'signed_out' && who) void discardPersonQueue(who.id);
  await clearOfflineReads();
  client.setQueryData(meKey, null);
}

/**
 * After the kept answers were restored on opening the app: asks who is signed in now, and drops
 * the kept answers, on the device and in memory, unless they are that person's. A session that
 * ended meanwhile, or another person signing in on a shared device, must not see the last coach's
 * pages. Offline the question waits for the connection, and the kept copy stays readable.
 */
export async function confirmKeptReads(client: QueryClient, ask: () => Promise<Me | null> = fetchMe): Promise<void> {
  const kept = client.getQueryData<Me | null>(meKey);
  let now: Me | null;
  try {
    now = await client.fetchQuery({ queryKey: meKey, queryFn: ask, staleTime: 0 });
  } catch {
    return;
  }
  if (kept && now?.id !== kept.id) {
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    await clearOfflineReads();
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

const MeContext = createContext<Me | null>(null);

/** The signed-in person, or null outside RequireSession. */
export function useOptionalMe(): Me | null {
  return useContext(MeContext);
}

/** The signed-in person; only inside RequireSession. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside RequireSession');
  return me;
}

/** Renders its children for a signed-in person, or sends the visitor to sign in (and back after). */
export function RequireSession({ children, fallback }: { children: ReactNode; fallback: (body: ReactNode) => ReactNode }) {
  const me = useMeQuery();
  const location = useLocation();
  const t = useT();
  if (me.isPending) {
    return fallback(
      <Page title={APP_NAME}>
        <Loading label={t('app.checkingSignIn')} />
      </Page>,
    );
  }
  // A kept copy (ADR 0042) carries on when asking again failed: the page works offline.
  if (me.error && me.data === undefined) {
    return fallback(
      <Page title={APP_NAME}>
        <ErrorAlert error={me.error} title={t('app.couldNotCheckSignIn')} onRetry={() => void me.refetch()} />
      </Page>,
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    const params = new URLSearchParams();
    if (next !== '/') params.set('next', next);
    // The session ended under the person: the sign-in page says so (ADR 0035).
    if (wasSessionEnded()) params.set('ended', '1');
    const query = params.toString();
    return <Navigate to={query ? `/sign-in?${query}` : '/sign-in'} replace />;
  }
  if (me.data.signInStep !== 'done') {
    // Half-way through signing in (ADR 0021): the code, or two-factor set-up, comes before anything else.
    return <Navigate to={signInStepPath(me.data, location.pathname + location.search)} replace />;
  }
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}

/** Where a signed-in person goes next: the page asked for, or first the two-factor step or set-up. */
export function signInStepPath(me: Pick<Me, 'signInStep'>, next: string): string {
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  if (me.signInStep === 'totp') return `/sign-in/code${query}`;
  if (me.signInStep === 'enrol') return `/sign-in/two-factor${query}`;
  return next;
}

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return '/';
  return next;
}
