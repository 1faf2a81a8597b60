import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { coaches } from './coaches.table';

describe('coaches', () => {
  let t: TestApp;
  let w: World;
  let admin: Agent;
  let coordinator: Agent;
  let coach: Agent;
  let participant: Agent;
  let evaluator: Agent;
  let outsider: Agent;
  let base: string;

  const newCoach = (o: Record<string, unknown> = {}) => ({
    givenName: 'Dana',
    familyName: 'Doe',
    gender: 'woman',
    painLocations: ['neck'],
    ...o,
  });
  const row = async (id: string) => (await t.db.db.select().from(coaches).where(eq(coaches.id, id)))[0]!;
  const count = async () => (await t.db.db.select().from(coaches)).length;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    [admin, coordinator, coach, participant, evaluator, outsider] = await Promise.all([
      t.login('admin@test.org'),
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
    for (const participantId of [w.participantId, w.otherParticipantId]) {
      const res = await coordinator.request('POST', `${base}/pairings`, { participantId, coachId: w.coachId });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('lists coaches with their caseload use, for staff only', async () => {
    const res = await coordinator.request('GET', `${base}/coaches`);
    expect(res.status).toBe(200);
    expect(
      res.body.map((c: { id: string; activePairings: number; caseload: number; hasAccount: boolean }) => [
        c.id,
        c.activePairings,
        c.caseload,
        c.hasAccount,
      ]),
    ).toEqual([
      [w.coachId, 2, 2, true],
      [w.otherCoachId, 0, 2, true],
    ]);
    expect((await admin.request('GET', `${base}/coaches`)).status).toBe(200);
    for (const agent of [coach, participant, evaluator]) expect((await agent.request('GET', `${base}/coaches`)).status).toBe(403);
    expect((await outsider.request('GET', `${base}/coaches`)).status).toBe(404);
  });

  it('shows coaches their own record and no other', async () => {
    const own = await coach.request('GET', `${base}/coaches/${w.coachId}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: w.coachId, givenName: 'Carl', activePairings: 2 });
    expect((await coach.request('GET', `${base}/coaches/${w.otherCoachId}`)).status).toBe(404);
    expect((await evaluator.request('GET', `${base}/coaches/${w.coachId}`)).status).toBe(404);
    expect((await outsider.request('GET', `${base}/coaches/${w.coachId}`)).status).toBe(404);
    expect((await coordinator.request('GET', `${base}/coaches/${randomUUID()}`)).status).toBe(404);
  });

  it('lets staff add a coach, with a caseload of one by default', async () => {
    const res = await coordinator.request('POST', `${base}/coaches`, newCoach());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      givenName: 'Dana',
      status: 'active',
      caseload: 1,
      modalities: ['phone'],
      activePairings: 0,
      hasAccount: false,
    });
    expect(await row(res.body.id)).toMatchObject({ programId: w.programId, familyName: 'Doe', personId: null });
  });

  it('refuses to add a coach for non-staff (403, 404) and bad input (400), adding nothing', async () => {
    const before = await count();
    for (const agent of [coach, participant, evaluator])
      expect((await agent.request('POST', `${base}/coaches`, newCoach())).status).toBe(403);
    expect((await outsider.request('POST', `${base}/coaches`, newCoach())).status).toBe(404);
    expect((await coordinator.request('POST', `/programs/${randomUUID()}/coaches`, newCoach())).status).toBe(404);
    const bad = await coordinator.request(
      'POST',
      `${base}/coaches`,
      newCoach({ caseload: 0, modalities: [], email: 'nope', status: 'asleep' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'body.caseload',
      'body.email',
      'body.modalities',
      'body.status',
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses to lower a caseload below the active pairings, changing nothing', async () => {
    const before = await row(w.coachId);
    const res = await coordinator.request('PATCH', `${base}/coaches/${w.coachId}`, { caseload: 1 });
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe('caseload_below_active');
    expect(await row(w.coachId)).toEqual(before);
  });

  it('changes only what a PATCH sends', async () => {
    const before = await row(w.coachId);
    const res = await coordinator.request('PATCH', `${base}/coaches/${w.coachId}`, { caseload: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      caseload: 3,
      activePairings: 2,
      status: 'active',
      painLocations: ['low_back'],
      phone: '317 555 0100',
    });
    const after = await row(w.coachId);
    expect(after).toEqual({ ...before, caseload: 3, updatedAt: after.updatedAt });
  });

  it('refuses coach changes to non-staff, another program and bad values, changing nothing', async () => {
    const before = await row(w.otherCoachId);
    expect((await coach.request('PATCH', `${base}/coaches/${w.coachId}`, { caseload: 5 })).status).toBe(403);
    expect((await outsider.request('PATCH', `${base}/coaches/${w.otherCoachId}`, { status: 'retired' })).status).toBe(404);
    expect((await coordinator.request('PATCH', `${base}/coaches/${randomUUID()}`, { status: 'paused' })).status).toBe(404);
    const bad = await coordinator.request('PATCH', `${base}/coaches/${w.otherCoachId}`, { caseload: 21, phone: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.caseload', 'body.phone']);
    expect(await row(w.otherCoachId)).toEqual(before);
    expect((await row(w.coachId)).caseload).toBe(3);
  });

  it('pauses a coach', async () => {
    const res = await coordinator.request('PATCH', `${base}/coaches/${w.otherCoachId}`, { status: 'paused' });
    expect(res.status).toBe(200);
    expect(await row(w.otherCoachId)).toMatchObject({ status: 'paused', caseload: 2, gender: 'woman' });
  });
});
