// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithRouter } from '../../testing/render';
import { SignInWithCodePage } from './SignInWithCodePage';

const refusal = (path: string, message: string) =>
  json({ error: 'invalid_input', message: 'Some answers need attention.', fields: [{ path, message }], requestId: 'r1' }, 400);

describe('SignInWithCodePage', () => {
  it('clears the server’s refusal of the e-mail once it is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      'GET /session': json({ me: null }),
      'POST /auth/code/request': refusal('email', 'Enter an e-mail address like name@example.org.'),
    });
    const user = userEvent.setup();
    renderWithRouter(<SignInWithCodePage />, { route: '/sign-in/with-code?email=sam%40example' });
    const email = screen.getByRole('textbox', { name: 'E-mail' });
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    expect((await screen.findByRole('alert')).textContent).toContain('E-mail: Enter an e-mail address like name@example.org.');
    expect(email.getAttribute('aria-invalid')).toBe('true');

    await user.click(email);
    await user.type(email, '.org');
    expect(email.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Enter an e-mail address like name@example.org.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(email);
  });

  it('clears the server’s refusal of the code once it is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      'GET /session': json({ me: null }),
      'POST /auth/code/request': json({ ok: true }, 202),
      'POST /auth/code/sign-in': refusal('code', 'Type the 6 digits from the message.'),
    });
    const user = userEvent.setup();
    renderWithRouter(<SignInWithCodePage />, { route: '/sign-in/with-code?email=sam%40example.org' });
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    const code = await screen.findByRole('textbox', { name: 'Code' });
    await user.type(code, '12345');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Code: Type the 6 digits from the message.');
    expect(code.getAttribute('aria-invalid')).toBe('true');

    await user.click(code);
    await user.type(code, '6');
    expect(code.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Type the 6 digits from the message.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(code);
  });
});
