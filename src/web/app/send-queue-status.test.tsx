// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '../../core/accounts';
import { json, membership, mockApi, renderWithRouter } from '../testing/render';
import { memoryQueueStore, setQueueStoreForTests, type QueuedSend, type QueueStore } from './send-queue';
import { SendQueueStatus } from './send-queue-status';
import { RequireSession } from './session';

const COACH = '22222222-2222-4222-8222-222222222222';

const me: Me = {
  id: COACH,
  email: 'coach@example.org',
  displayName: 'Chris Coach',
  isAdmin: false,
  csrfToken: 'csrf-now',
  memberships: [membership({ roles: ['coach'] })],
  signInStep: 'done',
  idleMinutes: 30,
};

function queued(clientKey: string, label: string, extra: Partial<QueuedSend> = {}): QueuedSend {
  return {
    id: `contact:${clientKey}`,
    kind: 'contact',
    personId: COACH,
    programId: 'p',
    participantId: 'x',
    clientKey,
    method: 'POST',
    path: `/programs/p/contacts/${clientKey}`,
    body: { clientKey },
    label,
    queuedAt: Date.now(),
    ...extra,
  };
}

let store: QueueStore;
beforeEach(() => {
  store = memoryQueueStore();
  setQueueStoreForTests(store);
});
afterEach(() => setQueueStoreForTests(memoryQueueStore()));

function renderStatus(routes: Parameters<typeof mockApi>[0]) {
  const calls = mockApi({ 'GET /session': json({ me }), ...routes });
  renderWithRouter(
    <RequireSession fallback={(body) => body}>
      <SendQueueStatus />
    </RequireSession>,
  );
  return calls;
}

describe('SendQueueStatus', () => {
  it('sends what waits in order, with the session’s CSRF token, and then says nothing', async () => {
    await store.change(() => [queued('a', 'Contact with Ann'), queued('b', 'Contact with Bob')]);
    const calls = renderStatus({
      'POST /programs/p/contacts/a': () => json({ id: 'a' }, 201),
      'POST /programs/p/contacts/b': () => json({ id: 'b' }, 200),
    });
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toHaveLength(2));
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => (c.body as { clientKey: string }).clientKey)).toEqual(['a', 'b']);
    expect(posts.every((c) => c.headers['x-csrf-token'] === 'csrf-now')).toBe(true);
    await waitFor(() => expect(screen.queryByText(/^Waiting to send/)).toBeNull());
    expect(await store.read()).toEqual([]);
  });

  it('shows "Waiting to send: N" while Kindred cannot be reached, and keeps the entries', async () => {
    await store.change(() => [queued('a', 'Contact with Ann'), queued('b', 'Contact with Bob')]);
    renderStatus({ 'POST /programs/p/contacts/a': new TypeError('Failed to fetch') });
    const count = await screen.findByText('Waiting to send: 2');
    expect(count.closest('[role="status"]')?.textContent).toMatch(
      /^Waiting to send: 2 Sending them when Kindred can be reached\.$/,
    );
    await waitFor(async () => expect(await store.read()).toHaveLength(2));
  });

  it('shows a refusal with the server’s words until the coach removes it; nothing else is lost', async () => {
    await store.change(() => [queued('a', 'Contact with Ann')]);
    renderStatus({
      'POST /programs/p/contacts/a': json({ error: 'invalid_state', message: 'Ann has no coach now.', requestId: 'r' }, 409),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Contact with Ann: Ann has no coach now.');
    expect(await store.read()).toHaveLength(1);
    await userEvent.click(within(alert).getByRole('button', { name: 'Remove contact with Ann' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(await store.read()).toEqual([]);
  });
});
