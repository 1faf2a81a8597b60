import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

describe('contacts and the tasks they satisfy', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  let otherCoach: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    coordinator = await t.login('coordinator@test.org');
    coach = await t.login('coach@test.org');
    otherCoach = await t.login('coach2@test.org');
    const paired = await coordinator.request('POST', `/programs/${w.programId}/pairings`, {
      participantId: w.participantId,
      coachId: w.coachId,
    });
    expect(paired.status).toBe(201);
  });
  afterAll(() => t.close());

  const contact = (overrides: Record<string, unknown> = {}) => ({
    participantId: w.participantId,
    clientKey: randomUUID(),
    occurredAt: t.clock.now().toISOString(),
    channel: 'phone',
    outcome: 'reached',
    minutes: 20,
    topics: ['pacing'],
    discussedStrategies: true,
    gaveEncouragement: true,
    ...overrides,
  });

  it('shows a first-contact task to the coach until a reached contact is logged', async () => {
    const before = await coach.request('GET', `/programs/${w.programId}/tasks`);
    expect(before.status).toBe(200);
    expect(before.body.map((x: { kind: string }) => x.kind)).toEqual(['first_contact']);

    const attempt = await coach.request(
      'POST',
      `/programs/${w.programId}/contacts`,
      contact({ outcome: 'no_answer', minutes: null, topics: [], discussedStrategies: false, gaveEncouragement: false }),
    );
    expect(attempt.status).toBe(201);
    const still = await coach.request('GET', `/programs/${w.programId}/tasks`);
    expect(still.body[0].kind).toBe('first_contact');
    expect(still.body[0].reason).toContain('1 attempt');

    const reached = await coach.request('POST', `/programs/${w.programId}/contacts`, contact());
    expect(reached.status).toBe(201);
    const after = await coach.request('GET', `/programs/${w.programId}/tasks`);
    expect(after.body).toEqual([]);
  });

  it('does not save a retried contact twice', async () => {
    const body = contact();
    const first = await coach.request('POST', `/programs/${w.programId}/contacts`, body);
    const retry = await coach.request('POST', `/programs/${w.programId}/contacts`, body);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
  });

  it("answers 409, never the other participant's contact, when one key is sent for two participants at once", async () => {
    const otherPaired = await coordinator.request('POST', `/programs/${w.programId}/pairings`, {
      participantId: w.otherParticipantId,
      coachId: w.coachId,
    });
    expect(otherPaired.status).toBe(201);
    for (let round = 0; round < 6; round++) {
      const clientKey = randomUUID();
      const [a, b] = await Promise.all([
        coordinator.request('POST', `/programs/${w.programId}/contacts`, contact({ clientKey })),
        coordinator.request(
          'POST',
          `/programs/${w.programId}/contacts`,
          contact({ clientKey, participantId: w.otherParticipantId }),
        ),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([201, 409]);
      const winner = a.status === 201 ? a : b;
      const loser = a.status === 201 ? b : a;
      expect(loser.body.reason).toBe('client_key_reused');
      expect(JSON.stringify(loser.body)).not.toContain(winner.body.id);
    }
  });

  it('answers 404 to a coach who does not coach the participant, and saves nothing', async () => {
    const before = await coordinator.request('GET', `/programs/${w.programId}/participants/${w.participantId}/contacts`);
    const res = await otherCoach.request('POST', `/programs/${w.programId}/contacts`, contact());
    expect(res.status).toBe(404);
    const after = await coordinator.request('GET', `/programs/${w.programId}/participants/${w.participantId}/contacts`);
    expect(after.body.length).toBe(before.body.length);
  });

  it('rejects bad input with the fields named and changes nothing', async () => {
    const before = await coordinator.request('GET', `/programs/${w.programId}/participants/${w.participantId}/contacts`);
    const res = await coach.request('POST', `/programs/${w.programId}/contacts`, contact({ channel: 'pigeon', minutes: -5 }));
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.channel', 'body.minutes']);
    const unreachedWithTopics = await coach.request(
      'POST',
      `/programs/${w.programId}/contacts`,
      contact({ outcome: 'voicemail' }),
    );
    expect(unreachedWithTopics.status).toBe(422);
    expect(unreachedWithTopics.body.reason).toBe('unreached_with_content');
    const after = await coordinator.request('GET', `/programs/${w.programId}/participants/${w.participantId}/contacts`);
    expect(after.body.length).toBe(before.body.length);
  });

  it("refuses a note over its limit in plain words, never in the schema library's", async () => {
    const res = await coach.request(
      'POST',
      `/programs/${w.programId}/contacts`,
      contact({ note: 'x'.repeat(4001), channel: 'pigeon' }),
    );
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(byPath['body.note']).toBe('Keep this to 4,000 characters or fewer.');
    expect(byPath['body.channel']).toBe('Choose one of the options.');
    expect(JSON.stringify(res.body)).not.toMatch(/Too (big|small)|expected|Invalid/);
  });
});
