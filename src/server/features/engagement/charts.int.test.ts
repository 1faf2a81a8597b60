import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { sweepLadder } from './ladder.sweep';

const DAY = 86_400_000;

describe('the engagement charts on the program dashboard', () => {
  let t: TestApp;
  let w: World;
  let base: string;

  const ok = async (
    agent: Agent,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    status = method === 'POST' ? 201 : 200,
  ) => {
    const res = await agent.request(method, url, body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };
  const contact = (participantId: string, outcome: string) => ({
    participantId,
    clientKey: randomUUID(),
    occurredAt: t.clock.now().toISOString(),
    channel: 'phone',
    outcome,
    ...(outcome === 'reached' ? { minutes: 20, topics: ['pacing'] } : {}),
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    const coordinator = await t.login('coordinator@test.org');
    await ok(coordinator, 'POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId });
    await ok(coordinator, 'POST', `${base}/pairings`, {
      participantId: w.otherParticipantId,
      coachId: w.otherCoachId,
      genderMismatchReason: 'Asked for this coach',
    });
    // Day 1: Carl reaches Pat. Day 8: the quiet pair (Quinn) gets a coach reminder; day 9 Cora reaches Quinn.
    t.clock.set(new Date(new Date(T0).getTime() + 1 * DAY));
    await ok(await t.login('coach@test.org'), 'POST', `${base}/contacts`, contact(w.participantId, 'reached'));
    t.clock.set(new Date(new Date(T0).getTime() + 8 * DAY));
    await sweepLadder(t.deps, t.clock.now());
    t.clock.set(new Date(new Date(T0).getTime() + 9 * DAY));
    await ok(await t.login('coach2@test.org'), 'POST', `${base}/contacts`, contact(w.otherParticipantId, 'reached'));
  });
  afterAll(() => t?.close());

  it('gives staff and evaluators the weekly reached contacts and the ladder steps with outcomes', async () => {
    for (const email of ['coordinator@test.org', 'evaluator@test.org']) {
      const charts = await ok(await t.login(email), 'GET', `${base}/engagement-charts`);
      expect(charts.timeZone).toBe('America/New_York');
      expect(charts.weekly).toHaveLength(12);
      expect(charts.weekly.slice(-3)).toEqual([
        { weekOf: '2026-02-23', reached: 0 },
        { weekOf: '2026-03-02', reached: 1 },
        { weekOf: '2026-03-09', reached: 1 },
      ]);
      const reminder = charts.ladder.find((l: { step: string }) => l.step === 'reminder');
      expect(reminder).toMatchObject({ fired: 1, outcomes: { resolved: 1, open: 0 } });
      expect(JSON.stringify(charts)).not.toMatch(/Pat|Quinn|Carl|Cora/);
    }
  });

  it('is not for coaches or participants', async () => {
    expect((await (await t.login('coach@test.org')).request('GET', `${base}/engagement-charts`)).status).toBe(403);
    expect((await (await t.login('participant@test.org')).request('GET', `${base}/engagement-charts`)).status).toBe(403);
  });
});
