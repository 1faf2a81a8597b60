// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { SchedulingSettingsPage } from './SchedulingSettingsPage';

const url = `/programs/${PROGRAM_ID}/scheduling-settings`;
const staff = membership({ roles: ['coordinator'] });
const stored = { videoRoomTemplate: null, reminderLeadHours: 24, textReminders: true };

describe('scheduling settings, checked by the server’s schema (ADR 0054)', () => {
  it('refuses an address without a room per pair in the core’s words, sends nothing, then saves a good one', async () => {
    const calls = mockApi({
      [`GET ${url}`]: json(stored),
      [`PUT ${url}`]: json({ ...stored, videoRoomTemplate: 'https://meet.example.org/kindred-{pairing}' }),
    });
    renderInProgram(<SchedulingSettingsPage />, { member: staff });
    const user = userEvent.setup();
    const address = await screen.findByRole('textbox', { name: /Video room address/ });
    // Pasted, not typed: typing a long address key by key is slow on a loaded machine.
    await user.click(address);
    await user.paste('https://meet.example.org/kindred');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Use {pairing} or {session}, so that each pair gets its own room');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    await user.clear(address);
    await user.paste('http://meet.example.org/kindred-{pairing}');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The video room must be an https:// address');
    // A rule only the core knew before: a placeholder it does not know.
    await user.clear(address);
    await user.paste('https://meet.example.org/{pairing}-{room}');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Unknown placeholder {room}: use {pairing} or {session}');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    await user.clear(address);
    await user.paste('https://meet.example.org/kindred-{pairing}');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Scheduling settings saved.');
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([
      { videoRoomTemplate: 'https://meet.example.org/kindred-{pairing}', reminderLeadHours: 24, textReminders: true },
    ]);
  });
});
