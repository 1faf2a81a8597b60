// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PairHelpView } from '../../../core/engagement';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { CheckInCallPage, DecisionPage } from './LadderActionPages';

const PAIRING = '00000000-0000-4000-8000-000000000001';
const pair: PairHelpView = {
  pairingId: PAIRING,
  participantId: '00000000-0000-4000-8000-000000000101',
  participantName: 'Bo Quiet',
  coachId: '00000000-0000-4000-8000-000000000201',
  coachName: 'Carl Coach',
  pairedAt: '2026-02-01T15:00:00.000Z',
  lastReachedAt: null,
  daysQuiet: 36,
  attemptsSince: 4,
  step: 'decision',
  stepSince: '2026-03-08T15:00:00.000Z',
  pausedUntil: null,
  checkInRecordedAt: null,
  nextAction: 'decision',
  coachActivity: { attempts: 0, reached: 0, days: 14 },
  measures: {
    reached: 0,
    attempts: 4,
    participantReached: 0,
    reachedOutsideWindow: 0,
    participantAttempts: 0,
    reachRate: 0,
    daysSinceReached: null,
    activeDays: 36,
    projectedReached: 0,
    isAdherent: false,
    isOnCourse: false,
    frequency: 'less_than_monthly',
  },
};
const staff = membership({ can: ['pair:list', 'ladder:record'] });
const event = { id: '00000000-0000-4000-8000-000000000999', step: 'check_in' };

const refusal = (path: string, message: string) =>
  json({ error: 'invalid_input', message: 'Some answers need attention.', fields: [{ path, message }], requestId: 'r1' }, 400);

/** The server's answer to `GET …/pairs?pairingId=…`: a page with that one pair. */
const onePair = {
  pairs: [pair],
  offset: 0,
  limit: 50,
  total: 1,
  counts: { first_contact: 0, reminder: 0, check_in: 1, decision: 0, none: 0, paused: 0 },
};

