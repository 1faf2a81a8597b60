import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

const DAY = 86_400_000;

/**
 * Tasks are derived from the data at each request. The tests share one pairing made at T0 and move
 * the clock forward in order; agents sign in again after each jump (sessions idle out in 30 min).
 */
describe('tasks', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let coordinator: Agent;
  let coach: Agent;
  let otherCoach: Agent;

  const at = (days: number, minutes = 0) => t.clock.set(new Date(new Date(T0).getTime() + days * DAY + minutes * 60_000));
  const signInAll = async () => {
    [coordinator, coach, otherCoach] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
    ]);
  };
  const kinds = async (agent: Agent) => {
    const res = await agent.request('GET', `${base}/tasks`);
    expect(res.status).toBe(200);
    // Assessment tasks (features/assessments) follow the enrolment schedule, tested there.
    return res.body
      .filter((x: { kind: string }) => x.kind !== 'assessment')
      .map((x: { kind: string; participantId: string; isOverdue: boolean }) => [x.kind, x.participantId, x.isOverdue]);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    await signInAll();
    expect(
      (await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId })).status,
    ).toBe(201);
  });
  afterAll(() => t.close());

  it('asks the coach for a first contact, due 3 days after pairing (the ladder default)', async () => {
    const res = await coach.request('GET', `${base}/tasks`);
    expect(res.body).toEqual([
      {
        kind: 'first_contact',
        assignee: 'coach',
        pairingId: expect.any(String),
        participantId: w.participantId,
        participantName: 'Pat Person',
        coachId: w.coachId,
        coachName: 'Carl Coach',
        dueOn: '2026-03-05',
        isOverdue: false,
        reason: expect.stringContaining('not reached yet'),
        tips: [],
      },
    ]);
    expect(await kinds(coordinator)).toEqual([['first_contact', w.participantId, false]]);
    expect(await kinds(otherCoach)).toEqual([]);
  });

  it('refuses tasks to evaluators and participants (403) and outsiders (404)', async () => {
    for (const name of ['evaluator', 'participant']) {
      const agent = await t.login(`${name}@test.org`);
      expect((await agent.request('GET', `${base}/tasks`)).status).toBe(403);
      expect((await agent.request('GET', `${base}/today`)).status).toBe(403);
    }
    const outsider = await t.login('outsider@test.org');
    expect((await outsider.request('GET', `${base}/tasks`)).status).toBe(404);
    expect((await coordinator.request('GET', `/programs/${randomUUID()}/tasks`)).status).toBe(404);
  });

  it('gives the coach a Today screen with the tasks and his or her participants', async () => {
    const today = await coach.request('GET', `${base}/today`);
    expect(today.status).toBe(200);
    expect(today.body.tasks.map((x: { kind: string }) => x.kind)).toEqual(['first_contact']);
    expect(today.body.participants.map((p: { id: string; view: string }) => [p.id, p.view])).toEqual([
      [w.participantId, 'coaching'],
    ]);
    expect((await otherCoach.request('GET', `${base}/today`)).body).toEqual({
      tasks: [],
      sessions: [],
      participants: [],
      painAlerts: [],
    });
    expect((await coordinator.request('GET', `${base}/today`)).body).toEqual({
      tasks: [],
      sessions: [],
      participants: [],
      painAlerts: [],
    });
  });

  it('asks the coordinator, and never the coach, for a check-in call at cadence + 7 days without a reached contact', async () => {
    at(21, -1);
    await signInAll();
    expect(await kinds(coordinator)).toEqual([['first_contact', w.participantId, true]]);
    at(21);
    await signInAll();
    const res = await coordinator.request('GET', `${base}/tasks`);
    const tasks = { body: res.body.filter((x: { kind: string }) => x.kind !== 'assessment') };
    // One task per pair on the coordinator's list (#16): the check-in call, naming the coach's first contact.
    expect(tasks.body.map((x: { kind: string; assignee: string }) => [x.kind, x.assignee])).toEqual([
      ['check_in_call', 'coordinator'],
    ]);
    expect(tasks.body[0]).toMatchObject({ participantName: 'Pat Person', coachName: 'Carl Coach', dueOn: '2026-03-23' });
    expect(tasks.body[0].reason).toContain('Also open for this pair: the coach’s first contact.');
    expect(await kinds(coach)).toEqual([['first_contact', w.participantId, true]]);
    expect((await coach.request('GET', `${base}/today`)).body.tasks.map((x: { kind: string }) => x.kind)).toEqual([
      'first_contact',
    ]);
  });

  it('clears both tasks once the coach logs a reached contact', async () => {
    const res = await coach.request('POST', `${base}/contacts`, {
      participantId: w.participantId,
      clientKey: randomUUID(),
      occurredAt: t.clock.now().toISOString(),
      channel: 'phone',
      outcome: 'reached',
      minutes: 30,
      topics: ['pacing'],
    });
    expect(res.status).toBe(201);
    expect(await kinds(coordinator)).toEqual([]);
    expect(await kinds(coach)).toEqual([]);
  });

  it('brings the next contact back 3 days before the cadence falls due', async () => {
    at(21 + 11, -1);
    await signInAll();
    expect(await kinds(coach)).toEqual([]);
    at(21 + 11);
    await signInAll();
    const res = await coach.request('GET', `${base}/tasks`);
    expect(res.body.map((x: { kind: string; dueOn: string; isOverdue: boolean }) => [x.kind, x.dueOn, x.isOverdue])).toEqual([
      ['next_contact', '2026-04-06', false],
    ]);
  });

  it('makes no tasks once the intervention length has passed', async () => {
    at(181);
    await signInAll();
    expect((await kinds(coordinator)).map((k: string[]) => k[0])).toEqual(['decision']);
    at(182);
    await signInAll();
    expect(await kinds(coordinator)).toEqual([]);
    expect(await kinds(coach)).toEqual([]);
  });
});
