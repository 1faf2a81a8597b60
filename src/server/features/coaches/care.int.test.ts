import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { boosterSessions, coachCheckIns, coachThanks } from './support.table';

/** Keeping coaches (#6, ADR 0016): boosters and "booster due", the well-being trigger, impact and thanks. */
describe('coach care', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  let otherCoach: Agent;
  let participant: Agent;
  let evaluator: Agent;
  let outsider: Agent;
  let base: string;

  const signInAll = async () => {
    [coordinator, coach, otherCoach, participant, evaluator, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
  };
  /** Moves the clock (sessions expire on the way, so everyone signs in again). */
  const setClock = async (iso: string) => {
    t.clock.set(new Date(iso));
    await signInAll();
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    await signInAll();
  });
  afterAll(() => t.close());

  const tasks = async () =>
    (await coordinator.request('GET', `${base}/tasks`)).body as {
      kind: string;
      coachId: string;
      reason: string;
      participantId: string | null;
      checkInId?: string;
    }[];
  const coachTasks = async (kind: string) => (await tasks()).filter((x) => x.kind === kind);
  const schedule = (heldOn: string, agent = coordinator) =>
    agent.request('POST', `${base}/boosters`, { heldOn, topic: 'Listening when it is hard' });
  const attend = (id: string, coachIds: string[], agent = coordinator) =>
    agent.request('PUT', `${base}/boosters/${id}/attendance`, { coachIds });

  describe('boosters', () => {
    it('refuses non-staff, outsiders and bad input, changing nothing', async () => {
      expect((await schedule('2026-03-05', coach)).status).toBe(403);
      expect((await schedule('2026-03-05', evaluator)).status).toBe(403);
      expect((await schedule('2026-03-05', outsider)).status).toBe(404);
      const bad = await coordinator.request('POST', `${base}/boosters`, { heldOn: '5 March', topic: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.heldOn', 'body.topic']);
      expect((await coach.request('GET', `${base}/boosters`)).status).toBe(403);
      expect(await t.db.db.select().from(boosterSessions)).toEqual([]);
    });

    it('schedules sessions, records attendance once held, and asks for a booster after two missed in a row', async () => {
      const march = await schedule('2026-03-05');
      expect(march.status).toBe(201);
      expect(march.body).toMatchObject({ heldOn: '2026-03-05', isRecorded: false, attendedCoachIds: [] });
      // Not held yet (today is 2 March): attendance cannot be recorded.
      const early = await attend(march.body.id, [w.coachId]);
      expect([early.status, early.body.reason]).toEqual([422, 'booster_not_held_yet']);

      await setClock('2026-03-06T15:00:00Z');
      expect((await attend(march.body.id, [w.coachId])).status).toBe(200);
      const april = await schedule('2026-04-02');
      const may = await schedule('2026-05-07');
      await setClock('2026-04-03T15:00:00Z');
      expect((await attend(april.body.id, [w.coachId])).body).toMatchObject({ isRecorded: true, attendedCoachIds: [w.coachId] });
      // Cora missed March and April: booster due. Carl attended both.
      const due = await coachTasks('booster_due');
      expect(due).toEqual([
        expect.objectContaining({ coachId: w.otherCoachId, participantId: null, assignee: 'coordinator', dueOn: '2026-04-02' }),
      ]);
      expect(due[0]!.reason).toMatch(/^Missed the last 2 booster sessions/);
      // A coach's own task list never shows it.
      expect(
        (await coach.request('GET', `${base}/tasks`)).body.filter((x: { kind: string }) => x.kind === 'booster_due'),
      ).toEqual([]);

      // A catch-up she attends clears it.
      await setClock('2026-05-08T15:00:00Z');
      expect((await attend(may.body.id, [w.otherCoachId])).status).toBe(200);
      expect(await coachTasks('booster_due')).toEqual([]);

      const page = await coordinator.request('GET', `${base}/boosters`);
      expect(page.status).toBe(200);
      expect(page.body.sessions.map((s: { heldOn: string }) => s.heldOn)).toEqual(['2026-05-07', '2026-04-02', '2026-03-05']);
      const cora = page.body.coaches.find((c: { coachId: string }) => c.coachId === w.otherCoachId);
      expect(cora).toMatchObject({
        name: 'Cora Coach',
        isTrained: true,
        agreementSigned: true,
        modulesTotal: t.deps.training.modules.length,
        boostersExpected: 3,
        boostersAttended: 1,
        boostersMissedInARow: 0,
        lastBoosterOn: '2026-05-07',
        isBoosterDue: false,
      });
      const audited = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'booster:update'));
      expect(audited).toHaveLength(3);
    });

    it('refuses attendance for a coach outside the program or an unknown session (404), changing nothing', async () => {
      const [session] = await t.db.db.select().from(boosterSessions).where(eq(boosterSessions.heldOn, '2026-05-07'));
      expect((await attend(session!.id, [randomUUID()])).status).toBe(404);
      expect((await attend(randomUUID(), [w.coachId])).status).toBe(404);
      const page = await coordinator.request('GET', `${base}/boosters`);
      expect(page.body.sessions[0].attendedCoachIds).toEqual([w.otherCoachId]);
    });
  });

  describe('well-being check-ins', () => {
    const checkIn = (o: Record<string, unknown> = {}, agent = coach, coachId = w.coachId) =>
      agent.request('POST', `${base}/coaches/${coachId}/wellbeing`, {
        pegPain: 3,
        pegEnjoyment: 3,
        pegActivity: 3,
        stress: 2,
        feelings: ['giving_back'],
        ...o,
      });

    it('only the coach checks in for himself; bad input is refused', async () => {
      await setClock('2026-05-10T15:00:00Z');
      expect((await checkIn({}, otherCoach)).status).toBe(404);
      expect((await checkIn({}, coordinator)).status).toBe(403);
      expect((await checkIn({}, participant)).status).toBe(404);
      const bad = await checkIn({ pegPain: 11, feelings: ['bored'] });
      expect(bad.status).toBe(400);
      expect(await t.db.db.select().from(coachCheckIns)).toEqual([]);
    });

    it('a calm month makes no task; a worsening one asks the coordinator to call, until the call is recorded', async () => {
      const first = await checkIn();
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ month: '2026-05', pegScore: 3, worsening: [], followedUpAt: null });
      const again = await checkIn();
      expect([again.status, again.body.reason]).toEqual([409, 'already_checked_in']);
      expect(await coachTasks('call_coach')).toEqual([]);

      await setClock('2026-06-10T15:00:00Z');
      const worse = await checkIn({ pegPain: 5, pegEnjoyment: 4, pegActivity: 3, stress: 5, feelings: ['too_much'] });
      expect(worse.status).toBe(201);
      expect(worse.body.worsening).toEqual([
        'said coaching feels like too much',
        'own pain (PEG) up 1 point since last month',
        'stress up 3 points since last month',
      ]);
      const [task] = await coachTasks('call_coach');
      expect(task).toMatchObject({ coachId: w.coachId, participantId: null, checkInId: worse.body.id });
      expect(task!.reason).toContain('said coaching feels like too much');

      // The coach sees his own; the other coach cannot; staff see all.
      const own = await coach.request('GET', `${base}/coaches/${w.coachId}/wellbeing`);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ thisMonth: '2026-06', isDue: false });
      expect(own.body.checkIns.map((c: { month: string }) => c.month)).toEqual(['2026-06', '2026-05']);
      expect((await otherCoach.request('GET', `${base}/coaches/${w.coachId}/wellbeing`)).status).toBe(404);
      expect((await evaluator.request('GET', `${base}/coaches/${w.coachId}/wellbeing`)).status).toBe(404);
      expect((await outsider.request('GET', `${base}/coaches/${w.coachId}/wellbeing`)).status).toBe(404);
      const writes = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'coach_check_in:create'));
      expect(writes.map((r) => [r.actorId, r.entityId])).toEqual([
        [coach.personId, first.body.id],
        [coach.personId, worse.body.id],
      ]);
      expect((await coordinator.request('GET', `${base}/coaches/${w.coachId}/wellbeing`)).status).toBe(200);
      const reads = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'coach_check_in:read'));
      expect(reads.map((r) => r.actorId)).toEqual(expect.arrayContaining([coach.personId, coordinator.personId]));

      // The coach cannot record the call; the coordinator does, and the task goes.
      const url = `${base}/coaches/${w.coachId}/wellbeing/${worse.body.id}/follow-up`;
      expect((await coach.request('POST', url, { note: 'I am fine' })).status).toBe(403);
      expect((await coordinator.request('POST', url, { note: '' })).status).toBe(400);
      const done = await coordinator.request('POST', url, { note: 'Called; he will coach one person, not two, for now' });
      expect(done.status).toBe(200);
      expect(done.body.followedUpAt).toBe(t.clock.now().toISOString());
      expect(await coachTasks('call_coach')).toEqual([]);
      expect((await coordinator.request('POST', url, { note: 'Again' })).body.reason).toBe('already_followed_up');
    });
  });

  describe('thanks and impact', () => {
    it('a participant thanks his coach once paired; the coach sees it in his impact, with the numbers', async () => {
      const send = (agent = participant) =>
        agent.request('POST', `${base}/participants/${w.participantId}/thanks`, { message: 'Thank you for the calls' });
      const early = await send();
      expect([early.status, early.body.reason]).toEqual([409, 'no_coach']);
      expect(
        (await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId })).status,
      ).toBe(201);
      expect((await send(coach)).status).toBe(404);
      expect((await participant.request('POST', `${base}/participants/${w.participantId}/thanks`, { message: '' })).status).toBe(
        400,
      );
      expect((await send()).status).toBe(201);
      expect(await t.db.db.select().from(coachThanks)).toHaveLength(1);

      const impact = await coach.request('GET', `${base}/coaches/${w.coachId}/impact`);
      expect(impact.status).toBe(200);
      expect(impact.body).toMatchObject({
        participantsCoached: 1,
        participantsNow: 1,
        contacts: 0,
        plansMade: 0,
        thanksReceived: 1,
        recentThanks: [{ message: 'Thank you for the calls' }],
      });
      expect((await otherCoach.request('GET', `${base}/coaches/${w.coachId}/impact`)).status).toBe(404);
      expect((await coordinator.request('GET', `${base}/coaches/${w.coachId}/impact`)).status).toBe(200);
      expect((await participant.request('GET', `${base}/coaches/${w.coachId}/impact`)).status).toBe(404);
    });
  });
});
