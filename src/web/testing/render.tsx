import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, render, waitFor, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, vi } from 'vitest';
import { setCsrfToken } from '../app/api';
import { ProgramProvider, type Membership } from '../app/program';
import { Providers } from '../app/providers';
import { DeviceZoneProvider } from '../app/when';
import type { AppLocale } from '../i18n/i18n';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

export const PROGRAM_ID = '11111111-1111-4111-8111-111111111111';

export function membership(overrides: Partial<Membership> = {}): Membership {
  return {
    programId: PROGRAM_ID,
    programName: 'Riverside Pilot',
    timeZone: 'America/New_York',
    roles: ['coordinator'],
    coachId: null,
    participantId: null,
    can: [],
    ...overrides,
  };
}

/** A JSON response as the server would send it. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Replaces fetch with a list of answers keyed by "METHOD /path" (without /api/v1 and the query),
 * each a Response, a function making one, or an Error (a dropped connection). Records every call.
 */
export function mockApi(routes: Record<string, Response | Error | ((call: Call) => Response | Error)>): Call[] {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.replace(/^\/api\/v1/, '').split('?')[0] ?? '';
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    // JSON bodies are parsed; a file (an upload) is kept as it was sent.
    const sent = init?.body;
    const call: Call = {
      method,
      url,
      headers,
      body: typeof sent === 'string' ? (JSON.parse(sent) as unknown) : (sent ?? undefined),
    };
    calls.push(call);
    const answer = routes[`${method} ${path}`];
    const result = typeof answer === 'function' ? answer(call) : answer;
    if (!result) return json({ error: 'not_found', message: 'Not found', requestId: 'test' }, 404);
    if (result instanceof Error) throw result;
    return result.clone();
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

/** The query client of the UI rendered last, for `settled`. */
let lastClient: QueryClient | null = null;

function testClient(): QueryClient {
  lastClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return lastClient;
}

/**
 * Waits until every request of the UI rendered last has answered and React has rendered what came
 * back: the moment to check that something is *absent*. A fixed sleep instead would let such a check
 * pass before the answer arrived on a slow machine, whatever the page then shows (issue #14).
 */
export async function settled(): Promise<void> {
  const open = () => (lastClient ? lastClient.isFetching() + lastClient.isMutating() : 0);
  // An answer can enable the next request (a page that reads the person, then their sessions): the
  // quiet moment between the two is not the end, so wait until a render after it starts nothing more.
  for (let round = 0; round < 50; round++) {
    await waitFor(() => {
      if (!lastClient) throw new Error('nothing was rendered');
      if (open() > 0) throw new Error('requests still open');
    });
    // Observers hear of the answer in a batch that TanStack Query schedules with setTimeout(0) once the
    // request settles: that timer was set first, so one more zero timer runs after it, and act lets
    // React render what it changed.
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    if (open() === 0) return;
  }
  throw new Error('requests kept starting: the page never settled');
}

/** Renders UI with a query client and a router at `route`; `path` is the route pattern that matches it. */
export function renderWithRouter(
  ui: ReactElement,
  {
    route = '/',
    path = '*',
    locale,
    messages,
  }: { route?: string; path?: string; locale?: AppLocale; messages?: Record<string, string> } = {},
): RenderResult {
  return render(
    <Providers client={testClient()} {...(locale ? { locale } : {})} {...(messages ? { messages } : {})}>
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route path={path} element={ui} />
          <Route path="*" element={<p>Elsewhere</p>} />
        </Routes>
      </MemoryRouter>
    </Providers>,
  );
}

/**
 * Renders UI inside a program, as a member with the given `can` flags; `deviceZone` stands for the
 * browser's time zone (the test process's otherwise), so times can be checked against the program's.
 */
export function renderInProgram(
  ui: ReactElement,
  {
    member = membership(),
    route = '/',
    path = '*',
    deviceZone,
    ...language
  }: {
    member?: Membership;
    route?: string;
    path?: string;
    deviceZone?: string;
    locale?: AppLocale;
    messages?: Record<string, string>;
  } = {},
): RenderResult {
  const inProgram = <ProgramProvider membership={member}>{ui}</ProgramProvider>;
  return renderWithRouter(deviceZone ? <DeviceZoneProvider value={deviceZone}>{inProgram}</DeviceZoneProvider> : inProgram, {
    route,
    path,
    ...language,
  });
}
