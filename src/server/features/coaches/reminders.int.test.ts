import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, type TestApp, type World } from '../../testing/harness';

/** The coach's reminders on Today (#6, ADR 0016): this month's check-in and the next booster. */
describe('coach reminders', () => {
  let t: TestApp;
  let w: World;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
  });
  afterAll(() => t.close());

  it('asks for this month’s check-in and shows a booster in the next 14 days, in program time', async () => {
    const coordinator = await t.login('coordinator@test.org');
    // 2026-03-02T15:00Z is 10:00 on 2 March in New York.
    for (const heldOn of ['2026-03-01', '2026-03-17', '2026-03-10']) {
      expect((await coordinator.request('POST', `${base}/boosters`, { heldOn, topic: `Booster ${heldOn}` })).status).toBe(201);
    }
    const coach = await t.login('coach@test.org');
    const url = `${base}/coaches/${w.coachId}/reminders`;
    const first = await coach.request('GET', url);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      thisMonth: '2026-03',
      wellbeingDue: true,
      nextBooster: { heldOn: '2026-03-10', topic: 'Booster 2026-03-10' },
    });

    const checkIn = await coach.request('POST', `${base}/coaches/${w.coachId}/wellbeing`, {
      pegPain: 3,
      pegEnjoyment: 3,
      pegActivity: 3,
      stress: 2,
      feelings: ['giving_back'],
    });
    expect(checkIn.status).toBe(201);
    expect((await coach.request('GET', url)).body.wellbeingDue).toBe(false);

    // 1 April 02:00 UTC is still 31 March in New York: the March check-in still counts.
    t.clock.set(new Date('2026-04-01T02:00:00Z'));
    const lateMarch = await (await t.login('coach@test.org')).request('GET', url);
    expect(lateMarch.body).toMatchObject({ thisMonth: '2026-03', wellbeingDue: false, nextBooster: null });
    t.clock.set(new Date('2026-04-01T15:00:00Z'));
    const april = await (await t.login('coach@test.org')).request('GET', url);
    expect(april.body).toMatchObject({ thisMonth: '2026-04', wellbeingDue: true, nextBooster: null });
    const reads = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'coach_check_in:read'));
    expect(reads.length).toBeGreaterThanOrEqual(4);
  });

  it('shows staff a coach’s reminders; another coach, a participant and an evaluator get not found', async () => {
    const url = `${base}/coaches/${w.coachId}/reminders`;
    expect((await (await t.login('coordinator@test.org')).request('GET', url)).status).toBe(200);
    for (const who of ['coach2@test.org', 'participant@test.org', 'evaluator@test.org', 'outsider@test.org']) {
      expect((await (await t.login(who)).request('GET', url)).status, who).toBe(404);
    }
    expect((await (await t.login('coordinator@test.org')).request('GET', `${base}/coaches/not-a-uuid/reminders`)).status).toBe(
      400,
    );
  });
});
