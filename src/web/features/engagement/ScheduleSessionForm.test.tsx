// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ScheduledSessionView } from '../../../core/engagement';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { ScheduleSessionForm } from './ScheduleSessionForm';

const PAIRING = '00000000-0000-4000-8000-000000000001';
const session: ScheduledSessionView = {
  id: '00000000-0000-4000-8000-000000000010',
  pairingId: PAIRING,
  participantId: '00000000-0000-4000-8000-000000000101',
  coachId: '00000000-0000-4000-8000-000000000201',
  startsAt: '2026-03-10T22:30:00.000Z',
  date: '2026-03-10',
  time: '18:30',
  timeZone: 'America/New_York',
  durationMinutes: 30,
  modality: 'in_person',
  videoLink: null,
  place: 'Library',
  status: 'scheduled',
  sequence: 0,
  participantName: 'Pat Person',
  coachName: null,
};
const coach = membership({ can: ['session:schedule', 'session:view'] });

describe('the schedule-session form', () => {
  it('asks for the day, time and way of meeting, and a place for a meeting in person, before sending', async () => {
    const calls = mockApi({ [`POST /programs/${PROGRAM_ID}/pairings/${PAIRING}/sessions`]: json(session, 201) });
    const onDone = vi.fn();
    renderInProgram(<ScheduleSessionForm pairingId={PAIRING} onDone={onDone} timeZone="America/New_York" />, { member: coach });
    const user = userEvent.setup();
    expect(screen.getByText('The program’s time: Eastern time.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Schedule session' }));
    expect(screen.getByText('Choose the day', { selector: '.field__error' })).toBeTruthy();
    expect(screen.getByText('Choose how you will meet', { selector: '.field__error' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-03-10' } });
    fireEvent.change(screen.getByLabelText('Time'), { target: { value: '18:30' } });
    await user.click(screen.getByRole('radio', { name: 'In person' }));
    await user.click(screen.getByRole('button', { name: 'Schedule session' }));
    expect(screen.getByText('Say where you will meet', { selector: '.field__error' })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await user.type(screen.getByRole('textbox', { name: 'Where will you meet?' }), 'Library');
    await user.selectOptions(screen.getByRole('combobox', { name: 'How long' }), '45');
    await user.click(screen.getByRole('button', { name: 'Schedule session' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(session));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      date: '2026-03-10',
      time: '18:30',
      durationMinutes: 45,
      modality: 'in_person',
      place: 'Library',
    });
  });

  it('moves a session with the same fields, sending no place for a video call', async () => {
    const calls = mockApi({
      [`PUT /programs/${PROGRAM_ID}/sessions/${session.id}`]: json({ ...session, modality: 'video', sequence: 1 }),
    });
    const onDone = vi.fn();
    renderInProgram(<ScheduleSessionForm pairingId={PAIRING} session={session} onDone={onDone} />, { member: coach });
    const user = userEvent.setup();
    expect((screen.getByLabelText('Date') as HTMLInputElement).value).toBe('2026-03-10');
    await user.click(screen.getByRole('radio', { name: 'Video call' }));
    expect(screen.queryByRole('textbox', { name: 'Where will you meet?' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Move session' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      date: '2026-03-10',
      time: '18:30',
      durationMinutes: 30,
      modality: 'video',
    });
  });

  it('names the zone of the time even when the page that opens it does not pass one (#16)', () => {
    renderInProgram(<ScheduleSessionForm pairingId={PAIRING} onDone={vi.fn()} />, {
      member: { ...coach, timeZone: 'America/Chicago' },
    });
    expect(screen.getByText('The program’s time: Central time.')).toBeTruthy();
    expect(screen.queryByText('The program’s time.')).toBeNull();
  });
});
