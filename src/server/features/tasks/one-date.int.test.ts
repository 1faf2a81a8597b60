import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

const DAY = 86_400_000;
const noElements = { discussedStrategies: true, gaveEncouragement: false, discussedAdjusting: false, discussedGoals: false };

/**
 * Issue #16 item 10, "dates disagree": the guide agreed a day, and the coach's task, the cards on the
 * coach's Today, the participant's record (coach and staff) and the participant's own page must all
 * show that day; once a session is scheduled, all of them show the session's day and say so.
 * One pairing made at T0 (Monday 2 March 2026, 10:00 in New York).
 */
describe('one next-contact date wherever it is shown', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let coordinator: Agent;
  let coach: Agent;
  let participant: Agent;
  let pairingId = '';

  const at = (days: number, hours = 0) => t.clock.set(new Date(new Date(T0).getTime() + days * DAY + hours * 3_600_000));
  const signInAll = async () => {
    [coordinator, coach, participant] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('participant@test.org'),
    ]);
  };

  /** Every place that shows the next contact, as [place, date, basis]. */
  const everywhere = async () => {
    const record = `${base}/participants/${w.participantId}`;
    const [asCoach, asStaff, asSelf, today, list] = await Promise.all([
      coach.request('GET', record),
      coordinator.request('GET', record),
      participant.request('GET', record),
      coach.request('GET', `${base}/today`),
      coordinator.request('GET', `${base}/participants`),
    ]);
    for (const res of [asCoach, asStaff, asSelf, today, list]) expect(res.status).toBe(200);
    expect(asSelf.body.view).toBe('self');
    const card = today.body.participants.find((p: { id: string }) => p.id === w.participantId);
    const row = list.body.find((p: { id: string }) => p.id === w.participantId);
    return [asCoach.body, asStaff.body, asSelf.body, card, row].map(
      (v: { nextContactDueOn: string; nextContactBasis: string }) => [v.nextContactDueOn, v.nextContactBasis],
    );
  };
  const coachTaskDueOn = async () => {
    const res = await coach.request('GET', `${base}/today`);
    return res.body.tasks.filter((x: { kind: string }) => x.kind === 'next_contact').map((x: { dueOn: string }) => x.dueOn);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    await signInAll();
    const paired = await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId });
    expect(paired.status).toBe(201);
    pairingId = paired.body.id;
  });
  afterAll(() => t.close());

  it('before anything is agreed, every place shows the first contact the ladder asks for', async () => {
    const places = await everywhere();
    expect(new Set(places.map((p) => JSON.stringify(p)))).toEqual(new Set([JSON.stringify(['2026-03-05', 'cadence'])]));
  });

  it('the day agreed in the guide wins over the cadence, in every place and in the coach’s task', async () => {
    // The cadence alone would say 16 March; the pair agreed Wednesday 11 March.
    const guide = await coach.request('POST', `${base}/participants/${w.participantId}/guide`, {
      clientKey: randomUUID(),
      occurredAt: t.clock.now().toISOString(),
      channel: 'phone',
      check: { pain: 6, mood: 4 },
      topics: ['getting_started'],
      elements: noElements,
      nextContactOn: '2026-03-11',
    });
    expect(guide.status).toBe(201);
    at(7);
    await signInAll();
    expect(await everywhere()).toEqual(Array(5).fill(['2026-03-11', 'agreed']));
    expect(await coachTaskDueOn()).toEqual(['2026-03-11']);
  });

  it('a scheduled session wins over the agreed day, and every place says it is the session', async () => {
    const res = await coach.request('POST', `${base}/pairings/${pairingId}/sessions`, {
      date: '2026-03-10',
      time: '18:00',
      modality: 'phone',
    });
    expect(res.status).toBe(201);
    expect(await everywhere()).toEqual(Array(5).fill(['2026-03-10', 'session']));
    expect(await coachTaskDueOn()).toEqual(['2026-03-10']);
  });
});