describe('recording a check-in call', () => {
  const callView = {
    pairingId: PAIRING,
    participant: { id: pair.participantId, name: 'Bo Quiet', phone: '(555) 010-2030' },
    coach: { id: pair.coachId, name: 'Carl Coach', phone: null },
  };
  const routes = () => ({
    [`GET /programs/${PROGRAM_ID}/pairs`]: json(onePair),
    [`GET /programs/${PROGRAM_ID}/pairings/${PAIRING}/ladder-events`]: json([]),
    [`GET /programs/${PROGRAM_ID}/pairings/${PAIRING}/check-in-call`]: json(callView),
    [`POST /programs/${PROGRAM_ID}/pairings/${PAIRING}/check-ins`]: json(event, 201),
  });

  it('shows the numbers to call as call links, or says there is none', async () => {
    mockApi(routes());
    renderInProgram(<CheckInCallPage />, { member: staff, route: `/p/${PAIRING}`, path: '/p/:pairingId' });
    const call = await screen.findByRole('link', { name: 'Call Bo Quiet on (555) 010-2030' });
    expect(call.getAttribute('href')).toBe('tel:5550102030');
    expect(screen.getByText('No phone number on record.')).toBeTruthy();
  });

  it('asks whom staff reached and what was learnt before saving, then sends them', async () => {
    const calls = mockApi(routes());
    renderInProgram(<CheckInCallPage />, { member: staff, route: `/p/${PAIRING}`, path: '/p/:pairingId' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Save check-in call' }));
    expect(screen.getAllByText('Choose whom you reached, or "Reached no one"').length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await user.click(screen.getByRole('radio', { name: 'Only Bo Quiet' }));
    await user.click(screen.getByRole('button', { name: 'Save check-in call' }));
    expect(screen.getAllByText('Choose at least one').length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await user.click(screen.getByRole('checkbox', { name: 'Health problem' }));
    await user.click(screen.getByRole('button', { name: 'Save check-in call' }));
    await screen.findByText('Elsewhere');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      reachedParticipant: true,
      reachedCoach: false,
      findings: ['health_problem'],
      note: '',
    });
  });

  it('records "Reached no one" without findings', async () => {
    const calls = mockApi(routes());
    renderInProgram(<CheckInCallPage />, { member: staff, route: `/p/${PAIRING}`, path: '/p/:pairingId' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: /^Reached no one/ }));
    expect(screen.getByRole('group', { name: 'What did you learn? (optional)' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save check-in call' }));
    await screen.findByText('Elsewhere');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      reachedParticipant: false,
      reachedCoach: false,
      findings: [],
      note: '',
    });
  });

  it('clears the server’s refusal of a field once that field is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      ...routes(),
      [`POST /programs/${PROGRAM_ID}/pairings/${PAIRING}/check-ins`]: refusal('note', 'Leave out phone numbers.'),
    });
    renderInProgram(<CheckInCallPage />, { member: staff, route: `/p/${PAIRING}`, path: '/p/:pairingId' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: /^Reached no one/ }));
    const note = screen.getByRole('textbox', { name: 'Note (optional)' });
    await user.type(note, 'Left a message on 555 0100');
    await user.click(screen.getByRole('button', { name: 'Save check-in call' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Note: Leave out phone numbers.');
    expect(note.getAttribute('aria-invalid')).toBe('true');

    await user.click(note);
    await user.clear(note);
    await user.type(note, 'Left a message');
    expect(note.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Leave out phone numbers.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(note);
  });
});

describe('recording a decision', () => {
  it('needs a date and a reason to pause, and sends the decision', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/pairs`]: json(onePair),
      [`GET /programs/${PROGRAM_ID}/pairings/${PAIRING}/ladder-events`]: json([]),
      [`POST /programs/${PROGRAM_ID}/pairings/${PAIRING}/decisions`]: json({ ...event, step: 'decision' }, 201),
    });
    renderInProgram(<DecisionPage />, { member: staff, route: `/p/${PAIRING}`, path: '/p/:pairingId' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Pause the pair until a date' }));
    await user.click(screen.getByRole('button', { name: 'Save decision' }));
    expect(screen.getByText('Choose the date the pause ends')).toBeTruthy();
    expect(screen.getByText('Say why the pair pauses')).toBeTruthy();
    await user.type(screen.getByLabelText('Pause until'), '2026-05-01');
    await user.type(screen.getByRole('textbox', { name: 'Why does the pair pause?' }), 'Surgery in April.');
    await user.click(screen.getByRole('button', { name: 'Save decision' }));
    await screen.findByText('Elsewhere');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      outcome: 'pause',
      until: '2026-05-01',
      note: 'Surgery in April.',
    });
  });

  it('clears the server’s refusal of a field once that field is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/pairs`]: json(onePair),
      [`GET /programs/${PROGRAM_ID}/pairings/${PAIRING}/ladder-events`]: json([]),
      [`POST /programs/${PROGRAM_ID}/pairings/${PAIRING}/decisions`]: refusal('until', 'Choose a date within six months.'),
    });
    renderInProgram(<DecisionPage />, { member: staff, route: `/p/${PAIRING}`, path: '/p/:pairingId' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Pause the pair until a date' }));
    const until = screen.getByLabelText('Pause until');
    await user.type(until, '2027-05-01');
    await user.type(screen.getByRole('textbox', { name: 'Why does the pair pause?' }), 'Surgery in April.');
    await user.click(screen.getByRole('button', { name: 'Save decision' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Pause until: Choose a date within six months.');
    expect(until.getAttribute('aria-invalid')).toBe('true');

    await user.clear(until);
    await user.type(until, '2026-05-01');
    expect(until.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Choose a date within six months.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(until);
  });

  it('says so when the pair is no longer active', async () => {
    const calls = mockApi({ [`GET /programs/${PROGRAM_ID}/pairs`]: json({ ...onePair, pairs: [], total: 0 }) });
    renderInProgram(<DecisionPage />, { member: staff, route: `/p/${PAIRING}`, path: '/p/:pairingId' });
    expect(await screen.findByText('This pair is no longer active.')).toBeTruthy();
    // The page asks for its one pair, not for the whole list.
    expect(calls.map((c) => c.url)).toContain(`/api/v1/programs/${PROGRAM_ID}/pairs?pairingId=${PAIRING}`);
  });
});
