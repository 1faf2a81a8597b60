// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithRouter } from '../../testing/render';
import { InvitationAcceptPage, languageFromHash, tokenFromHash } from './InvitationAcceptPage';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz0123456789';

describe('InvitationAcceptPage', () => {
  it('reads the token from the URL fragment', () => {
    expect(tokenFromHash(`#token=${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromHash('')).toBeNull();
    // A participant's link also says the participant's language (ADR 0051); the token is unchanged by it.
    expect(tokenFromHash(`#token=${TOKEN}&lang=es`)).toBe(TOKEN);
    expect(languageFromHash(`#token=${TOKEN}&lang=es`)).toBe('es');
    expect(languageFromHash(`#token=${TOKEN}&lang=en`)).toBe('en');
    expect(languageFromHash(`#token=${TOKEN}&lang=fr`)).toBeNull();
    expect(languageFromHash(`#token=${TOKEN}`)).toBeNull();
  });

  it('checks that the two passwords match before sending, then sends the token and password', async () => {
    const calls = mockApi({ 'POST /invitations/accept': json({ email: 'coach@example.org' }) });
    const user = userEvent.setup();
    renderWithRouter(<InvitationAcceptPage />, { route: `/invitation#token=${TOKEN}` });

    await user.type(screen.getByLabelText('New password'), 'a long enough passphrase');
    await user.type(screen.getByLabelText('Repeat the new password'), 'a different passphrase');
    await user.click(screen.getByRole('button', { name: 'Create my account' }));
    expect(screen.getByText('The two passwords are not the same')).toBeTruthy();
    expect(calls).toHaveLength(0);

    await user.clear(screen.getByLabelText('Repeat the new password'));
    await user.type(screen.getByLabelText('Repeat the new password'), 'a long enough passphrase');
    await user.click(screen.getByRole('button', { name: 'Create my account' }));
    expect(await screen.findByRole('link', { name: 'Sign in' })).toHaveProperty(
      'href',
      expect.stringContaining('email=coach%40example.org'),
    );
    expect(calls[0]!.body).toEqual({ token: TOKEN, password: 'a long enough passphrase' });
  });

  it('says so when the link has no token', () => {
    renderWithRouter(<InvitationAcceptPage />, { route: '/invitation' });
    expect(screen.getByRole('alert').textContent).toContain('This link is incomplete');
  });
  it('clears the server’s refusal of the password once it is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      'POST /invitations/accept': json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [{ path: 'password', message: 'This password is too easy to guess.' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    renderWithRouter(<InvitationAcceptPage />, { route: `/invitation#token=${TOKEN}` });
    const password = screen.getByLabelText('New password');
    await user.type(password, 'password12345');
    await user.type(screen.getByLabelText('Repeat the new password'), 'password12345');
    await user.click(screen.getByRole('button', { name: 'Create my account' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Password: This password is too easy to guess.');
    expect(password.getAttribute('aria-invalid')).toBe('true');

    await user.click(password);
    await user.type(password, ' river lamp');
    expect(password.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('This password is too easy to guess.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(password);
  });
});
