// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../app/api';
import { indexedDbQueueStore, memoryQueueStore, queuedNow, setQueueStoreForTests } from '../../app/send-queue';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram, renderWithRouter } from '../../testing/render';
import { ContactForm } from './ContactForm';

const ALEX = '22222222-2222-4222-8222-222222222222';
const SAM = '33333333-3333-4333-8333-333333333333';
const NOW = new Date('2024-12-03T15:30:00');

const people = [
  { id: ALEX, name: 'Alex Rivera', preferredChannel: 'video' as const },
  { id: SAM, name: 'Sam Okafor', preferredChannel: 'phone' as const },
];
const topics = [
  { key: 'pacing', title: 'Activity pacing' },
  { key: 'sleep', title: 'Sleep' },
];

function renderForm(onSaved = vi.fn()) {
  renderWithRouter(
    <ContactForm
      programId={PROGRAM_ID}
      people={people}
      topics={topics}
      initialParticipantId={ALEX}
      cancelTo="/today"
      onSaved={onSaved}
      now={() => NOW}
    />,
  );
  return onSaved;
}

const saved = (body: unknown) => json({ id: 'c1', ...(body as object), isReached: true, loggedAt: NOW.toISOString() }, 201);

describe('ContactForm', () => {
  it('preselects the participant and his or her preferred channel, and the time now', () => {
    renderForm();
    expect(screen.getByRole('combobox', { name: 'Participant' })).toHaveProperty('value', ALEX);
    expect(screen.getByRole('radio', { name: 'Video call' })).toHaveProperty('checked', true);
    expect(screen.getByLabelText('When')).toHaveProperty('value', '2024-12-03T15:30');
  });

  it('shows minutes, topics and the essential elements only when the participant was reached', async () => {
    const user = userEvent.setup();
    renderForm();
    expect(screen.queryByRole('group', { name: 'Topics you talked about' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Gave encouragement' })).toBeNull();

    await user.click(screen.getByRole('radio', { name: 'Yes, we talked' }));
    expect(screen.getByRole('group', { name: 'Topics you talked about' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'What you did' })).toBeTruthy();
    expect(screen.getByRole('spinbutton', { name: 'Minutes (optional)' })).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: 'No answer' }));
    expect(screen.queryByRole('group', { name: 'What you did' })).toBeNull();
    expect(screen.queryByRole('spinbutton', { name: 'Minutes (optional)' })).toBeNull();
  });

  it('asks why a contact more than 7 days ago is entered late, and sends the reason', async () => {
    const calls = mockApi({ [`POST /programs/${PROGRAM_ID}/contacts`]: (c) => saved(c.body) });
    const user = userEvent.setup();
    const onSaved = renderForm();
    expect(screen.queryByRole('textbox', { name: 'Entered late: why?' })).toBeNull();
    const when = screen.getByLabelText('When');
    await user.clear(when);
    await user.type(when, '2024-11-20T10:00');
    await user.type(screen.getByRole('textbox', { name: 'Entered late: why?' }), 'Paper log from the clinic');
    await user.click(screen.getByRole('radio', { name: 'No answer' }));
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls[0]!.body).toMatchObject({
      occurredAt: new Date('2024-11-20T10:00').toISOString(),
      enteredLate: { reason: 'Paper log from the clinic' },
    });
  });

  it("fills and reads the time on a Pacific program's clock from an Eastern laptop, and says so (issue #16)", async () => {
    const calls = mockApi({ [`POST /programs/${PROGRAM_ID}/contacts`]: (c) => saved(c.body) });
    const user = userEvent.setup();
    const onSaved = vi.fn();
    renderInProgram(
      <ContactForm
        programId={PROGRAM_ID}
        people={people}
        topics={topics}
        initialParticipantId={ALEX}
        cancelTo="/today"
        onSaved={onSaved}
        now={() => new Date('2024-12-03T20:30:00.000Z')}
      />,
      { member: membership({ timeZone: 'America/Los_Angeles' }), deviceZone: 'America/New_York' },
    );
    const when = screen.getByLabelText('When');
    expect(when).toHaveProperty('value', '2024-12-03T12:30'); // 12:30 PM in Los Angeles, 3:30 PM in New York
    expect(screen.getByText(/In Pacific time\./)).toBeTruthy();
    await user.clear(when);
    await user.type(when, '2024-12-03T09:15');
    await user.click(screen.getByRole('radio', { name: 'No answer' }));
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls[0]!.body).toMatchObject({ occurredAt: '2024-12-03T17:15:00.000Z' }); // 9:15 AM Pacific
  });

  it('sends a reached contact with its topics and elements, and the CSRF header', async () => {
    setCsrfToken('csrf-123');
    const calls = mockApi({ [`POST /programs/${PROGRAM_ID}/contacts`]: (c) => saved(c.body) });
    const user = userEvent.setup();
    const onSaved = renderForm();

    await user.click(screen.getByRole('radio', { name: 'Yes, we talked' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Minutes (optional)' }), '25');
    await user.click(screen.getByRole('checkbox', { name: 'Activity pacing' }));
    await user.click(screen.getByRole('checkbox', { name: 'Gave encouragement' }));
    await user.click(screen.getByRole('checkbox', { name: 'Set or reviewed a goal' }));
    await user.type(screen.getByRole('textbox', { name: 'Private note (optional)' }), 'Walked twice this week');
    await user.click(screen.getByRole('button', { name: 'Save contact' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.headers['x-csrf-token']).toBe('csrf-123');
    expect(call.body).toEqual({
      participantId: ALEX,
      clientKey: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      occurredAt: new Date('2024-12-03T15:30').toISOString(),
      channel: 'video',
      outcome: 'reached',
      minutes: 25,
      topics: ['pacing'],
      discussedStrategies: false,
      gaveEncouragement: true,
      discussedAdjusting: false,
      discussedGoals: true,
      note: 'Walked twice this week',
    });
  });

  it('sends no session content for an unreached attempt, even if some was ticked before', async () => {
    const calls = mockApi({ [`POST /programs/${PROGRAM_ID}/contacts`]: (c) => saved(c.body) });
    const user = userEvent.setup();
    renderForm();

    await user.click(screen.getByRole('radio', { name: 'Yes, we talked' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Minutes (optional)' }), '10');
    await user.click(screen.getByRole('checkbox', { name: 'Sleep' }));
    await user.click(screen.getByRole('checkbox', { name: 'Gave encouragement' }));
    await user.click(screen.getByRole('radio', { name: 'Left a voicemail or message' }));
    await user.click(screen.getByRole('button', { name: 'Save contact' }));

    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toMatchObject({
      outcome: 'voicemail',
      minutes: null,
      topics: [],
      discussedStrategies: false,
      gaveEncouragement: false,
      discussedAdjusting: false,
      discussedGoals: false,
    });
  });

  it('asks whether the participant was reached before sending anything', async () => {
    const calls = mockApi({});
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    expect(screen.getByRole('alert').textContent).toContain('Say whether you reached them');
    expect(calls).toHaveLength(0);
  });

  it('reuses the same client key when a save is retried after a dropped connection', async () => {
    let attempt = 0;
    const calls = mockApi({
      [`POST /programs/${PROGRAM_ID}/contacts`]: (c) => (++attempt === 1 ? new TypeError('Failed to fetch') : saved(c.body)),
    });
    const user = userEvent.setup();
    const onSaved = renderForm();

    await user.click(screen.getByRole('radio', { name: 'No answer' }));
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    expect((await screen.findByRole('alert')).textContent).toContain('it will be saved only once');

    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls).toHaveLength(2);
    expect((calls[1]!.body as { clientKey: string }).clientKey).toBe((calls[0]!.body as { clientKey: string }).clientKey);
  });

  it('keeps the contact on the device with its client key when no answer comes, where the device can keep it (ADR 0042)', async () => {
    setQueueStoreForTests(memoryQueueStore());
    try {
      const calls = mockApi({ [`POST /programs/${PROGRAM_ID}/contacts`]: new TypeError('Failed to fetch') });
      const user = userEvent.setup();
      const onSaved = renderForm();
      await user.click(screen.getByRole('radio', { name: 'No answer' }));
      await user.click(screen.getByRole('button', { name: 'Save contact' }));
      await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ isQueued: true, participantId: ALEX }));
      expect(screen.queryByRole('alert')).toBeNull();
      const [entry, ...rest] = queuedNow('');
      expect(rest).toEqual([]);
      expect(entry).toMatchObject({ kind: 'contact', method: 'POST', label: 'Contact with Alex Rivera', body: calls[0]!.body });
      expect(entry!.clientKey).toBe((calls[0]!.body as { clientKey: string }).clientKey);
    } finally {
      setQueueStoreForTests(indexedDbQueueStore);
    }
  });

  it('clears the server’s refusal of a field once that field is changed (issue #16)', async () => {
    mockApi({
      [`POST /programs/${PROGRAM_ID}/contacts`]: json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [{ path: 'body.minutes', message: 'Use a number no bigger than 240.' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole('radio', { name: 'Yes, we talked' }));
    const minutes = screen.getByRole('spinbutton', { name: 'Minutes (optional)' });
    await user.type(minutes, '200');
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Use a number no bigger than 240.');
    expect(minutes.getAttribute('aria-invalid')).toBe('true');

    await user.clear(minutes);
    await user.type(minutes, '20');
    expect(minutes.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Use a number no bigger than 240.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
