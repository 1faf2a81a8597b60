// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { PreferencesPage } from './PreferencesPage';

const PARTICIPANT_ID = '22222222-2222-4222-8222-222222222222';
const me = (over: object = {}) => ({
  view: 'self',
  id: PARTICIPANT_ID,
  code: 'P-0001',
  status: 'active',
  givenName: 'Pat',
  familyName: 'Person',
  preferredModality: 'phone',
  preferredChannel: 'text',
  preferredTimes: ['evening'],
  contactNotes: '',
  preferredDays: ['wed'],
  notBefore: null,
  notAfter: null,
  contactPausedUntil: null,
  textCheckInDay: null,
  textCheckInTime: null,
  timeZone: 'America/New_York',
  phone: '317 555 0200',
  email: null,
  canShareContact: true,
  coach: null,
  lastReachedAt: null,
  nextContactDueOn: null,
  nextContactBasis: null,
  ...over,
});
const participant = membership({ roles: ['participant'], participantId: PARTICIPANT_ID, can: ['participant:preferences'] });
const url = `/programs/${PROGRAM_ID}/participants/${PARTICIPANT_ID}`;

describe('"How to reach me": the weekly check-in by text message (#16)', () => {
  it('is off by default, and once ticked asks for a day and a time in the program’s zone, then saves them', async () => {
    const calls = mockApi({
      [`GET ${url}`]: json(me()),
      [`PUT ${url}/preferences`]: json(me({ textCheckInDay: 'fri', textCheckInTime: '09:30' })),
    });
    renderInProgram(<PreferencesPage />, { member: participant });
    const user = userEvent.setup();
    const choice = await screen.findByRole('checkbox', { name: 'Send me the weekly check-in by text message' });
    expect((choice as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByRole('combobox', { name: 'Which day?' })).toBeNull();
    await user.click(choice);
    const day = screen.getByRole('combobox', { name: 'Which day?' });
    const time = screen.getByRole('combobox', { name: /What time\?/ });
    // The first good day and an evening time to start from; times in words, the zone as people say it.
    expect((day as HTMLSelectElement).value).toBe('wed');
    expect((time as HTMLSelectElement).value).toBe('18:00');
    expect(screen.getByRole('option', { name: '7:00 AM' })).toBeTruthy();
    expect(screen.getByRole('option', { name: '9:00 PM' })).toBeTruthy();
    expect(screen.queryByRole('option', { name: '9:30 PM' })).toBeNull();
    expect(document.body.textContent).toContain('Eastern time');
    expect(document.body.textContent).not.toContain('America/');
    await user.selectOptions(day, 'Friday');
    await user.selectOptions(time, '9:30 AM');
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    await screen.findByText('Saved. Your coach will see your choices.');
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toMatchObject({ textCheckInDay: 'fri', textCheckInTime: '09:30', phone: '317 555 0200' });
  });

  it('is offered only with a phone number, and turning it off sends it as off', async () => {
    const calls = mockApi({
      [`GET ${url}`]: json(me({ phone: null })),
      [`PUT ${url}/preferences`]: json(me({ phone: null })),
    });
    renderInProgram(<PreferencesPage />, { member: participant });
    const user = userEvent.setup();
    await screen.findByText('Add your phone number above to get the weekly check-in by text message.');
    expect(screen.queryByRole('checkbox', { name: 'Send me the weekly check-in by text message' })).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Your phone number' }), '317 555 0200');
    expect(screen.getByRole('checkbox', { name: 'Send me the weekly check-in by text message' })).toBeTruthy();
    await user.clear(screen.getByRole('textbox', { name: 'Your phone number' }));
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    await screen.findByText('Saved. Your coach will see your choices.');
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
      textCheckInDay: null,
      textCheckInTime: null,
      phone: null,
    });
  });

  it('shows the server’s plain refusal on the field', async () => {
    mockApi({
      [`GET ${url}`]: json(me({ textCheckInDay: 'mon', textCheckInTime: '18:00' })),
      [`PUT ${url}/preferences`]: json(
        {
          error: 'invalid_state',
          message: 'Add a phone number to get the check-in by text',
          fields: [{ path: 'body.phone', message: 'Add a phone number to get the check-in by text' }],
          requestId: 'r1',
        },
        422,
      ),
    });
    renderInProgram(<PreferencesPage />, { member: participant });
    const user = userEvent.setup();
    const choice = await screen.findByRole('checkbox', { name: 'Send me the weekly check-in by text message' });
    expect((choice as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Add a phone number to get the check-in by text');
  });

  it('checks the phone number with the server’s own rule before sending anything (ADR 0054)', async () => {
    const calls = mockApi({
      [`GET ${url}`]: json(me({ phone: null })),
      [`PUT ${url}/preferences`]: json(me({ phone: '317 555 0200' })),
    });
    renderInProgram(<PreferencesPage />, { member: participant });
    const user = userEvent.setup();
    const phone = await screen.findByRole('textbox', { name: 'Your phone number' });
    await user.type(phone, 'call me');
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Enter a phone number of 7 to 20 digits');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    // Changing the answer clears its message; a good number is sent.
    await user.clear(phone);
    expect(screen.queryByText('Enter a phone number of 7 to 20 digits')).toBeNull();
    await user.type(phone, '317 555 0200');
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    await screen.findByText('Saved. Your coach will see your choices.');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
  });

  it('says the phone rule in Spanish to a participant who reads Spanish', async () => {
    const calls = mockApi({
      [`GET ${url}`]: json(me({ phone: null, locale: 'es' })),
    });
    renderInProgram(<PreferencesPage />, { member: participant, locale: 'es' });
    const user = userEvent.setup();
    const phone = await screen.findByRole('textbox', { name: 'Su número de teléfono' });
    await user.type(phone, '12');
    await user.click(screen.getByRole('button', { name: 'Guardar preferencias' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Escriba un número de teléfono de 7 a 20 dígitos');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });
});
