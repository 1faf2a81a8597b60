import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../core/accounts';
import { confirmKeptReads, forgetSession, meKey } from './session';

const person = (id: string) => ({ id, memberships: [{ programId: 'p', roles: ['coach'] }], csrfToken: '' }) as unknown as Me;
const today = ['programs', 'p', 'today'];

/** A client as the app has it after restoring a coach's kept answers. */
function restored(): QueryClient {
  const client = new QueryClient();
  client.setQueryData(meKey, person('coach-1'));
  client.setQueryData(today, { pairs: ['Robert Ellis'] });
  return client;
}

describe('confirmKeptReads', () => {
  it('drops the kept answers when nobody is signed in any more', async () => {
    const client = restored();
    await confirmKeptReads(client, async () => null);
    expect(client.getQueryData(today)).toBeUndefined();
    expect(client.getQueryData(meKey)).toBeNull();
  });

  it('drops them when another person is signed in on the device', async () => {
    const client = restored();
    await confirmKeptReads(client, async () => person('participant-1'));
    expect(client.getQueryData(today)).toBeUndefined();
    expect(client.getQueryData<Me>(meKey)?.id).toBe('participant-1');
  });

  it('keeps them for the same person, and when the question cannot be answered (offline, a server error)', async () => {
    const same = restored();
    await confirmKeptReads(same, async () => person('coach-1'));
    expect(same.getQueryData(today)).toEqual({ pairs: ['Robert Ellis'] });
    const offline = restored();
    await confirmKeptReads(offline, async () => {
      throw new Error('Failed to fetch');
    });
    expect(offline.getQueryData(today)).toEqual({ pairs: ['Robert Ellis'] });
  });
});

describe('forgetSession', () => {
  it('has forgotten the person and every page once it resolves', async () => {
    const client = restored();
    await forgetSession(client);
    expect(client.getQueryData(today)).toBeUndefined();
    expect(client.getQueryData(meKey)).toBeNull();
  });
});
