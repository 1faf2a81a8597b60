// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CoachPreferencesUpdate } from '../../../core/engagement';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { windowWords } from '../participants/ParticipantPage';
import { coachPreferencesBody, StaffCoachPreferences } from './CoachPreferencesPage';

const COACH_ID = '33333333-3333-4333-8333-333333333333';
const prefs = {
  coachId: COACH_ID,
  preferredChannel: 'phone',
  preferredTimes: ['evening'],
  preferredDays: ['tue'],
  notBefore: '17:30',
  notAfter: '20:00',
  contactPausedUntil: null,
  contactNotes: '',
};
const staff = membership({ roles: ['coordinator'], can: ['coach:preferences'] });
const url = `/programs/${PROGRAM_ID}/coaches/${COACH_ID}/preferences`;

describe('a coach’s "how to reach them" (#14 forms from the schemas, #16 no 24-hour clock)', () => {
  it('shows the window as people say times, and sends what the server’s schema accepts', async () => {
    const calls = mockApi({ [`GET ${url}`]: json(prefs), [`PUT ${url}`]: json({ ...prefs, contactNotes: 'Mornings busy' }) });
    renderInProgram(<StaffCoachPreferences coachId={COACH_ID} name="Dana" />, { member: staff });
    const user = userEvent.setup();
    await screen.findByText('5:30 PM');
    expect(screen.getByText('8:00 PM')).toBeTruthy();
    expect(document.body.textContent).not.toContain('17:30');
    await user.click(screen.getByText('Change how to reach Dana'));
    await user.type(screen.getByRole('textbox', { name: /Notes about reaching them/ }), '  Mornings busy ');
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    await screen.findByText('Saved Dana’s preferences.');
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({
      preferredChannel: 'phone',
      preferredTimes: ['evening'],
      preferredDays: ['tue'],
      notBefore: '17:30',
      notAfter: '20:00',
      contactPausedUntil: null,
      contactNotes: 'Mornings busy',
    });
    expect(CoachPreferencesUpdate.safeParse(put?.body).success).toBe(true);
  });

  it('builds a body the schema accepts from an empty window', () => {
    const body = coachPreferencesBody({
      preferredChannel: 'text',
      preferredTimes: [],
      preferredDays: [],
      notBefore: '',
      notAfter: '',
      contactPausedUntil: '',
      contactNotes: '',
    });
    expect(body).toMatchObject({ notBefore: null, notAfter: null, contactPausedUntil: null });
    expect(CoachPreferencesUpdate.safeParse(body).success).toBe(true);
  });
});

describe('a participant’s reach window on the record', () => {
  it('reads in 12-hour times', () => {
    expect(windowWords('17:30', '20:00')).toBe('5:30 PM to 8:00 PM');
    expect(windowWords('09:00', null)).toBe('Not before 9:00 AM');
    expect(windowWords(null, '21:15')).toBe('Not after 9:15 PM');
    expect(windowWords(null, null)).toBe('Any time');
  });
});
