import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed';
import { createTestApp, type TestApp } from '../../testing/harness';
import { auditEvents } from '../../platform/audit.table';
import { STUDY_DEMO_PROGRAM } from './trials.demo';
import { allocations, eligibilityScreenings, studies } from './trials.table';

/**
 * The demo's study program (#11, #12): the coordinator and evaluator demo accounts reach it (the
 * main program stays their first), its CONSORT flow adds up, and the outcome report has numbers.
 */
describe('the demo study program', () => {
  let t: TestApp;
  let mainProgramId: string;
  let programId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ programId: mainProgramId } = await seedDemo(t.db.db, t.clock.now()));
    const evaluator = await t.login('evaluator@example.org', 'kindred-demo');
    const me = (await evaluator.request('GET', '/me')).body as { memberships: { programId: string; programName: string }[] };
    expect(me.memberships.map((m) => m.programName)).toEqual(['Riverside Peer Coaching (demo)', STUDY_DEMO_PROGRAM]);
    expect(me.memberships[0]!.programId).toBe(mainProgramId);
    programId = me.memberships[1]!.programId;
  });
  afterAll(() => t.close());

  it('leaves the main demo program without a study', async () => {
    expect(await t.db.db.select().from(studies).where(eq(studies.programId, mainProgramId))).toHaveLength(0);
  });

  it('randomized through the real use case: locked, audited, one allocation per participant, both arms used', async () => {
    const [study] = await t.db.db.select().from(studies).where(eq(studies.programId, programId));
    expect(study?.lockedAt).not.toBeNull();
    expect(study?.seed).not.toBeNull();
    const rows = await t.db.db.select().from(allocations).where(eq(allocations.programId, programId));
    expect(new Set(rows.map((r) => r.arm))).toEqual(new Set(['coaching', 'usual_care']));
    expect(rows.map((r) => r.overallNumber).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i + 1));
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.programId, programId), eq(auditEvents.entityType, 'allocation')));
    expect(audited).toHaveLength(rows.length);
  });

  it('shows the evaluator a CONSORT flow that adds up, with masked arms', async () => {
    const evaluator = await t.login('evaluator@example.org', 'kindred-demo');
    const res = await evaluator.request('GET', `/programs/${programId}/study/consort`);
    expect(res.status).toBe(200);
    const c = res.body as {
      assessed: number;
      randomized: number;
      excluded: Record<string, number>;
      arms: { arm: string; allocated: number; analysed: Record<string, number>; discontinued: Record<string, number> }[];
      armLabels: Record<string, string>;
    };
    const screened = await t.db.db.select().from(eligibilityScreenings).where(eq(eligibilityScreenings.programId, programId));
    expect(c.assessed).toBe(screened.length);
    expect(c.excluded.not_meeting_criteria).toBeGreaterThanOrEqual(2);
    expect(c.excluded.declined).toBeGreaterThanOrEqual(1);
    const excluded = Object.values(c.excluded).reduce((s, n) => s + n, 0);
    expect(c.randomized + excluded).toBe(c.assessed);
    expect(c.arms.reduce((s, a) => s + a.allocated, 0)).toBe(c.randomized);
    expect(Object.values(c.armLabels).sort()).toEqual(['Arm A', 'Arm B']);
    for (const arm of c.arms) expect(arm.analysed.month_3).toBeGreaterThan(3);
    expect(c.arms.reduce((s, a) => s + (a.discontinued.month_3 ?? 0), 0)).toBe(2);
  });

  it('gives the outcome report numbers at the primary timepoint, masked for the evaluator', async () => {
    const evaluator = await t.login('evaluator@example.org', 'kindred-demo');
    const res = await evaluator.request('GET', `/programs/${programId}/reports/outcomes`);
    expect(res.status).toBe(200);
    expect(res.body.unavailable).toBeNull();
    expect(res.body.isMasked).toBe(true);
    expect(res.body.primaryTimepoint).toBe('month_3');
    expect(res.body.arms.map((a: { label: string }) => a.label).sort()).toEqual(['Arm A', 'Arm B']);
    const primary = res.body.ancova.find((a: { timepoint: string }) => a.timepoint === 'month_3');
    expect(primary.fit.n).toBeGreaterThan(10);
    expect(JSON.stringify(res.body)).not.toMatch(/Peer coaching|Usual care/);
  });

  it('shows the coordinator the real arms and a coaching arm that improved more', async () => {
    const coordinator = await t.login('coordinator@example.org', 'kindred-demo');
    const res = await coordinator.request('GET', `/programs/${programId}/reports/outcomes`);
    expect(res.status).toBe(200);
    expect(res.body.isMasked).toBe(false);
    const change = (label: string) =>
      res.body.descriptives.find((d: { timepoint: string; arm: string }) => d.timepoint === 'month_3' && d.arm === label)?.change
        ?.mean as number;
    const labels = res.body.arms.map((a: { label: string }) => a.label);
    expect(labels).toEqual(expect.arrayContaining(['Peer coaching', 'Usual care']));
    const armKeyOf = (label: string) => res.body.descriptives.some((d: { arm: string }) => d.arm === label);
    expect(armKeyOf('Peer coaching') || armKeyOf('coaching')).toBe(true);
    const coached = change('Peer coaching') ?? change('coaching');
    const usual = change('Usual care') ?? change('usual_care');
    expect(coached).toBeLessThan(usual);
  });
});
