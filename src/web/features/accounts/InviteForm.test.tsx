// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { InviteForm } from './InviteForm';

describe('InviteForm', () => {
  it('clears the server’s refusal of a field once that field is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      [`POST /programs/${PROGRAM_ID}/invitations`]: json(
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
    renderInProgram(<InviteForm role="coach" subjectId={null} defaultEmail="wren@example" defaultName="Wren Woman" />);
    const email = screen.getByRole('textbox', { name: 'E-mail address to invite' });
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
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
