// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithRouter, settled } from '../../testing/render';
import { SignInPage } from './SignInPage';

const notSignedIn = json({ me: null });

describe('SignInPage', () => {
  it('lists the demo accounts in demo mode, and a demo account button fills in the form', async () => {
    mockApi({
      'GET /session': notSignedIn,
      'GET /config': json({ isDemo: true, demoAccounts: ['coordinator@example.org', 'coach@example.org'] }),
    });
    const user = userEvent.setup();
    renderWithRouter(<SignInPage />);

    expect(await screen.findByRole('heading', { name: 'Demo accounts' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Use coach@example.org' }));
    expect(screen.getByRole('textbox', { name: 'E-mail' })).toHaveProperty('value', 'coach@example.org');
    expect(screen.getByLabelText('Password')).toHaveProperty('value', 'kindred-demo');
  });

  it('shows no demo accounts when the server is not a demo', async () => {
    const calls = mockApi({ 'GET /session': notSignedIn, 'GET /config': json({ isDemo: false, demoAccounts: [] }) });
    renderWithRouter(<SignInPage />);
    await settled();
    expect(calls.some((c) => c.url.endsWith('/config'))).toBe(true);
    expect(screen.queryByRole('heading', { name: 'Demo accounts' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Use / })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  });

  it('signs in and says plainly when the password is wrong', async () => {
    const calls = mockApi({
      'GET /session': notSignedIn,
      'GET /config': json({ isDemo: false, demoAccounts: [] }),
      'POST /auth/login': json(
        { error: 'unauthenticated', reason: 'bad_credentials', message: 'E-mail or password is not right', requestId: 'r2' },
        401,
      ),
    });
    const user = userEvent.setup();
    renderWithRouter(<SignInPage />);
    await user.type(screen.getByRole('textbox', { name: 'E-mail' }), 'coach@example.org');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toContain('E-mail or password is not right');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'coach@example.org', password: 'wrong password' });
  });

  it('offers "Forgot your password?" and, for participants, a code instead, carrying the typed e-mail', async () => {
    mockApi({ 'GET /session': notSignedIn, 'GET /config': json({ isDemo: false, demoAccounts: [] }) });
    const user = userEvent.setup();
    renderWithRouter(<SignInPage />);
    await user.type(screen.getByRole('textbox', { name: 'E-mail' }), 'sam@example.org');
    expect(screen.getByRole('link', { name: 'Forgot your password?' }).getAttribute('href')).toBe(
      '/forgot-password?email=sam%40example.org',
    );
    expect(screen.getByRole('link', { name: 'Sign in with a code instead' }).getAttribute('href')).toBe(
      '/sign-in/with-code?email=sam%40example.org',
    );
  });

  it('goes on to the code step when two-factor sign-in is on, and says plainly when tries are slowed', async () => {
    let slowed = true;
    mockApi({
      'GET /session': notSignedIn,
      'GET /config': json({ isDemo: false, demoAccounts: [] }),
      'POST /auth/login': () =>
        slowed
          ? json(
              {
                error: 'rate_limited',
                reason: 'too_many_tries',
                message: 'Too many tries. Wait a few seconds, then try again.',
                waitUnit: 'few',
                waitCount: 8,
                requestId: 'r',
              },
              429,
            )
          : json({
              id: 'p1',
              email: 'sam@example.org',
              displayName: 'Sam',
              isAdmin: false,
              csrfToken: 'c',
              memberships: [],
              signInStep: 'totp',
            }),
    });
    const user = userEvent.setup();
    renderWithRouter(<SignInPage />, { route: '/sign-in?next=%2Fcrisis-help', path: '/sign-in' });
    await user.type(screen.getByRole('textbox', { name: 'E-mail' }), 'sam@example.org');
    await user.type(screen.getByLabelText('Password'), 'the right password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Too many tries. Wait a few seconds, then try again.');
    slowed = false;
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Elsewhere')).toBeTruthy();
  });

  it('clears the server’s refusal of a field once that field is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      'GET /session': notSignedIn,
      'GET /config': json({ isDemo: false, demoAccounts: [] }),
      'POST /auth/login': json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [{ path: 'email', message: 'Enter an e-mail address like name@example.org.' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    renderWithRouter(<SignInPage />);
    const email = screen.getByRole('textbox', { name: 'E-mail' });
    await user.type(email, 'coach@example');
    await user.type(screen.getByLabelText('Password'), 'a long passphrase');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('E-mail: Enter an e-mail address like name@example.org.');
    expect(email.getAttribute('aria-invalid')).toBe('true');

    await user.click(email);
    await user.type(email, '.org');
    expect(email.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Enter an e-mail address like name@example.org.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(email);
  });
});

describe('SignInPage with single sign-on (ADR 0031)', () => {
  it('shows the provider’s button, a full page load to the start of single sign-on, when the server has one', async () => {
    mockApi({
      'GET /session': notSignedIn,
      'GET /config': json({ isDemo: false, demoAccounts: [] }),
      'GET /auth/options': json({ singleSignOn: { label: 'Sign in with VA SSO' } }),
    });
    renderWithRouter(<SignInPage />);
    const link = await screen.findByRole('link', { name: 'Sign in with VA SSO' });
    expect(link.getAttribute('href')).toBe('/api/v1/auth/oidc/start');
  });

  it('shows no such button without a provider, and says plainly when single sign-on did not work', async () => {
    const calls = mockApi({
      'GET /session': notSignedIn,
      'GET /config': json({ isDemo: false, demoAccounts: [] }),
      'GET /auth/options': json({ singleSignOn: null }),
    });
    renderWithRouter(<SignInPage />, { route: '/sign-in?sso=failed' });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Single sign-on did not work for this account; sign in with your password or ask your coordinator.',
    );
    expect(screen.getByRole('alert').textContent).toContain('Coaches and participants sign in with a password or a code.');
    await settled();
    expect(calls.some((c) => c.url.endsWith('/auth/options'))).toBe(true);
    expect(screen.queryByRole('link', { name: /single sign-on|SSO/ })).toBeNull();
  });
});
