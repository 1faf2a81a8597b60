import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type World } from '../../testing/harness';
import { volunteerApplications } from './volunteers.table';

describe('volunteers, page by page (#12)', () => {
  let t: TestApp;
  let w: World;
  const ids: string[] = [];
  const screenedIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    const now = t.clock.now().getTime();
    // 205 applications, more than the first page of 200; two share each instant, so ties are broken by id.
    // Every fifth is screened, so the stage filter pages too.
    const rows = Array.from({ length: 205 }, (_, i) => {
      const at = new Date(now - Math.floor(i / 2) * 60_000);
      return {
        id: randomUUID(),
        programId: w.programId,
        givenName: `Given${i}`,
        familyName: `Family${i}`,
        email: `volunteer${i}@test.org`,
        gender: 'woman' as const,
        painLocations: [],
        aboutMe: '',
        ownPain: '',
        availableDays: [],
        availableTimes: [],
        modalities: [],
        state: i % 5 === 0 ? ('screened' as const) : ('applied' as const),
        stateChangedAt: at,
        createdAt: at,
        updatedAt: at,
      };
    });
    await t.db.db.insert(volunteerApplications).values(rows);
    const newestFirst = rows.slice().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    ids.push(...newestFirst.map((r) => r.id));
    screenedIds.push(...newestFirst.filter((r) => r.state === 'screened').map((r) => r.id));
  });
  afterAll(() => t.close());

  it('gives the newest 200 first, then the rest through the next cursor, each applicant once', async () => {
    const coordinator = await t.login('coordinator@test.org');
    const first = await coordinator.request('GET', `/programs/${w.programId}/volunteers`);
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(200);
    expect(first.headers['x-total-count']).toBe('205');
    const cursor = first.headers['x-next-cursor'];
    expect(cursor).toEqual(expect.any(String));
    expect(first.headers['link']).toContain('rel="next"');

    const second = await coordinator.request('GET', `/programs/${w.programId}/volunteers?before=${cursor}`);
    expect(second.status).toBe(200);
    expect(second.body).toHaveLength(5);
    expect(second.headers['x-next-cursor']).toBeUndefined();
    expect([...first.body, ...second.body].map((a: { id: string }) => a.id)).toEqual(ids);
  });

  it('pages within a stage, keeping the stage on the next page', async () => {
    const coordinator = await t.login('coordinator@test.org');
    const first = await coordinator.request('GET', `/programs/${w.programId}/volunteers?state=screened&limit=30`);
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(30);
    expect(first.headers['x-total-count']).toBe(String(screenedIds.length));
    const second = await coordinator.request(
      'GET',
      `/programs/${w.programId}/volunteers?state=screened&limit=30&before=${first.headers['x-next-cursor']}`,
    );
    expect(second.status).toBe(200);
    expect([...first.body, ...second.body].map((a: { id: string }) => a.id)).toEqual(screenedIds);
    expect(second.body.every((a: { state: string }) => a.state === 'screened')).toBe(true);
  });

  it('refuses a cursor it did not make', async () => {
    const coordinator = await t.login('coordinator@test.org');
    expect((await coordinator.request('GET', `/programs/${w.programId}/volunteers?before=nope`)).status).toBe(400);
  });
});
