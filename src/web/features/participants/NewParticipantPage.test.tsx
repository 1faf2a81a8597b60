// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { NewParticipantPage } from './NewParticipantPage';

const staff = membership({ can: ['participant:create', 'participant:list', 'participant:view'] });

async function fillRequired(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('textbox', { name: 'Given name' }), 'Alex');
  await user.type(screen.getByRole('textbox', { name: 'Family name' }), 'Rivera');
  await user.click(screen.getByRole('radio', { name: 'Man' }));
  await user.click(screen.getByRole('checkbox', { name: 'Knee' }));
}

describe('NewParticipantPage', () => {
  it("shows the server's field messages in the summary and on the field", async () => {
    mockApi({
      [`POST /programs/${PROGRAM_ID}/participants`]: json(
        {
          error: 'invalid_input',
          message: 'Some fields are not valid',
          fields: [{ path: 'body.phone', message: 'Enter a phone number of 7 to 20 digits' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    renderInProgram(<NewParticipantPage />, { member: staff, route: '/new', path: '/new' });
    await fillRequired(user);
    await user.type(screen.getByRole('textbox', { name: 'Phone (optional)' }), '12');
    await user.click(screen.getByRole('button', { name: 'Add participant' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Some fields are not valid');
    expect(alert.textContent).toContain('Phone: Enter a phone number of 7 to 20 digits');
    const phone = screen.getByRole('textbox', { name: 'Phone (optional)' });
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(phone.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(phone.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Enter a phone number of 7 to 20 digits',
    );
  });

  it('checks the required answers before sending', async () => {
    const calls = mockApi({});
    const user = userEvent.setup();
    renderInProgram(<NewParticipantPage />, { member: staff, route: '/new', path: '/new' });
    await user.click(screen.getByRole('button', { name: 'Add participant' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Given name: Enter the given name');
    expect(alert.textContent).toContain('Where it hurts: Choose at least one place where it hurts');
    expect(calls).toHaveLength(0);
  });

  it('sends empty optional fields as null', async () => {
    const calls = mockApi({
      [`POST /programs/${PROGRAM_ID}/participants`]: json({ view: 'full', id: 'p1' }, 201),
    });
    const user = userEvent.setup();
    renderInProgram(<NewParticipantPage />, { member: staff, route: '/new', path: '/new' });
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Add participant' }));
    await screen.findByText('Elsewhere');
    expect(calls[0]!.body).toMatchObject({
      givenName: 'Alex',
      familyName: 'Rivera',
      gender: 'man',
      painLocations: ['knee'],
      phone: null,
      email: null,
      birthYear: null,
      status: 'referred',
    });
  });
});
