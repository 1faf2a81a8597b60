import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

/**
 * Due dates are the program's local dates (America/New_York in the test world): a pairing or a
 * contact made in the evening in New York is already the next day in UTC, and must not move the date
 * the coach sees a day late.
 */
describe('due dates in the program’s zone', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let coordinator: Agent;
  let coach: Agent;

  const signInAll = async () => {
    [coordinator, coach] = await Promise.all([t.login('coordinator@test.org'), t.login('coach@test.org')]);
  };
  const coachTasks = async () => {
    const res = await coach.request('GET', `${base}/tasks`);
    expect(res.status).toBe(200);
    return res.body
      .filter((x: { kind: string }) => x.kind !== 'assessment')
      .map((x: { kind: string; dueOn: string }) => [x.kind, x.dueOn]);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    // 20:30 on Monday 2 March 2026 in New York; 3 March in UTC.
    t.clock.set(new Date('2026-03-03T01:30:00.000Z'));
    await signInAll();
    expect(
      (await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId })).status,
    ).toBe(201);
  });
  afterAll(() => t.close());

  it('dates the first contact after an evening pairing three New York days later', async () => {
    expect(await coachTasks()).toEqual([['first_contact', '2026-03-05']]);
    const person = await coach.request('GET', `${base}/participants/${w.participantId}`);
    expect(person.body.nextContactDueOn).toBe('2026-03-05');
  });

  it('dates the next contact after an evening contact by the New York calendar', async () => {
    // 20:30 on Tuesday 3 March in New York.
    t.clock.set(new Date('2026-03-04T01:30:00.000Z'));
    await signInAll();
    const logged = await coach.request('POST', `${base}/contacts`, {
      participantId: w.participantId,
      clientKey: randomUUID(),
      occurredAt: t.clock.now().toISOString(),
      channel: 'phone',
      outcome: 'reached',
      minutes: 20,
      topics: ['pacing'],
    });
    expect(logged.status).toBe(201);
    t.clock.set(new Date('2026-03-15T01:30:00.000Z'));
    await signInAll();
    expect(await coachTasks()).toEqual([['next_contact', '2026-03-17']]);
    const person = await coach.request('GET', `${base}/participants/${w.participantId}`);
    expect(person.body.nextContactDueOn).toBe('2026-03-17');
  });
});
