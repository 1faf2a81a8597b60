// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { EndPairingForm } from './EndPairingForm';

const PAIRING = '44444444-4444-4444-8444-444444444444';

describe('EndPairingForm', () => {
  it('clears the server’s refusal of a field once that field is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      [`POST /programs/${PROGRAM_ID}/pairings/${PAIRING}/end`]: json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [{ path: 'note', message: 'Leave out names and phone numbers.' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    renderInProgram(<EndPairingForm pairingId={PAIRING} coachName="Wren Woman" />);
    await user.click(screen.getByRole('button', { name: 'End the pairing with Wren Woman' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Why does the pairing end?' }), 'fit');
    const note = screen.getByRole('textbox', { name: /Note/ });
    await user.type(note, 'Call Sam on 555 0100');
    await user.click(screen.getByRole('button', { name: 'End pairing' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Note: Leave out names and phone numbers.');
    expect(note.getAttribute('aria-invalid')).toBe('true');

    await user.click(note);
    await user.clear(note);
    await user.type(note, 'They did not get on');
    expect(note.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Leave out names and phone numbers.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(note);
  });
});
