import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { T0, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

const DAY = 86_400_000;
const noElements = { discussedStrategies: true, gaveEncouragement: false, discussedAdjusting: false, discussedGoals: false };

/**
 * The coach's "next contact" task follows what the pair agreed (ADR 0017): an upcoming scheduled
 * session, else the date agreed in the latest guided session, else the cadence. The ladder keeps
 * counting from reached contacts. One pairing made at T0 (Monday 2 March 2026, 10:00 in New York).
 */
describe('next contact tasks follow what the pair agreed', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let coordinator: Agent;
  let coach: Agent;
  let otherCoach: Agent;
  let pairingId = '';
  let sessionId = '';

  const at = (days: number, hours = 0) => t.clock.set(new Date(new Date(T0).getTime() + days * DAY + hours * 3_600_000));
  const signInAll = async () => {
    [coordinator, coach, otherCoach] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
    ]);
  };
  type TaskBody = { kind: string; dueOn: string; isOverdue: boolean; reason: string; tips: string[] };
  const coachTasks = async (): Promise<TaskBody[]> => {
    const res = await coach.request('GET', `${base}/tasks`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const staffKinds = async () => {
    const res = await coordinator.request('GET', `${base}/tasks`);
    return res.body
      .filter((x: { kind: string; participantId: string }) => x.kind !== 'assessment' && x.participantId === w.participantId)
      .map((x: TaskBody) => x.kind)
      .sort();
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    await signInAll();
    const paired = await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId });
    expect(paired.status).toBe(201);
    pairingId = paired.body.id;
    // The first guided session, with the next contact agreed for Monday 9 March (the cadence says 16 March).
    const guide = await coach.request('POST', `${base}/participants/${w.participantId}/guide`, {
      clientKey: randomUUID(),
      occurredAt: t.clock.now().toISOString(),
      channel: 'phone',
      check: { pain: 6, mood: 4 },
      topics: ['getting_started'],
      elements: noElements,
      nextContactOn: '2026-03-09',
    });
    expect(guide.status).toBe(201);
  });
  afterAll(() => t.close());

  it('is due on the date agreed in the guide, from 3 days before it', async () => {
    expect(await coachTasks()).toEqual([]);
    // 5 March 23:00 local is still outside the lead window; 6 March 00:00 local (05:00 UTC) is inside.
    at(3, 13);
    await signInAll();
    expect(await coachTasks()).toEqual([]);
    at(3, 14);
    await signInAll();
    const [task, ...rest] = await coachTasks();
    expect(rest).toEqual([]);
    expect(task).toMatchObject({ kind: 'next_contact', dueOn: '2026-03-09', isOverdue: false });
    expect(task!.reason).toBe('Next contact agreed for Monday 9 March 2026 in the last session. Last reached 3 days ago.');
  });

  it('is due at an upcoming scheduled session instead, in program time, and Today lists the session', async () => {
    const res = await coach.request('POST', `${base}/pairings/${pairingId}/sessions`, {
      date: '2026-03-12',
      time: '10:00',
      modality: 'phone',
    });
    expect(res.status).toBe(201);
    sessionId = res.body.id;
    // 9 March 00:00 local (04:00 UTC, daylight time) is inside the lead window of a session on 12 March.
    at(6, 13);
    await signInAll();
    const [task] = await coachTasks();
    expect(task).toMatchObject({ kind: 'next_contact', dueOn: '2026-03-12', isOverdue: false });
    expect(task!.reason).toBe(
      'Session on Thursday 12 March 2026 at 10:00 AM Eastern time, a phone call. Last reached 6 days ago.',
    );
    const today = await coach.request('GET', `${base}/today`);
    expect(today.status).toBe(200);
    expect(today.body.sessions).toEqual([
      expect.objectContaining({
        id: sessionId,
        participantId: w.participantId,
        participantName: 'Pat Person',
        coachName: null,
        date: '2026-03-12',
        time: '10:00',
        timeZone: 'America/New_York',
        modality: 'phone',
      }),
    ]);
    expect(today.body.tasks.map((x: TaskBody) => x.dueOn)).toEqual(['2026-03-12']);
    // The participant's card says the same day as the task.
    expect(today.body.participants[0]).toMatchObject({ id: w.participantId, nextContactDueOn: '2026-03-12' });
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'scheduled_session:list'), eq(auditEvents.programId, w.programId)));
    expect(audited.length).toBeGreaterThan(0);
    // Another coach's Today shows none of it.
    expect((await otherCoach.request('GET', `${base}/today`)).body).toMatchObject({ tasks: [], sessions: [] });
  });

  it('lists only the next 14 days of sessions on Today', async () => {
    const moved = await coach.request('PUT', `${base}/sessions/${sessionId}`, {
      date: '2026-03-24',
      time: '10:00',
      modality: 'video',
    });
    expect(moved.status).toBe(200);
    expect((await coach.request('GET', `${base}/today`)).body.sessions).toEqual([]);
    // The session moved to 24 March replaces the date agreed earlier: outside the lead window, no task yet.
    expect(await coachTasks()).toEqual([]);
  });

  it('a session later than the cadence does not hide the quiet pair: the ladder still counts from the reached contact', async () => {
    const moved = await coach.request('PUT', `${base}/sessions/${sessionId}`, {
      date: '2026-04-20',
      time: '10:00',
      modality: 'video',
    });
    expect(moved.status).toBe(200);
    // Cadence + 7 days after the reached contact at T0: the coordinator's check-in call.
    at(21, -1);
    await signInAll();
    expect(await staffKinds()).toEqual(['next_contact']);
    at(21);
    await signInAll();
    // One task per pair on the coordinator's list (#16): the check-in call, naming the coach's contact still open.
    expect(await staffKinds()).toEqual(['check_in_call']);
    const staffList = (await coordinator.request('GET', `${base}/tasks`)).body as (TaskBody & { participantId: string })[];
    expect(staffList.find((x) => x.kind === 'check_in_call' && x.participantId === w.participantId)!.reason).toContain(
      'Also open for this pair: the coach’s next contact.',
    );
    const [task] = await coachTasks();
    expect(task).toMatchObject({ kind: 'next_contact', dueOn: '2026-04-20', isOverdue: false });
    expect(task!.tips.length).toBeGreaterThan(0);
    expect(task!.reason).toContain('staff will be asked to check in');
  });

  it('falls back to the cadence once the session is cancelled and the agreed date is stale', async () => {
    expect((await coach.request('POST', `${base}/sessions/${sessionId}/cancel`)).status).toBe(200);
    const logged = await coach.request('POST', `${base}/contacts`, {
      participantId: w.participantId,
      clientKey: randomUUID(),
      occurredAt: t.clock.now().toISOString(),
      channel: 'phone',
      outcome: 'reached',
      minutes: 20,
      topics: [],
    });
    expect(logged.status).toBe(201);
    // The guide's agreed 9 March is older than this contact: the cadence (14 days) rules again.
    expect(await coachTasks()).toEqual([]);
    // Back on the cadence, the card shows it too: 14 days after this contact.
    expect((await coach.request('GET', `${base}/today`)).body.participants[0].nextContactDueOn).toBe('2026-04-06');
    at(21 + 11);
    await signInAll();
    expect((await coachTasks()).map((x) => [x.kind, x.dueOn])).toEqual([['next_contact', '2026-04-06']]);
  });
});
