import type { PersistedClient } from '@tanstack/react-query-persist-client';
import { describe, expect, it } from 'vitest';
import { shouldKeepQuery, withoutSecrets } from './offline-reads';

const member = (roles: string[]) => ({ memberships: [{ roles }] }) as never;
const query = (key: unknown[], status: 'success' | 'error' | 'pending' = 'success') =>
  ({ queryKey: key, state: { status } }) as never;

describe('shouldKeepQuery', () => {
  it('keeps a coach’s answers about the signed-in person and the program’s pages', () => {
    const coach = member(['coach']);
    expect(shouldKeepQuery(coach, query(['me']))).toBe(true);
    expect(shouldKeepQuery(coach, query(['programs', 'p', 'today']))).toBe(true);
    expect(shouldKeepQuery(coach, query(['programs', 'p', 'participants', 'x', 'guide']))).toBe(true);
  });

  it('keeps nothing for staff, participants or nobody, and never a failed or unfinished answer', () => {
    expect(shouldKeepQuery(member(['coordinator']), query(['programs', 'p', 'today']))).toBe(false);
    expect(shouldKeepQuery(member(['participant']), query(['me']))).toBe(false);
    expect(shouldKeepQuery(null, query(['me']))).toBe(false);
    expect(shouldKeepQuery(member(['coach']), query(['programs', 'p', 'today'], 'error'))).toBe(false);
    expect(shouldKeepQuery(member(['coach']), query(['programs', 'p', 'today'], 'pending'))).toBe(false);
    expect(shouldKeepQuery(member(['coach']), query(['session-remaining']))).toBe(false);
    const draft = {
      ...(query(['programs', 'p', 'participants', 'x', 'guide', 'draft']) as object),
      meta: { keepOffline: false },
    };
    expect(shouldKeepQuery(member(['coach']), draft as never)).toBe(false);
  });
});

describe('withoutSecrets', () => {
  it('removes the CSRF token from the kept signed-in person and leaves other answers as they were', () => {
    const today = { queryKey: ['programs', 'p', 'today'], queryHash: 't', state: { data: { csrfToken: 'not-a-secret-here' } } };
    const client = {
      timestamp: 1,
      buster: 'b',
      clientState: {
        mutations: [],
        queries: [{ queryKey: ['me'], queryHash: 'm', state: { data: { id: 'u', csrfToken: 'secret' } } }, today],
      },
    } as unknown as PersistedClient;
    const kept = withoutSecrets(client);
    expect(JSON.stringify(kept)).not.toContain('"secret"');
    expect(kept.clientState.queries[0]!.state.data).toEqual({ id: 'u', csrfToken: '' });
    expect(kept.clientState.queries[1]).toBe(today);
  });
});
