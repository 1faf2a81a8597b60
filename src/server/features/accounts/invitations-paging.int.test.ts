import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type World } from '../../testing/harness';
import { invitations } from './accounts.table';

describe('invitations, page by page (#12)', () => {
  let t: TestApp;
  let w: World;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    const now = t.clock.now().getTime();
    // 205 invitations, more than the first page of 200; two share each instant, so ties are broken by id.
    const rows = Array.from({ length: 205 }, (_, i) => ({
      id: randomUUID(),
      programId: w.programId,
      email: `person${i}@test.org`,
      role: 'coach' as const,
      displayName: `Person ${i}`,
      tokenHash: `hash-${i}-${randomUUID()}`,
      invitedBy: w.people.coordinator,
      createdAt: new Date(now - Math.floor(i / 2) * 60_000),
      expiresAt: new Date(now + 7 * 86_400_000),
    }));
    await t.db.db.insert(invitations).values(rows);
    ids.push(
      ...rows
        .slice()
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((r) => r.id),
    );
  });
  afterAll(() => t.close());

  it('gives the newest 200 first, then the rest through the next cursor, each invitation once', async () => {
    const coordinator = await t.login('coordinator@test.org');
    const first = await coordinator.request('GET', `/programs/${w.programId}/invitations`);
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(200);
    expect(first.headers['x-total-count']).toBe('205');
    const cursor = first.headers['x-next-cursor'];
    expect(cursor).toEqual(expect.any(String));

    const second = await coordinator.request('GET', `/programs/${w.programId}/invitations?before=${cursor}`);
    expect(second.status).toBe(200);
    expect(second.body).toHaveLength(5);
    expect(second.headers['x-next-cursor']).toBeUndefined();
    expect([...first.body, ...second.body].map((i: { id: string }) => i.id)).toEqual(ids);
    expect(second.body[0]).toMatchObject({ role: 'coach', state: 'pending' });
  });

  it('refuses a cursor it did not make', async () => {
    const coordinator = await t.login('coordinator@test.org');
    expect((await coordinator.request('GET', `/programs/${w.programId}/invitations?before=nope`)).status).toBe(400);
  });
});
