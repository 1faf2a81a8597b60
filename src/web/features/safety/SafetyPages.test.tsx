// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRISIS_INFO, type CrisisInfo, type SafetyEventView } from '../../../core/safety';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { CrisisHelpPage } from './CrisisHelp';
import { durationWords } from './labels';
import { SafetyConcernPage } from './SafetyConcernPage';
import { SafetyEventPage } from './SafetyEventPage';
import { SafetySettingsPage } from './SafetySettingsPage';

const PARTICIPANT = '00000000-0000-4000-8000-000000000101';
const coach = membership({ roles: ['coach'], coachId: 'c1', can: ['contact:log', 'safety:raise', 'crisis:view'] });
const robert = { view: 'coaching', id: PARTICIPANT, code: 'P-0001', givenName: 'Robert', familyName: 'Ellis' };

const refusal = (path: string, message: string) =>
  json({ error: 'invalid_input', message: 'Some answers need attention.', fields: [{ path, message }], requestId: 'r1' }, 400);

const href = (name: string | RegExp) => screen.getByRole('link', { name }).getAttribute('href');

describe('Safety concern (coach)', () => {
  it('shows the protocol and the crisis numbers, then tells the coordinator with one press', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/participants`]: json([robert]),
      [`GET /programs/${PROGRAM_ID}/safety/crisis-info`]: json(DEFAULT_CRISIS_INFO),
      [`POST /programs/${PROGRAM_ID}/safety/concerns`]: json(
        {
          id: '00000000-0000-4000-8000-000000000999',
          trigger: 'coach_concern',
          raisedAt: '2026-03-02T15:00:00Z',
          crisis: DEFAULT_CRISIS_INFO,
        },
        201,
      ),
    });
    renderInProgram(<SafetyConcernPage />, { member: coach, route: `/c?participant=${PARTICIPANT}` });
    expect(screen.getByRole('heading', { name: 'What to do now' })).toBeTruthy();
    expect(screen.getByText(/you are not asked to judge how much danger they are in/)).toBeTruthy();
    await screen.findByRole('link', { name: 'Call 988, then press 1' });
    expect(href('Call 988, then press 1')).toBe('tel:988');
    expect(href('Text 838255')).toBe('sms:838255');
    expect(href('Call 911')).toBe('tel:911');
    expect(href('Chat online with the Veterans Crisis Line')).toBe('https://www.veteranscrisisline.net/Chat');

    const user = userEvent.setup();
    expect((await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Participant' })).value).toBe(PARTICIPANT);
    await user.click(screen.getByRole('radio', { name: 'They talked about suicide or harming themselves' }));
    await user.type(
      screen.getByRole('textbox', { name: 'A few words for the coordinator (optional)' }),
      'Said he feels hopeless.',
    );
    await user.click(screen.getByRole('button', { name: 'Tell the coordinator now' }));
    await screen.findByText('The coordinator has been told about Robert Ellis. Stay with them and keep to the steps below.');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      participantId: PARTICIPANT,
      clientKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      category: 'self_harm',
      note: 'Said he feels hopeless.',
    });
    expect(screen.getByRole('link', { name: 'Back to Robert Ellis' })).toBeTruthy();
  });

  it('asks who the concern is about before sending anything', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/participants`]: json([robert]),
      [`GET /programs/${PROGRAM_ID}/safety/crisis-info`]: json(DEFAULT_CRISIS_INFO),
    });
    renderInProgram(<SafetyConcernPage />, { member: coach, route: '/c' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tell the coordinator now' }));
    expect(screen.getByText('Choose who this is about')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });
  it('clears the server’s refusal of a field once that field is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/participants`]: json([robert]),
      [`GET /programs/${PROGRAM_ID}/safety/crisis-info`]: json(DEFAULT_CRISIS_INFO),
      [`POST /programs/${PROGRAM_ID}/safety/concerns`]: refusal('note', 'Keep it to a few words.'),
    });
    renderInProgram(<SafetyConcernPage />, { member: coach, route: `/c?participant=${PARTICIPANT}` });
    const user = userEvent.setup();
    const note = await screen.findByRole('textbox', { name: 'A few words for the coordinator (optional)' });
    await user.type(note, 'Said he feels hopeless.');
    await user.click(screen.getByRole('button', { name: 'Tell the coordinator now' }));
    expect((await screen.findByRole('alert')).textContent).toContain('What happened: Keep it to a few words.');
    expect(note.getAttribute('aria-invalid')).toBe('true');

    await user.click(note);
    await user.type(note, ' Call soon.');
    expect(note.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Keep it to a few words.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(note);
  });
});

