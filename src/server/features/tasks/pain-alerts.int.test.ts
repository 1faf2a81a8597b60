import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { auditEvents } from '../../platform/audit.table';
import { newId } from '../../platform/ids';
import { painCheckIns, trackingSettings } from '../plans/plans.table';

/** Issue #16: "Today" flags a pain jump or a worrying note in a paired participant's latest check-in. */
describe("the coach's Today: pain alerts", () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let coach: Agent;
  let otherCoach: Agent;

  const checkIn = (participantId: string, on: string, score: number, note = '') => ({
    id: newId(),
    programId: w.programId,
    participantId,
    on,
    pain: Math.round(score),
    enjoyment: Math.round(score),
    activity: Math.round(score),
    score,
    note,
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
  const auditCount = async () =>
    (
      await t.db.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.programId, w.programId), eq(auditEvents.entityType, 'pain_check_in')))
    ).length;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    const coordinator = await t.login('coordinator@test.org');
    for (const participantId of [w.participantId, w.otherParticipantId]) {
      expect((await coordinator.request('POST', `${base}/pairings`, { participantId, coachId: w.coachId })).status).toBe(201);
    }
    [coach, otherCoach] = await Promise.all([t.login('coach@test.org'), t.login('coach2@test.org')]);
  });
  afterAll(() => t.close());

  it('has no alert while check-ins are steady', async () => {
    await t.db.db
      .insert(painCheckIns)
      .values([checkIn(w.participantId, '2026-02-20', 5), checkIn(w.participantId, '2026-02-27', 5)]);
    const res = await coach.request('GET', `${base}/today`);
    expect(res.status).toBe(200);
    expect(res.body.painAlerts).toEqual([]);
  });

  it('flags a jump of 2 points or more over the recent average, with the note, and audits the read', async () => {
    const before = await auditCount();
    await t.db.db.insert(painCheckIns).values(checkIn(w.participantId, '2026-03-01', 7, 'Worst week in months'));
    await t.db.db
      .insert(painCheckIns)
      .values([checkIn(w.otherParticipantId, '2026-02-27', 3), checkIn(w.otherParticipantId, '2026-03-01', 3.5)]);
    const res = await coach.request('GET', `${base}/today`);
    expect(res.body.painAlerts).toEqual([
      {
        participantId: w.participantId,
        givenName: 'Pat',
        from: 5,
        to: 7,
        on: '2026-03-01',
        note: 'Worst week in months',
        isJump: true,
        isWorryingNote: false,
      },
    ]);
    expect(await auditCount()).toBe(before + 1);
  });

  it('flags a worrying note without a jump', async () => {
    await t.db.db.insert(painCheckIns).values(checkIn(w.otherParticipantId, '2026-03-02', 3.5, 'Some days I want to die'));
    const alerts = (await coach.request('GET', `${base}/today`)).body.painAlerts;
    expect(alerts.map((a: { givenName: string; isWorryingNote: boolean }) => [a.givenName, a.isWorryingNote])).toEqual([
      ['Quinn', true],
      ['Pat', false],
    ]);
  });

  it('leaves out a participant who does not share check-ins with the coach, and shows nothing to another coach', async () => {
    await t.db.db
      .insert(trackingSettings)
      .values({ participantId: w.otherParticipantId, programId: w.programId, shareWithCoach: false, updatedAt: t.clock.now() });
    const alerts = (await coach.request('GET', `${base}/today`)).body.painAlerts;
    expect(alerts.map((a: { givenName: string }) => a.givenName)).toEqual(['Pat']);
    expect((await otherCoach.request('GET', `${base}/today`)).body.painAlerts).toEqual([]);
  });
});
