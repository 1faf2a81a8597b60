// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithRouter } from '../../testing/render';
import { ForgotPasswordPage } from './ForgotPasswordPage';
import { ResetPasswordPage } from './ResetPasswordPage';

const refusal = (path: string, message: string) =>
  json({ error: 'invalid_input', message: 'Some answers need attention.', fields: [{ path, message }], requestId: 'r1' }, 400);

describe('ForgotPasswordPage', () => {
  it('asks for a link and says the same whatever the address', async () => {
    const calls = mockApi({ 'POST /auth/password-reset/request': json({ ok: true }, 202) });
    const user = userEvent.setup();
    renderWithRouter(<ForgotPasswordPage />, { route: '/forgot-password?email=sam%40example.org' });
    expect(screen.getByRole('textbox', { name: 'E-mail' })).toHaveProperty('value', 'sam@example.org');
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('If sam@example.org belongs to a Kindred account');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'sam@example.org' });
  });

  it('clears the server’s refusal of the e-mail once it is changed, and leaves focus there (issue #16)', async () => {
    mockApi({ 'POST /auth/password-reset/request': refusal('email', 'Enter an e-mail address like name@example.org.') });
    const user = userEvent.setup();
    renderWithRouter(<ForgotPasswordPage />, { route: '/forgot-password?email=sam%40example' });
    const email = screen.getByRole('textbox', { name: 'E-mail' });
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
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

describe('ResetPasswordPage', () => {
  it('sends the token from the fragment with the new password, then offers to sign in', async () => {
    const calls = mockApi({ 'POST /auth/password-reset': json({ email: 'sam@example.org' }) });
    const user = userEvent.setup();
    renderWithRouter(<ResetPasswordPage />, { route: '/reset-password#token=abcdefghijklmnopqrstuvwxyz' });
    await user.type(screen.getByLabelText('New password'), 'a long new passphrase');
    await user.type(screen.getByLabelText('Repeat the new password'), 'a long new passphrase');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    expect((await screen.findByRole('status')).textContent).toContain('Your new password is saved');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in?email=sam%40example.org');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      token: 'abcdefghijklmnopqrstuvwxyz',
      password: 'a long new passphrase',
    });
  });

  it('says plainly when the link is used up, with a way to ask for a new one', async () => {
    mockApi({
      'POST /auth/password-reset': json(
        {
          error: 'not_found',
          reason: 'reset_invalid',
          message: 'This link is not valid any more. Ask for a new one.',
          requestId: 'r',
        },
        404,
      ),
    });
    const user = userEvent.setup();
    renderWithRouter(<ResetPasswordPage />, { route: '/reset-password#token=abcdefghijklmnopqrstuvwxyz' });
    await user.type(screen.getByLabelText('New password'), 'a long new passphrase');
    await user.type(screen.getByLabelText('Repeat the new password'), 'a long new passphrase');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This link is not valid any more');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeTruthy();
  });

  it('clears the server’s refusal of the password once it is changed, and leaves focus there (issue #16)', async () => {
    mockApi({ 'POST /auth/password-reset': refusal('password', 'This password is too easy to guess.') });
    const user = userEvent.setup();
    renderWithRouter(<ResetPasswordPage />, { route: '/reset-password#token=abcdefghijklmnopqrstuvwxyz' });
    const password = screen.getByLabelText('New password');
    await user.type(password, 'password12345');
    await user.type(screen.getByLabelText('Repeat the new password'), 'password12345');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    expect((await screen.findByRole('alert')).textContent).toContain('New password: This password is too easy to guess.');
    expect(password.getAttribute('aria-invalid')).toBe('true');

    await user.click(password);
    await user.type(password, ' river lamp');
    expect(password.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('This password is too easy to guess.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(password);
  });

  it('explains an incomplete link', () => {
    mockApi({});
    renderWithRouter(<ResetPasswordPage />, { route: '/reset-password' });
    expect(screen.getByRole('alert').textContent).toContain('This link is incomplete');
  });
});
