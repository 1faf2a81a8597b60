import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed';
import { createTestApp, type TestApp } from '../../testing/harness';
import { safetyEvents } from '../safety/safety.table';

describe('the demo program’s assessments', () => {
  let t: TestApp;
  let programId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ programId } = await seedDemo(t.db.db, t.clock.now()));
  });
  afterAll(() => t.close());

  it('has baselines and 3-month follow-ups: completed, due or overdue, and missed', async () => {
    const coordinator = await t.login('coordinator@example.org', 'kindred-demo');
    const list = await coordinator.request('GET', `/programs/${programId}/assessments`);
    expect(list.status).toBe(200);
    const states = new Set(list.body.map((r: { state: string }) => r.state));
    expect(states.has('missed')).toBe(true);
    expect(states.has('overdue') || states.has('due')).toBe(true);
    const report = await coordinator.request('GET', `/programs/${programId}/assessment-report`);
    const [baseline, month3] = report.body.timepoints;
    expect(baseline.counts.completed).toBeGreaterThan(20);
    expect(baseline.counts.missed).toBeGreaterThan(0);
    expect(month3.counts.completed).toBeGreaterThan(5);
    expect(baseline.instruments.find((i: { id: string }) => i.id === 'phq9').distribution.n).toBe(baseline.counts.completed);
  });

  it('gives the demo participant two points on each chart and raises no safety event', async () => {
    const coordinator = await t.login('coordinator@example.org', 'kindred-demo');
    const robert = await t.login('participant@example.org', 'kindred-demo');
    const participantId = (await robert.request('GET', '/me')).body.memberships[0].participantId as string;
    const view = await coordinator.request('GET', `/programs/${programId}/participants/${participantId}/assessments`);
    expect(view.status).toBe(200);
    expect(view.body.schedule.slice(0, 2).map((s: { state: string }) => s.state)).toEqual(['completed', 'completed']);
    for (const s of view.body.series) expect(s.points).toHaveLength(2);
    const events = await t.db.db.select().from(safetyEvents).where(eq(safetyEvents.trigger, 'assessment_flag'));
    expect(events).toHaveLength(0);
  });

  it('has a blind assessor who sees the worklist and no coaching data', async () => {
    const assessor = await t.login('assessor@example.org', 'kindred-demo');
    expect((await assessor.request('GET', `/programs/${programId}/assessments`)).status).toBe(200);
    expect((await assessor.request('GET', `/programs/${programId}/participants`)).status).toBe(403);
    expect((await assessor.request('GET', `/programs/${programId}/tasks`)).status).toBe(403);
  });
});
