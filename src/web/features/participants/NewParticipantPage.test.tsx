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
          message: 'Some answers need attention.',
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
    expect(alert.textContent).toContain('Some answers need attention.');
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

  it('shows each name field’s limit', () => {
    mockApi({});
    renderInProgram(<NewParticipantPage />, { member: staff, route: '/new', path: '/new' });
    const given = screen.getByRole('textbox', { name: 'Given name' });
    expect(given.getAttribute('maxlength')).toBe('80');
    expect(document.getElementById(given.getAttribute('aria-describedby')!)?.textContent).toBe('Up to 80 characters.');
  });

  it('warns of a likely duplicate with the matches, and adds anyway only when asked', async () => {
    const calls = mockApi({
      [`POST /programs/${PROGRAM_ID}/participants`]: (call) =>
        (call.body as { confirmDuplicate?: boolean }).confirmDuplicate
          ? json({ view: 'full', id: 'p9' }, 201)
          : json(
              {
                error: 'conflict',
                reason: 'likely_duplicate',
                message:
                  'This may be someone already in the program. Check the list, then add anyway if it is a different person.',
                matches: [
                  {
                    id: 'b6f1c0de-0000-4000-8000-000000000001',
                    code: 'P-0007',
                    name: 'Alex Rivera',
                    birthYear: 1961,
                    status: 'enrolled',
                    referredOn: '2026-01-15',
                    matchedOn: ['name', 'phone'],
                  },
                ],
                requestId: 'r2',
              },
              409,
            ),
    });
    const user = userEvent.setup();
    renderInProgram(<NewParticipantPage />, { member: staff, route: '/new', path: '/new' });
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Add participant' }));

    const warning = await screen.findByRole('region', { name: 'Is this someone already in the program?' });
    expect(warning.textContent).toContain('Alex Rivera (P-0007)');
    expect(warning.textContent).toContain('born 1961');
    expect(warning.textContent).toContain('same name and same phone number');
    expect(screen.getByRole('link', { name: 'Open Alex Rivera (P-0007)' })).toBeTruthy();
    expect(calls).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Add anyway' }));
    await screen.findByText('Elsewhere');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body).toMatchObject({ givenName: 'Alex', familyName: 'Rivera', confirmDuplicate: true });
    expect(calls[0]!.body).not.toHaveProperty('confirmDuplicate');
  });
});
