import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

const elements = { discussedStrategies: true, gaveEncouragement: false, discussedAdjusting: false, discussedGoals: false };

/** "Last sessions" on the participant's record: the pain and mood check of each guided session. */
describe("the participant's last guided sessions", () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  const url = (participantId = w.participantId) => `/programs/${w.programId}/participants/${participantId}/guides`;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    [coordinator, coach] = await Promise.all([t.login('coordinator@test.org'), t.login('coach@test.org')]);
    const paired = await coordinator.request('POST', `/programs/${w.programId}/pairings`, {
      participantId: w.participantId,
      coachId: w.coachId,
    });
    expect(paired.status).toBe(201);
  });
  afterAll(() => t.close());

  const finish = async (check: { pain: number | null; mood: number | null }, topics: string[]) => {
    const res = await coach.request('POST', `/programs/${w.programId}/participants/${w.participantId}/guide`, {
      clientKey: randomUUID(),
      occurredAt: t.clock.now().toISOString(),
      channel: 'phone',
      check,
      topics,
      elements,
    });
    expect(res.status).toBe(201);
  };

  it('is empty before any guided session', async () => {
    const res = await coach.request('GET', url());
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('lists each guided session newest first: program-local date, pain, mood and the topics covered by title', async () => {
    await finish({ pain: 7, mood: 3 }, ['getting_started']);
    // Two days later, at 22:30 in New York: already the next day in UTC.
    t.clock.set(new Date('2026-03-05T03:30:00.000Z'));
    coach = await t.login('coach@test.org');
    await finish({ pain: 5, mood: null }, ['action_plans', 'pacing']);
    const res = await coach.request('GET', url());
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        guideId: expect.any(String),
        at: '2026-03-05T03:30:00.000Z',
        on: '2026-03-04',
        pain: 5,
        mood: null,
        topics: [expect.stringMatching(/action plan/i), expect.stringMatching(/pacing/i)],
      },
      { guideId: expect.any(String), at: expect.any(String), on: '2026-03-02', pain: 7, mood: 3, topics: [expect.any(String)] },
    ]);
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'session_guide:list'), eq(auditEvents.entityId, w.participantId)));
    expect(audited.length).toBeGreaterThan(0);
  });

  it('is shown to staff, and to nobody else (404, the same rules as the guide)', async () => {
    coordinator = await t.login('coordinator@test.org');
    expect((await coordinator.request('GET', url())).body).toHaveLength(2);
    for (const name of ['coach2', 'participant', 'evaluator', 'outsider']) {
      const agent = await t.login(`${name}@test.org`);
      expect([name, (await agent.request('GET', url())).status]).toEqual([name, 404]);
    }
    expect((await coordinator.request('GET', url(randomUUID()))).status).toBe(404);
  });
});
