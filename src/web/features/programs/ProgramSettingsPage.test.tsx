// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { ProgramSettingsPage, zoneInWords } from './ProgramSettingsPage';

const program = (over: object = {}) => ({
  id: PROGRAM_ID,
  name: 'Riverside Pilot',
  site: 'Riverside',
  startOn: '2026-03-01',
  lengthDays: 182,
  cadenceDays: 14,
  targetContacts: 12,
  timeZone: 'America/Chicago',
  ladder: { firstContactDays: 3, reminderDays: 7, checkInGraceDays: 7, decisionGraceDays: 21 },
  topics: [],
  ...over,
});
const admin = membership({ roles: ['admin'], can: ['program:update'] });

describe('Program settings (issue #16)', () => {
  it('shows the settings in words, with the time zone named as people say it', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}`]: json(program()) });
    renderInProgram(<ProgramSettingsPage />, { member: admin });
    expect((await screen.findByRole('textbox', { name: 'Days between contacts' })).getAttribute('value')).toBe('14');
    const zone = screen.getByRole('combobox', { name: 'Time zone' });
    expect((zone as HTMLSelectElement).value).toBe('America/Chicago');
    const options = within(zone)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['Eastern time', 'Central time', 'Mountain time', 'Arizona', 'Pacific time', 'Alaska', 'Hawaii']);
    expect(document.body.textContent).not.toMatch(/America\//);
    expect(
      screen.getByRole('textbox', { name: 'Send the coach a reminder after this many quiet days' }).getAttribute('value'),
    ).toBe('7');
  });

  it('adds a zone outside the US list under its own name, never its IANA name', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}`]: json(program({ timeZone: 'Europe/Berlin' })) });
    renderInProgram(<ProgramSettingsPage />, { member: admin });
    const zone = await screen.findByRole('combobox', { name: 'Time zone' });
    expect(within(zone).getAllByRole('option')).toHaveLength(8);
    expect(document.body.textContent).not.toContain('Europe/Berlin');
    expect(zoneInWords('Not/AZone')).toBe('The program’s current time zone');
  });

  it('refuses bad numbers in plain words next to the fields, with a focused summary, and sends nothing', async () => {
    const calls = mockApi({ [`GET /programs/${PROGRAM_ID}`]: json(program()) });
    renderInProgram(<ProgramSettingsPage />, { member: admin });
    const user = userEvent.setup();
    const cadence = await screen.findByRole('textbox', { name: 'Days between contacts' });
    await user.clear(cadence);
    await user.type(cadence, '0');
    const decision = screen.getByRole('textbox', {
      name: 'Staff decide what happens next this many days after a missed contact',
    });
    await user.clear(decision);
    await user.type(decision, '5');
    await user.click(screen.getByRole('button', { name: 'Save program settings' }));
    const summary = await screen.findByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(summary.textContent).toContain('Days between contacts: Enter a whole number of days from 1 to 90.');
    expect(summary.textContent).toContain('The decision comes after the staff call.');
    expect(cadence.getAttribute('aria-invalid')).toBe('true');
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
  });

  it('saves the changed cadence with the other settings and confirms', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}`]: json(program()),
      [`PATCH /programs/${PROGRAM_ID}`]: json(program({ cadenceDays: 21 })),
    });
    renderInProgram(<ProgramSettingsPage />, { member: admin });
    const user = userEvent.setup();
    const cadence = await screen.findByRole('textbox', { name: 'Days between contacts' });
    await user.clear(cadence);
    await user.type(cadence, '21');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time zone' }), 'Pacific time');
    await user.click(screen.getByRole('button', { name: 'Save program settings' }));
    expect((await screen.findByRole('status')).textContent).toBe('Program settings saved.');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      cadenceDays: 21,
      lengthDays: 182,
      timeZone: 'America/Los_Angeles',
      ladder: { firstContactDays: 3, reminderDays: 7, checkInGraceDays: 7, decisionGraceDays: 21 },
    });
  });
});
