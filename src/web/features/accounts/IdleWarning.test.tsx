// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../../../core/accounts';
import { RequireSession } from '../../app/session';
import { resetSessionClock, SESSION_ENDS_HEADER } from '../../app/session-clock';
import { membership, mockApi, renderWithRouter } from '../../testing/render';
import { IdleWarning } from './IdleWarning';
import { SignInPage } from './SignInPage';

const me: Me = {
  id: '22222222-2222-4222-8222-222222222222',
  email: 'coach@example.org',
  displayName: 'James Walker',
  isAdmin: false,
  csrfToken: 'c',
  memberships: [membership({ roles: ['coach'] })],
  signInStep: 'done',
  idleMinutes: 30,
};
const answer = (body: unknown, secondsLeft: number | null, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      ...(secondsLeft === null ? {} : { [SESSION_ENDS_HEADER]: String(secondsLeft) }),
    },
  });

afterEach(() => resetSessionClock());

describe('IdleWarning', () => {
  it('says nothing while the session has time left', async () => {
    mockApi({ 'GET /session': answer({ me }, 25 * 60) });
    renderWithRouter(
      <RequireSession fallback={(b) => b}>
        <p>Signed in</p>
        <IdleWarning />
      </RequireSession>,
    );
    await screen.findByText('Signed in');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('warns two minutes before the idle sign-out; "Stay signed in" asks the server and the warning goes', async () => {
    let left = 110;
    const calls = mockApi({ 'GET /session': () => answer({ me }, left), 'GET /me': () => answer(me, left) });
    renderWithRouter(
      <RequireSession fallback={(b) => b}>
        <p>Signed in</p>
        <IdleWarning />
      </RequireSession>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('You will be signed out in 2 minutes because Kindred has not been used for a while.');
    left = 30 * 60;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Stay signed in' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(calls.filter((c) => c.url.endsWith('/me'))).toHaveLength(1);
  });

  it('goes to sign-in, which says why, when "Stay signed in" finds the session already ended', async () => {
    let ended = false;
    mockApi({
      'GET /session': answer({ me }, 5),
      'GET /me': () => (ended ? answer({ error: 'unauthenticated', message: 'Sign in first' }, null, 401) : answer(me, 5)),
    });
    renderWithRouter(
      <>
        <RequireSession fallback={(b) => b}>
          <p>Signed in</p>
          <IdleWarning />
        </RequireSession>
      </>,
      { route: '/programs/p/today', path: '/programs/p/today' },
    );
    await screen.findByRole('alert');
    ended = true;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Stay signed in' }));
    // The test router shows "Elsewhere" for /sign-in; the address carries ended=1 for the sign-in page.
    await screen.findByText('Elsewhere');
  });
});

describe('IdleWarning when the time is up', () => {
  it('asks the server without counting as activity, and goes to sign-in when the session has ended', async () => {
    const calls = mockApi({
      'GET /session': answer({ me }, 0),
      'GET /session/remaining': answer({ error: 'unauthenticated', message: 'Sign in first' }, null, 401),
    });
    renderWithRouter(
      <RequireSession fallback={(b) => b}>
        <p>Signed in</p>
        <IdleWarning />
      </RequireSession>,
      { route: '/programs/p/today', path: '/programs/p/today' },
    );
    await screen.findByText('Elsewhere');
    expect(calls.filter((c) => c.url.endsWith('/session/remaining'))).toHaveLength(1);
    expect(calls.filter((c) => c.url.endsWith('/session'))).toHaveLength(1);
  });
});

describe('SignInPage after an idle sign-out', () => {
  it('says the person was signed out and that the guide kept what was entered', async () => {
    mockApi({
      'GET /session': answer({ me: null }, null),
      'GET /auth/options': answer({}, null),
    });
    renderWithRouter(<SignInPage />, { route: '/sign-in?next=%2Fprograms%2Fp%2Fguide&ended=1', path: '/sign-in' });
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toMatch(/You were signed out/);
    expect(notice.textContent).toMatch(/what you entered in a session guide has been kept/);
  });
});
