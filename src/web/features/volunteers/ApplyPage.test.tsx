// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, PROGRAM_ID, renderWithRouter } from '../../testing/render';
import { ApplyPage } from './ApplyPage';

const form = (o: Record<string, unknown> = {}) => ({
  programName: 'Riverside Pilot',
  site: 'Riverside Clinic',
  asksServiceBranch: true,
  asksServiceEra: true,
  requiresBackgroundCheck: false,
  ...o,
});

const render = () => renderWithRouter(<ApplyPage />, { route: `/apply/${PROGRAM_ID}`, path: '/apply/:programId' });

async function fillIn(user: ReturnType<typeof userEvent.setup>, o: { era?: boolean } = {}) {
  await user.type(screen.getByRole('textbox', { name: 'First name' }), 'Vera');
  await user.type(screen.getByRole('textbox', { name: 'Last name' }), 'Volunteer');
  await user.type(screen.getByRole('textbox', { name: /^E-mail/ }), ' vera@example.org ');
  await user.click(within(screen.getByRole('radiogroup', { name: /Gender/ })).getByRole('radio', { name: 'Woman' }));
  await user.click(screen.getByRole('textbox', { name: /^About me/ }));
  await user.paste('Army veteran and retired teacher who likes to talk.');
  await user.click(screen.getByRole('textbox', { name: /^My own pain/ }));
  await user.paste('Knee pain; pacing and walking help me.');
  await user.click(within(screen.getByRole('group', { name: /Where is your pain/ })).getByRole('checkbox', { name: 'Knee' }));
  await user.click(
    within(screen.getByRole('group', { name: /Days you could coach/ })).getByRole('checkbox', { name: 'Tuesday' }),
  );
  await user.click(within(screen.getByRole('group', { name: /Times of day/ })).getByRole('checkbox', { name: 'Evening' }));
  await user.click(
    within(screen.getByRole('group', { name: /Ways you could meet/ })).getByRole('checkbox', { name: 'Phone call' }),
  );
  await user.selectOptions(screen.getByRole('combobox', { name: /Service branch/ }), 'Navy');
  if (o.era !== false) await user.selectOptions(screen.getByRole('combobox', { name: /Service era/ }), 'Prefer not to say');
}

describe('ApplyPage', () => {
  it('checks the answers before sending, naming what is missing, and sends nothing', async () => {
    const calls = mockApi({ [`GET /programs/${PROGRAM_ID}/application-form`]: json(form()) });
    const user = userEvent.setup();
    render();
    await screen.findByRole('heading', { level: 1, name: 'Volunteer to coach' });
    expect(await screen.findByText('Riverside Pilot')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send my application' }));
    const alert = screen.getByRole('alert');
    for (const words of [
      'First name: Enter your first name',
      'Where your pain is: Choose at least one',
      'Service era: Choose your service era, or "Prefer not to say"',
    ]) {
      expect(alert.textContent).toContain(words);
    }
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('sends the application with an empty honeypot and thanks the volunteer', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/application-form`]: json(form()),
      [`POST /programs/${PROGRAM_ID}/applications`]: json({ received: true }, 202),
    });
    const user = userEvent.setup();
    render();
    await screen.findByRole('textbox', { name: 'First name' });
    // The honeypot is hidden from people and assistive technology alike.
    expect(screen.queryByRole('textbox', { name: 'Leave this field empty' })).toBeNull();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Send my application' }));
    expect((await screen.findByRole('status')).textContent).toContain('Thank you for offering to coach with Riverside Pilot');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      givenName: 'Vera',
      familyName: 'Volunteer',
      email: 'vera@example.org',
      phone: null,
      gender: 'woman',
      aboutMe: 'Army veteran and retired teacher who likes to talk.',
      ownPain: 'Knee pain; pacing and walking help me.',
      painLocations: ['knee'],
      availableDays: ['tue'],
      availableTimes: ['evening'],
      modalities: ['phone'],
      serviceBranch: 'navy',
      serviceEra: 'prefer_not_to_say',
      birthYear: null,
      town: null,
      languages: [],
      backgroundCheckConsent: false,
      website: '',
    });
  });

  it('asks for background check consent only where the program requires it, and leaves out what it does not ask', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/application-form`]: json(form({ asksServiceEra: false, requiresBackgroundCheck: true })),
      [`POST /programs/${PROGRAM_ID}/applications`]: json({ received: true }, 202),
    });
    const user = userEvent.setup();
    render();
    await screen.findByRole('textbox', { name: 'First name' });
    expect(screen.queryByRole('combobox', { name: /Service era/ })).toBeNull();
    const consent = screen.getByRole('checkbox', { name: 'I agree to a background check' });
    await user.type(screen.getByRole('textbox', { name: 'First name' }), 'Bo');
    await user.click(screen.getByRole('button', { name: 'Send my application' }));
    expect(screen.getByRole('alert').textContent).toContain('Background check: This program asks every coach');
    await user.clear(screen.getByRole('textbox', { name: 'First name' }));
    await fillIn(user, { era: false });
    await user.click(consent);
    await user.click(screen.getByRole('button', { name: 'Send my application' }));
    await screen.findByRole('status');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ backgroundCheckConsent: true, serviceEra: null, serviceBranch: 'navy' });
  });

  it('shows the server’s refusal by field', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/application-form`]: json(form()),
      [`POST /programs/${PROGRAM_ID}/applications`]: json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [{ path: 'body.email', message: 'Invalid email address' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    render();
    await screen.findByRole('textbox', { name: 'First name' });
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Send my application' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('E-mail: Invalid email address');
  });
});
