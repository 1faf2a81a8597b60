import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiError } from './api';
import { forgetSession, meKey } from './session';

/** When any request says the session has ended, forget it: RequireSession then sends the person to sign in. */
function onError(client: () => QueryClient) {
  return (error: unknown, key?: readonly unknown[]) => {
    if (error instanceof ApiError && error.isUnauthenticated && key?.[0] !== meKey[0]) forgetSession(client(), 'ended');
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
      },
      mutations: { retry: false },
    },
  });
  return client;
}

export function Providers({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
