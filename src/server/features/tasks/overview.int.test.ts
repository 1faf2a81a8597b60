import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { T0, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

const DAY = 86_400_000;

describe('program overview', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let coordinator: Agent;

  const at = (days: number) => t.clock.set(new Date(new Date(T0).getTime() + days * DAY));
  const overview = async (agent?: Agent) => {
    const a = agent ?? (coordinator = await t.login('coordinator@test.org'));
    const res = await a.request('GET', `${base}/overview`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    coordinator = await t.login('coordinator@test.org');
    const coach = await t.login('coach@test.org');
    const post = async (agent: Agent, url: string, body: object) => {
      const res = await agent.request('POST', `${base}${url}`, body);
      expect(res.status).toBe(201);
      return res.body;
    };
    await post(coordinator, '/pairings', { participantId: w.participantId, coachId: w.coachId });
    await post(coordinator, '/pairings', {
      participantId: w.otherParticipantId,
      coachId: w.otherCoachId,
      genderMismatchReason: 'Only coach free',
    });
    await post(coordinator, '/participants', {
      givenName: 'Rae',
      familyName: 'Ferral',
      gender: 'woman',
      painLocations: ['neck'],
      referredOn: '2026-03-01',
    });
    await post(coordinator, '/coaches', {
      givenName: 'Paula',
      familyName: 'Paused',
      gender: 'woman',
      status: 'paused',
      caseload: 3,
    });
    await post(coordinator, '/coaches', {
      givenName: 'Rex',
      familyName: 'Retired',
      gender: 'man',
      status: 'retired',
      caseload: 1,
    });
    const contact = { participantId: w.participantId, occurredAt: t.clock.now().toISOString(), channel: 'phone' };
    await post(coach, '/contacts', { ...contact, clientKey: randomUUID(), outcome: 'no_answer' });
    await post(coach, '/contacts', { ...contact, clientKey: randomUUID(), outcome: 'reached', minutes: 20, topics: ['pacing'] });
  });
  afterAll(() => t.close());

  it('counts participants, pairs, tasks, coaches and recent contacts', async () => {
    expect(await overview()).toEqual({
      participantsByStatus: { active: 2, referred: 1 },
      pairsByState: { on_track: 2, due: 0, overdue: 0, quiet: 0 },
      openTasks: { first_contact: 1, next_contact: 0, check_in_call: 0 },
      coaches: { active: 2, paused: 1, retired: 1, openPlaces: 2 },
      contactsLast30Days: { attempts: 2, reached: 1 },
      targetContacts: 12,
      cadenceDays: 14,
    });
  });

  it('moves pairs through due, overdue and quiet as time passes', async () => {
    at(12);
    expect(await overview()).toMatchObject({
      pairsByState: { on_track: 0, due: 1, overdue: 1, quiet: 0 },
      openTasks: { first_contact: 1, next_contact: 1, check_in_call: 0 },
    });
    at(21);
    expect(await overview()).toMatchObject({
      pairsByState: { on_track: 0, due: 0, overdue: 0, quiet: 2 },
      openTasks: { first_contact: 1, next_contact: 1, check_in_call: 2 },
      contactsLast30Days: { attempts: 2, reached: 1 },
    });
    at(31);
    expect((await overview()).contactsLast30Days).toEqual({ attempts: 0, reached: 0 });
  });

  it('shows the counts to evaluators too, and audits the read', async () => {
    const evaluator = await t.login('evaluator@test.org');
    const res = await evaluator.request('GET', `${base}/overview`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(await overview());
    const [event] = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.requestId, res.headers['x-request-id'] as string), eq(auditEvents.action, 'overview:read')));
    expect(event).toMatchObject({ actorId: w.people.evaluator, programId: w.programId });
  });

  it('refuses coaches and participants (403) and outsiders (404)', async () => {
    for (const name of ['coach', 'participant'])
      expect((await (await t.login(`${name}@test.org`)).request('GET', `${base}/overview`)).status).toBe(403);
    expect((await (await t.login('outsider@test.org')).request('GET', `${base}/overview`)).status).toBe(404);
    expect((await coordinator.request('GET', `/programs/${randomUUID()}/overview`)).status).toBe(404);
  });
});
