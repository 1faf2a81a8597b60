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
    const { engagement, ...counts } = await overview();
    expect(counts).toEqual({
      participantsByStatus: { active: 2, referred: 1 },
      pairsByState: { on_track: 2, due: 0, overdue: 0, quiet: 0, paused: 0 },
      openTasks: { first_contact: 1, next_contact: 0, check_in_call: 0, decision: 0 },
      coaches: { active: 2, paused: 1, retired: 1, openPlaces: 2 },
      contactsLast30Days: { attempts: 2, reached: 1 },
      targetContacts: 12,
      cadenceDays: 14,
    });
    expect(engagement.program).toEqual({
      pairs: 2,
      reached: 1,
      attempts: 2,
      reachRate: 0.5,
      medianDaysSinceReached: 0,
      neverReached: 1,
      adherent: 0,
      onCourse: 1,
      frequency: { weekly: 0, twice_monthly: 0, monthly: 0, less_than_monthly: 0, too_early: 2 },
      funnel: { paired: 2, firstContact: 1, halfTarget: 0, target: 0 },
    });
    expect(engagement.ladder).toEqual({ reminder: 0, check_in: 0, decision: 0, paused: 0 });
    expect(engagement.coaches.map((c: { name: string; pairs: number; reached: number }) => [c.name, c.pairs, c.reached])).toEqual(
      [
        ['Carl Coach', 1, 1],
        ['Cora Coach', 1, 0],
      ],
    );
  });

  it('moves pairs through due, overdue and quiet, and up the ladder, as time passes', async () => {
    at(12);
    expect(await overview()).toMatchObject({
      pairsByState: { on_track: 0, due: 1, overdue: 1, quiet: 0 },
      openTasks: { first_contact: 1, next_contact: 1, check_in_call: 0 },
      engagement: { ladder: { reminder: 1, check_in: 0, decision: 0 } },
    });
    at(21);
    // Each quiet pair still has its coach's contact open besides the check-in call, but counts
    // once, as a check-in call, like the Tasks page lists it (issue #16).
    expect(await overview()).toMatchObject({
      pairsByState: { on_track: 0, due: 0, overdue: 0, quiet: 2 },
      openTasks: { first_contact: 0, next_contact: 0, check_in_call: 2, decision: 0 },
      contactsLast30Days: { attempts: 2, reached: 1 },
      engagement: { ladder: { reminder: 0, check_in: 2, decision: 0 } },
    });
    const listed = (await coordinator.request('GET', `${base}/tasks`)).body as { kind: string }[];
    const ladderKinds = ['first_contact', 'next_contact', 'check_in_call', 'decision'];
    expect(listed.filter((t) => ladderKinds.includes(t.kind)).map((t) => t.kind)).toEqual(['check_in_call', 'check_in_call']);
    at(31);
    expect((await overview()).contactsLast30Days).toEqual({ attempts: 0, reached: 0 });
    at(35);
    expect(await overview()).toMatchObject({
      openTasks: { first_contact: 0, next_contact: 0, check_in_call: 0, decision: 2 },
      engagement: {
        ladder: { decision: 2 },
        program: { frequency: { less_than_monthly: 2, too_early: 0 }, onCourse: 0 },
      },
    });
  });

  it('shows the counts to evaluators too, and audits the read', async () => {
    const evaluator = await t.login('evaluator@test.org');
    const res = await evaluator.request('GET', `${base}/overview`);
    expect(res.status).toBe(200);
    // The same numbers, with coaches by id only (in id order): evaluators see no names.
    const staff = await overview();
    const byId = (a: { coachId: string }, b: { coachId: string }) => a.coachId.localeCompare(b.coachId);
    expect(res.body).toEqual({
      ...staff,
      engagement: {
        ...staff.engagement,
        coaches: staff.engagement.coaches.map((c: { coachId: string }) => ({ ...c, name: null })).sort(byId),
      },
    });
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
