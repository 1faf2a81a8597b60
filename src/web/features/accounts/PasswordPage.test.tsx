// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithRouter } from '../../testing/render';
import { PasswordPage } from './PasswordPage';

describe('PasswordPage', () => {
  it('clears the server’s refusal of a field once that field is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      'POST /auth/password': json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [{ path: 'newPassword', message: 'Choose a password you have not used here before.' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    renderWithRouter(<PasswordPage />);
    await user.type(screen.getByLabelText('Current password'), 'an old passphrase');
    const password = screen.getByLabelText('New password');
    await user.type(password, 'an old passphrase');
    await user.type(screen.getByLabelText('Repeat the new password'), 'an old passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'New password: Choose a password you have not used here before.',
    );
    expect(password.getAttribute('aria-invalid')).toBe('true');

    await user.click(password);
    await user.type(password, ' and a river');
    expect(password.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Choose a password you have not used here before.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(password);
  });
});
