// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import type { FullParticipant } from './participants.api';
import { StatusChangeForm } from './StatusChangeForm';

const ALEX = '22222222-2222-4222-8222-222222222222';
const alex = { id: ALEX, view: 'full', status: 'enrolled' } as unknown as FullParticipant;

describe('StatusChangeForm', () => {
  it('clears the server’s refusal of a field once that field is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      [`POST /programs/${PROGRAM_ID}/participants/${ALEX}/status`]: json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [{ path: 'on', message: 'The date cannot be before the referral.' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    renderInProgram(<StatusChangeForm participant={alex} />);
    await user.click(screen.getByRole('radio', { name: /Completed/ }));
    const on = screen.getByLabelText('Date of the change');
    await user.clear(on);
    await user.type(on, '2024-01-02');
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Date: The date cannot be before the referral.');
    expect(on.getAttribute('aria-invalid')).toBe('true');

    await user.clear(on);
    await user.type(on, '2024-03-04');
    expect(on.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('The date cannot be before the referral.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(on);
  });
});