describe('Crisis help', () => {
  it('shows the program’s own line and emergency number', async () => {
    const uk: CrisisInfo = {
      lineName: 'Samaritans',
      callNumber: '116 123',
      callPress: null,
      textNumber: null,
      chatUrl: null,
      emergencyNumber: '999',
      programContact: { name: 'Programme office', phone: '+44 20 7946 0000', hours: 'Weekdays 9 to 5' },
    };
    mockApi({ [`GET /programs/${PROGRAM_ID}/safety/crisis-info`]: json(uk) });
    renderInProgram(<CrisisHelpPage />, { member: membership({ roles: ['participant'], participantId: 'p1' }) });
    await screen.findByRole('link', { name: 'Call 999' });
    expect(href('Call 116 123')).toBe('tel:116123');
    expect(href('Call Programme office: +44 20 7946 0000')).toBe('tel:+442079460000');
    expect(screen.queryByRole('link', { name: /^Text/ })).toBeNull();
  });

  it('falls back to the Veterans Crisis Line and 911 when the program cannot be reached', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/safety/crisis-info`]: new TypeError('offline') });
    renderInProgram(<CrisisHelpPage />, { member: membership({ roles: ['participant'], participantId: 'p1' }) });
    await screen.findByRole('link', { name: 'Call 988, then press 1' });
    expect(href('Call 911')).toBe('tel:911');
  });
});

describe('Safety event (staff)', () => {
  const EVENT = '00000000-0000-4000-8000-000000000999';
  const event: SafetyEventView = {
    id: EVENT,
    participantId: PARTICIPANT,
    participantName: 'Robert Ellis',
    participantCode: 'P-0001',
    participantPhone: null,
    coachId: null,
    coachName: null,
    trigger: 'coach_concern',
    category: 'self_harm',
    state: 'acknowledged',
    note: '',
    details: {},
    raisedAt: '2026-03-02T15:00:00.000Z',
    raisedByRole: 'coach',
    raisedByName: 'Casey Coach',
    acknowledgedAt: '2026-03-02T15:10:00.000Z',
    acknowledgedByName: 'Sam Staff',
    closedAt: null,
    closedByName: null,
    closeNote: '',
    followUps: [],
    timings: {
      minutesToAcknowledge: 10,
      minutesToFollowUp: null,
      followUpDueAt: '2026-03-03T15:00:00.000Z',
      followUpStatus: 'pending',
    },
    steps: ['follow_up'],
  };

  it('clears the server’s refusal of a follow-up field once that field is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/safety/events/${EVENT}`]: json(event),
      [`POST /programs/${PROGRAM_ID}/safety/events/${EVENT}/follow-ups`]: refusal(
        'action',
        'Say a little more about what was done.',
      ),
    });
    renderInProgram(<SafetyEventPage />, {
      member: membership({ can: ['safety:view', 'safety:manage'] }),
      route: `/safety/${EVENT}`,
      path: '/safety/:eventId',
    });
    const user = userEvent.setup();
    const action = await screen.findByRole('textbox', { name: 'What was done' });
    await user.type(action, 'Called');
    await user.click(screen.getByRole('button', { name: 'Save follow-up' }));
    expect((await screen.findByRole('alert')).textContent).toContain('What was done: Say a little more about what was done.');
    expect(action.getAttribute('aria-invalid')).toBe('true');

    await user.click(action);
    await user.type(action, ' him; he is safe and seeing his doctor tomorrow.');
    expect(action.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Say a little more about what was done.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(action);
  });
});

describe('durationWords', () => {
  it('says minutes, hours and days briefly', () => {
    expect([null, 0, 12, 60, 185, 1440, 1500].map(durationWords)).toEqual([
      '—',
      '0 min',
      '12 min',
      '1 h',
      '3 h 5 min',
      '1 day',
      '1 day 1 h',
    ]);
  });
});

describe('Safety settings (staff)', () => {
  it('shows the limit of each free-text field from the settings schema', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/safety/settings`]: json({ safetyContacts: [], crisis: DEFAULT_CRISIS_INFO }),
    });
    renderInProgram(<SafetySettingsPage />, { member: membership({ roles: ['coordinator'], can: ['safety:settings'] }) });
    const line = await screen.findByRole('textbox', { name: /^Crisis line/ });
    expect(line.getAttribute('maxlength')).toBe('80');
    expect(screen.getByRole('textbox', { name: /^Name \(optional\)/ }).getAttribute('maxlength')).toBe('120');
    expect(screen.getByRole('textbox', { name: /^When someone answers/ }).getAttribute('maxlength')).toBe('120');
    expect(screen.getAllByText('Up to 80 characters.', { exact: false }).length).toBeGreaterThan(0);
  });
  it('clears the server’s refusal of one crisis field once it is changed, keeps the others, and leaves focus there (issue #16)', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/safety/settings`]: json({ safetyContacts: [], crisis: DEFAULT_CRISIS_INFO }),
      [`PUT /programs/${PROGRAM_ID}/safety/settings`]: json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [
            { path: 'crisis.chatUrl', message: 'Use a web address starting with https://.' },
            { path: 'crisis.callNumber', message: 'Use digits, spaces and dashes only.' },
          ],
          requestId: 'r1',
        },
        400,
      ),
    });
    renderInProgram(<SafetySettingsPage />, { member: membership({ roles: ['coordinator'], can: ['safety:settings'] }) });
    const user = userEvent.setup();
    const chat = await screen.findByRole('textbox', { name: /^Chat address/ });
    const call = screen.getByRole('textbox', { name: /^Number to call/ });
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Use a web address starting with https://.');
    expect(chat.getAttribute('aria-invalid')).toBe('true');

    await user.click(chat);
    await user.type(chat, 's');
    expect(chat.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Use a web address starting with https://.')).toBeNull();
    expect(screen.getByRole('alert').textContent).not.toContain('Use a web address starting with https://.');
    expect(screen.getByRole('alert').textContent).toContain('Use digits, spaces and dashes only.');
    expect(call.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(chat);
  });
});
