import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

/** Lists that grow are paged (issue #12): before, the API stopped at the newest 500 with no way on. */
describe('paging contacts', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    coordinator = await t.login('coordinator@test.org');
    coach = await t.login('coach@test.org');
    const paired = await coordinator.request('POST', `/programs/${w.programId}/pairings`, {
      participantId: w.participantId,
      coachId: w.coachId,
    });
    expect(paired.status).toBe(201);
    // 7 contacts over the next hours; the last three at the same instant, so the cursor must break ties.
    t.clock.advanceDays(0.25);
    coordinator = await t.login('coordinator@test.org');
    coach = await t.login('coach@test.org');
    const now = t.clock.now().getTime();
    for (let i = 0; i < 7; i++) {
      const res = await coach.request('POST', `/programs/${w.programId}/contacts`, {
        participantId: w.participantId,
        clientKey: randomUUID(),
        occurredAt: new Date(now - Math.max(0, 4 - i) * 3_600_000).toISOString(),
        channel: 'phone',
        outcome: 'no_answer',
      });
      expect(res.status).toBe(201);
      logged.push(res.body.id);
    }
  });
  afterAll(() => t.close());

  const walk = async (agent: Agent, first: string) => {
    const seen: string[] = [];
    let url: string | null = first;
    const totals: unknown[] = [];
    while (url) {
      const res = await agent.request('GET', url);
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      totals.push(res.headers['x-total-count']);
      seen.push(...res.body.map((c: { id: string }) => c.id));
      const link = res.headers['link'] as string | undefined;
      url = link ? link.replace(/^<\/api\/v1(.*)>; rel="next"$/, '$1') : null;
      if (link) expect(res.headers['x-next-cursor']).toBeTruthy();
    }
    return { seen, totals };
  };

  it('walks every contact once, newest first, by the next link, with the total on every page', async () => {
    for (const url of [
      `/programs/${w.programId}/contacts?limit=3`,
      `/programs/${w.programId}/participants/${w.participantId}/contacts?limit=3`,
    ]) {
      const { seen, totals } = await walk(coordinator, url);
      expect(seen).toHaveLength(7);
      expect(new Set(seen)).toEqual(new Set(logged));
      expect(totals).toEqual(['7', '7', '7']);
    }
    // The coach's own history pages the same way.
    const own = await walk(coach, `/programs/${w.programId}/contacts?limit=2`);
    expect(own.seen).toHaveLength(7);
    expect(new Set(own.seen).size).toBe(7);
  });

  it('keeps existing clients working: no parameters answer the newest page as a plain array', async () => {
    const res = await coordinator.request('GET', `/programs/${w.programId}/participants/${w.participantId}/contacts`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(7);
    expect(res.headers['link']).toBeUndefined();
    const times = res.body.map((c: { occurredAt: string }) => c.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('refuses a cursor Kindred did not make (400) and a page over 500', async () => {
    const bad = await coordinator.request('GET', `/programs/${w.programId}/contacts?before=abc$`);
    expect(bad.status).toBe(400);
    const forged = await coordinator.request('GET', `/programs/${w.programId}/contacts?before=${btoa('yesterday|x')}`);
    expect(forged.status).toBe(400);
    expect((await coordinator.request('GET', `/programs/${w.programId}/contacts?limit=501`)).status).toBe(400);
  });
});
