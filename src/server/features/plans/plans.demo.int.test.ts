import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, isNotNull } from 'drizzle-orm';
import { seedDemo } from '../../demo/seed';
import { participants } from '../participants/participants.table';
import { practiceLog, textCheckInPrompts } from './plans.table';
import { createTestApp, type TestApp } from '../../testing/harness';

describe('the demo program’s plans and check-ins', () => {
  let t: TestApp;
  let programId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ programId } = await seedDemo(t.db.db, t.clock.now()));
  });
  afterAll(() => t.close());

  it('gives the demo participant plans, a falling PEG with this week’s check-in due, practice and notes', async () => {
    const robert = await t.login('participant@example.org', 'kindred-demo');
    const me = await robert.request('GET', '/me');
    const participantId = me.body.memberships[0].participantId as string;
    const res = await robert.request('GET', `/programs/${programId}/participants/${participantId}/progress`);
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p.givenName).toBe('Robert');
    expect(p.checkIn.isDue).toBe(true);
    expect(p.checkIns.length).toBeGreaterThanOrEqual(3);
    expect(p.change.kind).toBe('lower');
    expect(p.currentPlan).toMatchObject({ kind: 'action_plan', what: 'Walk around the block', isCurrent: true });
    expect(p.plans).toMatchObject({ made: 3, reviewed: 2, done: 1, partly: 1 });
    expect(p.notes).toHaveLength(2);
    expect(p.skillsTried.length).toBeGreaterThan(0);
    // The current plan's practice log has days in the last week, so the week row is not empty.
    const logged = await t.db.db.select().from(practiceLog).where(eq(practiceLog.planId, p.currentPlan.id));
    expect(logged.filter((e) => e.on >= '2026-02-24').length).toBeGreaterThanOrEqual(2);

    const plans = await robert.request('GET', `/programs/${programId}/participants/${participantId}/plans`);
    const first = plans.body.at(-1);
    expect(first.versions.map((v: { confidence: number }) => v.confidence)).toEqual([5, 8]);
  });

  it('shows coordinators plans per pair, with a small step for someone not ready', async () => {
    const coordinator = await t.login('coordinator@example.org', 'kindred-demo');
    const res = await coordinator.request('GET', `/programs/${programId}/plans`);
    expect(res.status).toBe(200);
    expect(res.body.filter((r: { plansMade: number }) => r.plansMade > 0).length).toBeGreaterThanOrEqual(4);
    expect(res.body.some((r: { smallSteps: number }) => r.smallSteps === 1)).toBe(true);
  });

  it('has one participant who checks in by text, so coordinators see check-ins that came by text message', async () => {
    const texters = await t.db.db.select().from(participants).where(isNotNull(participants.textCheckInDay));
    expect(texters).toHaveLength(1);
    const texter = texters[0]!;
    expect(texter.email).not.toBe('participant@example.org');
    expect(texter.phone).toMatch(/^\(317\) 555-\d{4}$/);
    expect(texter.textCheckInTime).toBe('09:00');

    const coordinator = await t.login('coordinator@example.org', 'kindred-demo');
    const res = await coordinator.request('GET', `/programs/${programId}/participants/${texter.id}/progress`);
    expect(res.status).toBe(200);
    const sources = (res.body.checkIns as { on: string; source: string }[]).map((c) => c.source);
    expect(sources.filter((s) => s === 'text')).toHaveLength(2);
    expect(sources).toContain('app');
    // The two latest came by text, each answering that week's text on the chosen weekday.
    expect(sources.slice(-2)).toEqual(['text', 'text']);
    expect(res.body.checkIn.isDue).toBe(false);
    const prompts = await t.db.db.select().from(textCheckInPrompts).where(eq(textCheckInPrompts.participantId, texter.id));
    expect(prompts).toHaveLength(2);
    expect(prompts.every((x) => x.checkInId !== null && x.answeredAt !== null && x.sentAt < x.answeredAt)).toBe(true);

    // Everyone else keeps the check-in in the app, the demo participant included.
    const robert = await t.login('participant@example.org', 'kindred-demo');
    const me = await robert.request('GET', '/me');
    const self = await robert.request('GET', `/programs/${programId}/participants/${me.body.memberships[0].participantId}`);
    expect(self.body.textCheckInDay).toBeNull();
  });
});
