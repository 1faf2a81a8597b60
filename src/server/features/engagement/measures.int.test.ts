import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

const DAY = 86_400_000;

/**
 * Regressions found by replaying a program by hand (issue #12): the live dose counted reached
 * contacts after the intervention window, and the program's totals dropped the contacts with a
 * first coach after a change of coach.
 */
describe('live measures: the window and the program totals', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let coordinator: Agent;
  let coach: Agent;
  let coach2: Agent;

  // Moving the clock ends sessions (idle expiry): sign everyone in again at the new time.
  const at = async (days: number) => {
    t.clock.set(new Date(new Date(T0).getTime() + days * DAY));
    coordinator = await t.login('coordinator@test.org');
    coach = await t.login('coach@test.org');
    coach2 = await t.login('coach2@test.org');
  };
  const log = async (agent: Agent, participantId: string, outcome = 'reached') => {
    const res = await agent.request('POST', `${base}/contacts`, {
      participantId,
      clientKey: randomUUID(),
      occurredAt: t.clock.now().toISOString(),
      channel: 'phone',
      outcome,
      ...(outcome === 'reached' ? { minutes: 15 } : {}),
    });
    expect(res.status).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
  });
  afterAll(() => t.close());

  it('counts toward the dose only reached contacts inside first pairing + 182 days, and shows the rest apart', async () => {
    await at(0);
    const paired = await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId });
    expect(paired.status).toBe(201);
    // 11 reached contacts inside the window (days 10, 25, … 160), then 2 after it (days 190 and 200).
    for (let i = 0; i < 11; i++) {
      await at(10 + i * 15);
      await log(coach, w.participantId);
    }
    await at(190);
    await log(coach, w.participantId);
    await at(200);
    await log(coach, w.participantId);
    const pairs = await coordinator.request('GET', `${base}/pairs`);
    expect(pairs.status).toBe(200);
    const row = pairs.body.pairs.find((p: { participantId: string }) => p.participantId === w.participantId);
    // 13 were logged; 11 are the dose: not adherent (target 12). Before the fix: 13, adherent.
    expect(row.measures).toMatchObject({ reached: 13, participantReached: 11, reachedOutsideWindow: 2, isAdherent: false });
  });

  it('keeps a first coach’s contacts in the program’s totals after a change of coach', async () => {
    await at(0);
    const first = await coordinator.request('POST', `${base}/pairings`, {
      participantId: w.otherParticipantId,
      coachId: w.otherCoachId,
      genderMismatchReason: 'Only coach free',
    });
    expect(first.status).toBe(201);
    // With the first coach: 3 reached, 1 unanswered (days 1-4). Then a new coach: 2 reached (days 6-7).
    for (const d of [1, 2, 3]) {
      await at(d);
      await log(coach2, w.otherParticipantId);
    }
    await at(4);
    await log(coach2, w.otherParticipantId, 'no_answer');
    await at(5);
    const ended = await coordinator.request('POST', `${base}/pairings/${first.body.id}/end`, { reason: 'fit' });
    expect(ended.status).toBe(200);
    // The first participant's coach has a free place (caseload 2).
    const second = await coordinator.request('POST', `${base}/pairings`, {
      participantId: w.otherParticipantId,
      coachId: w.coachId,
    });
    expect(second.status).toBe(201);
    for (const d of [6, 7]) {
      await at(d);
      await log(coach, w.otherParticipantId);
    }
    await at(200);
    const overview = await coordinator.request('GET', `${base}/overview`);
    expect(overview.status).toBe(200);
    const { program, coaches } = overview.body.engagement;
    // Logged in the program: 13 + 3 + 2 = 18 reached of 19 attempts. Before the fix: 15 of 15
    // (the 3 reached and 1 unanswered with the first coach dropped).
    expect(program).toMatchObject({ pairs: 2, reached: 18, attempts: 19 });
    // The new coach's own figures: 13 + 2 reached, his own pairings only.
    const own = coaches.find((c: { coachId: string }) => c.coachId === w.coachId);
    expect(own).toMatchObject({ pairs: 2, reached: 15, attempts: 15 });
  });
});
