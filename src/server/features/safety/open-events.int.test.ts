import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { pairings } from '../pairings/pairings.table';

/** The staff pages' banner reads only the events waiting for acknowledgement (issue #16). */
describe('GET /programs/:programId/safety/unacknowledged', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  let participant: Agent;
  let evaluator: Agent;
  let outsider: Agent;
  const url = () => `/programs/${w.programId}/safety/unacknowledged`;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    await t.db.db.insert(pairings).values({
      id: randomUUID(),
      programId: w.programId,
      participantId: w.participantId,
      coachId: w.coachId,
      startedAt: new Date('2026-03-01T15:00:00Z'),
      createdBy: w.people.coordinator,
    });
    t.clock.set('2026-03-02T15:00:00Z');
    [coordinator, coach, participant, evaluator, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
  });
  afterAll(() => t.close());

  it('answers an empty banner when nothing waits', async () => {
    const res = await coordinator.request('GET', url());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ total: 0, events: [] });
  });

  it('gives only the unacknowledged events, a plea for help first, with no more than the banner shows', async () => {
    const concern = await coach.request('POST', `/programs/${w.programId}/safety/concerns`, {
      participantId: w.participantId,
      clientKey: `key-${randomUUID()}`,
      category: null,
      note: 'He said he is thinking of ending it',
    });
    expect(concern.status).toBe(201);
    const handled = await coordinator.request('POST', `/programs/${w.programId}/safety/concerns`, {
      participantId: w.otherParticipantId,
      clientKey: `key-${randomUUID()}`,
      category: null,
      note: 'Already on it',
    });
    expect(handled.status).toBe(201);
    expect(
      (await coordinator.request('POST', `/programs/${w.programId}/safety/events/${handled.body.id}/acknowledge`)).status,
    ).toBe(200);
    const help = await participant.request('POST', `/programs/${w.programId}/safety/help`, { clientKey: `key-${randomUUID()}` });
    expect(help.status).toBe(201);

    const res = await coordinator.request('GET', url());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 2,
      events: [
        { id: help.body.id, participantName: 'Pat Person', raisedAt: '2026-03-02T15:00:00.000Z', trigger: 'participant_help' },
        { id: concern.body.id, participantName: 'Pat Person', raisedAt: '2026-03-02T15:00:00.000Z', trigger: 'coach_concern' },
      ],
    });
    // Nothing else about the person or the event: no note, no phone, no coach.
    expect(JSON.stringify(res.body)).not.toMatch(/ending it|phone|coach(Id|Name)|note/);

    const one = await coordinator.request('GET', `${url()}?limit=1`);
    expect(one.body).toMatchObject({ total: 2, events: [{ id: help.body.id }] });
  });

  it('is audited as a list of safety events', async () => {
    const before = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'safety_event:list'), eq(auditEvents.actorId, w.people.coordinator)));
    expect((await coordinator.request('GET', url())).status).toBe(200);
    const after = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'safety_event:list'), eq(auditEvents.actorId, w.people.coordinator)));
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ programId: w.programId, entityId: null });
  });

  it('refuses a bad limit with a 400 and writes no audit row', async () => {
    const count = async () =>
      (await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'safety_event:list'))).length;
    const before = await count();
    for (const limit of ['0', '11', 'many']) {
      expect((await coordinator.request('GET', `${url()}?limit=${limit}`)).status).toBe(400);
    }
    expect(await count()).toBe(before);
  });

  it('is refused to coaches, participants and evaluators, and not found for another program', async () => {
    expect((await coach.request('GET', url())).status).toBe(403);
    expect((await participant.request('GET', url())).status).toBe(403);
    expect((await evaluator.request('GET', url())).status).toBe(403);
    expect((await outsider.request('GET', url())).status).toBe(404);
    expect((await coordinator.request('GET', `/programs/${randomUUID()}/safety/unacknowledged`)).status).toBe(404);
  });
});
