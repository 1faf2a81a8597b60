import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '../../core/accounts';
import { ApiError } from './api';
import type { Locale } from '../../core/shared/locale';
import { deviceLocale, rememberDeviceLocale } from '../i18n/device-language';
import { I18nProvider, PageLocaleContext, type AppLocale } from '../i18n/i18n';
import { offlineReadsPersister, READS_MAX_AGE_MS, READS_VERSION, shouldKeepQuery } from './offline-reads';
import { confirmKeptReads, fetchMe, forgetSession, meKey } from './session';

/** When any request says the session has ended, forget it: RequireSession then sends the person to sign in. */
function onError(client: () => QueryClient) {
  return (error: unknown, key?: readonly unknown[]) => {
    if (error instanceof ApiError && error.isUnauthenticated && key?.[0] !== meKey[0]) void forgetSession(client(), 'ended');
  };
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (e, q) => onError(() => client)(e, q.queryKey) }),
    mutationCache: new MutationCache({
      onError: (e, _v, _c, m) => {
        // Signing in with a wrong password is a 401 too, and is not a lost session.
        if (m.options.mutationKey?.[0] !== 'sign-in') onError(() => client)(e);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change by asking again; a dropped connection or a 5xx might.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: true,
        // Kept as long as a coach's offline copy, so a page read once in a call can be read again (ADR 0042).
        gcTime: READS_MAX_AGE_MS,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

/**
 * The app's providers: queries, and the person's language (ADR 0041). In the browser app (no client
 * passed in) a coach's answers are also kept on the device for reading offline (ADR 0042); the
 * restored signed-in person is asked for again at once: the kept copy has no CSRF token, and the
 * session may have ended meanwhile. `locale` and `messages` fix the language (tests); otherwise it is
 * the signed-in person's, and before sign-in the one chosen on this device or the browser's (ADR 0051).
 */
export function Providers({
  children,
  client,
  locale,
  messages,
}: {
  children: ReactNode;
  client?: QueryClient;
  locale?: AppLocale;
  messages?: Record<string, string>;
}) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  const content = (
    <SessionLanguage locale={locale} messages={messages}>
      {children}
    </SessionLanguage>
  );
  if (client || typeof indexedDB === 'undefined') {
    return <QueryClientProvider client={queryClient}>{content}</QueryClientProvider>;
  }
  return (
    <PersistQueryClientProvider
      client={queryClient}
      persistOptions={{
        persister: offlineReadsPersister,
        maxAge: READS_MAX_AGE_MS,
        buster: READS_VERSION,
        dehydrateOptions: { shouldDehydrateQuery: (q) => shouldKeepQuery(queryClient.getQueryData<Me | null>(meKey), q) },
      }}
      // Not awaited: offline the question waits for the connection, and the pages must not.
      onSuccess={() => void confirmKeptReads(queryClient)}
    >
      {content}
    </PersistQueryClientProvider>
  );
}

/** The language chosen on this device before sign-in, and a way to change it ("English / Español"). */
export const DeviceLanguageContext = createContext<{ locale: Locale; choose: (locale: Locale) => void } | null>(null);

/** The device's language and its chooser (null outside the providers). */
export function useDeviceLanguage() {
  return useContext(DeviceLanguageContext);
}

/**
 * Follows the session's `locale` without asking the server itself (RequireSession does that); a
 * public page that knows the reader's language (the questionnaire link) offers it instead; before
 * sign-in, the device's language (ADR 0051).
 */
function SessionLanguage({
  locale,
  messages,
  children,
}: {
  locale: AppLocale | undefined;
  messages: Record<string, string> | undefined;
  children: ReactNode;
}) {
  const me = useQuery({ queryKey: meKey, queryFn: fetchMe, enabled: false });
  const [pageLocale, setPageLocale] = useState<Locale | null>(null);
  const [device, setDevice] = useState<Locale>(() => deviceLocale());
  const choose = useCallback((l: Locale) => {
    rememberDeviceLocale(l);
    setDevice(l);
  }, []);
  const deviceLanguage = useMemo(() => ({ locale: device, choose }), [device, choose]);
  return (
    <PageLocaleContext.Provider value={setPageLocale}>
      <DeviceLanguageContext.Provider value={deviceLanguage}>
        <I18nProvider locale={locale ?? pageLocale ?? me.data?.locale ?? device} {...(messages ? { messages } : {})}>
          {children}
        </I18nProvider>
      </DeviceLanguageContext.Provider>
    </PageLocaleContext.Provider>
  );
}
