import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed';
import { createTestApp, type TestApp } from '../../testing/harness';

describe('the demo program’s volunteers', () => {
  let t: TestApp;
  let programId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ programId } = await seedDemo(t.db.db, t.clock.now()));
  });
  afterAll(() => t.close());

  it('has volunteers to screen and to start training, and every demo coach trained', async () => {
    const coordinator = await t.login('coordinator@example.org', 'kindred-demo');
    const list = await coordinator.request('GET', `/programs/${programId}/volunteers`);
    expect(list.status).toBe(200);
    expect(list.body.map((a: { givenName: string; state: string }) => [a.givenName, a.state])).toEqual([
      ['Raymond', 'applied'],
      ['Denise', 'screened'],
      ['Marcus', 'applied'],
    ]);
    const denise = list.body[1];
    const view = await coordinator.request('GET', `/programs/${programId}/volunteers/${denise.id}`);
    expect(view.body.history.map((h: { to: string; byName: string | null }) => [h.to, h.byName])).toEqual([
      ['applied', null],
      ['screened', 'Casey Coordinator'],
    ]);
    const coaches = await coordinator.request('GET', `/programs/${programId}/coaches`);
    expect(coaches.body.length).toBe(15);
    expect(coaches.body.every((c: { isTrained: boolean }) => c.isTrained)).toBe(true);
  });
});
