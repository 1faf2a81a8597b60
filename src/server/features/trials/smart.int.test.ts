import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { newId } from '../../platform/ids';
import { addParticipant, createTestApp, TEST_PASSWORD, type Agent, type TestApp, type World } from '../../testing/harness';
import { createUser } from '../accounts/accounts.service';
import { painCheckIns } from '../plans/plans.table';
import { smartDecisions } from './smart.table';

/** A SMART (ADR 0030): week 8, PEG not improved by 1 point → re-randomized among two options within the first arm. */
const design = {
  design: 'smart',
  title: 'Adaptive coaching',
  arms: [
    { key: 'coaching', label: 'Peer coaching', kind: 'coaching', ratio: 1 },
    { key: 'class', label: 'Pain class', kind: 'class', ratio: 1 },
  ],
  primaryTimepoint: 'month_9',
  gate: { eligible: false, consented: false, baselineComplete: false },
  method: { kind: 'blocks', blockMultipliers: [1, 2] },
  smart: {
    decisionPoint: { key: 'week_8', label: 'Week 8', weeks: 8, from: 'randomization' },
    rule: { combine: 'any', conditions: [{ kind: 'peg_not_improved', by: 1 }] },
    options: [
      { key: 'staff_support', label: 'Add staff support' },
      { key: 'new_coach', label: 'Change to a new coach' },
    ],
  },
};

const NAMES = ['Abe', 'Bo', 'Cy', 'Dee', 'Eli', 'Flo', 'Gus', 'Hal', 'Ida', 'Jo', 'Kit', 'Lou', 'Max', 'Ned', 'Oz', 'Pip'];
const SURNAMES = [
  'Ames',
  'Birch',
  'Cole',
  'Dunn',
  'Estes',
  'Frost',
  'Gray',
  'Hale',
  'Irwin',
  'Jude',
  'Kerr',
  'Lund',
  'Mott',
  'Nash',
  'Orr',
  'Pike',
];

describe('trials: a SMART decision point', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let evaluator: Agent;
  let assessor: Agent;
  let coach: Agent;
  const ids: string[] = [];
  const base = () => `/programs/${w.programId}/study`;
  const login = async () => {
    [coordinator, evaluator, assessor, coach] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('evaluator@test.org'),
      t.login('assessor@test.org'),
      t.login('coach@test.org'),
    ]);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    await createUser(t.db.db, t.clock.now(), {
      email: 'assessor@test.org',
      displayName: 'assessor',
      password: TEST_PASSWORD,
      isAdmin: false,
      grants: [{ programId: w.programId, role: 'assessor' }],
    });
    await login();
    expect((await coordinator.request('PUT', base(), { design })).status).toBe(200);
    for (let i = 0; i < 16; i++) {
      const id = await addParticipant(coordinator, w.programId, { givenName: NAMES[i], familyName: SURNAMES[i] });
      ids.push(id);
      const r = await coordinator.request('POST', `${base()}/randomizations`, { participantId: id, clientKey: randomUUID() });
      expect(r.status).toBe(201);
    }
    // Four improve by 1 point or more (responders); the rest have no PEG at week 8 (missing → not improved).
    const now = t.clock.now();
    for (const id of ids.slice(0, 4)) {
      for (const [on, score] of [
        ['2026-03-02', 6],
        ['2026-04-20', 4.7],
      ] as const) {
        await t.db.db.insert(painCheckIns).values({
          id: newId(),
          programId: w.programId,
          participantId: id,
          on,
          pain: 5,
          enjoyment: 5,
          activity: 5,
          score,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
  });
  afterAll(() => t.close());

  it('before week 8 nobody is due, a run decides nobody, and no second-stage option exists anywhere', async () => {
    t.clock.set('2026-03-20T15:00:00.000Z');
    await login();
    const run = await coordinator.request('POST', `${base()}/smart/decisions`);
    expect(run.status).toBe(200);
    expect(run.body).toEqual({ decided: 0, responders: 0, nonResponders: 0, alreadyDecided: 0 });
    const view = await coordinator.request('GET', `${base()}/smart`);
    expect(view.status).toBe(200);
    expect(view.body.due).toBe(0);
    expect(view.body.rule).toBe('PEG not improved by 1 point or more');
    expect(view.body.strategies).toHaveLength(4);
    expect(view.body.strategies[0].words).toBe(
      'Start with peer coaching; if not responding by week 8, add staff support; if responding, continue',
    );
    expect(
      view.body.participants.every((p: { stage: string; option: unknown }) => p.stage === 'waiting' && p.option === null),
    ).toBe(true);
    expect(await t.db.db.select().from(smartDecisions)).toHaveLength(0);
  });

  it('at week 8: responders continue, non-responders are re-randomized once within their first arm; a retry changes nothing', async () => {
    t.clock.set('2026-04-28T15:00:00.000Z');
    await login();
    const due = await coordinator.request('GET', `${base()}/smart`);
    expect(due.body.due).toBe(16);
    const run = await coordinator.request('POST', `${base()}/smart/decisions`);
    expect(run.body).toEqual({ decided: 16, responders: 4, nonResponders: 12, alreadyDecided: 0 });
    const rows = await t.db.db.select().from(smartDecisions);
    expect(rows).toHaveLength(16);
    for (const r of rows) {
      if (ids.slice(0, 4).includes(r.participantId)) {
        expect([r.responder, r.option, r.stratum]).toEqual([true, null, null]);
      } else {
        expect(r.responder).toBe(false);
        expect(['staff_support', 'new_coach']).toContain(r.option);
        expect(r.stratum).toBe(`first_arm=${r.firstArm}`);
        expect(r.conditions[0]).toMatchObject({ kind: 'peg_not_improved', holds: true, missing: true });
      }
    }
    // Within each first arm the sequence numbers run 1..n and the options stay within a block of balance.
    for (const arm of ['coaching', 'class']) {
      const mine = rows.filter((r) => !r.responder && r.firstArm === arm).sort((a, b) => a.sequenceNumber! - b.sequenceNumber!);
      expect(mine.map((r) => r.sequenceNumber)).toEqual(mine.map((_, i) => i + 1));
      const n = (k: string) => mine.filter((r) => r.option === k).length;
      expect(Math.abs(n('staff_support') - n('new_coach'))).toBeLessThanOrEqual(2);
    }
    const again = await coordinator.request('POST', `${base()}/smart/decisions`);
    expect(again.body).toEqual({ decided: 0, responders: 0, nonResponders: 0, alreadyDecided: 16 });
    expect(await t.db.db.select().from(smartDecisions)).toEqual(rows);
    const audited = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'smart_decision:create'));
    expect(audited).toHaveLength(16);

    const view = await coordinator.request('GET', `${base()}/smart`);
    const responder = view.body.participants.find((p: { participantId: string }) => p.participantId === ids[0]);
    expect(responder).toMatchObject({ stage: 'responder', option: null });
    expect(responder.reasons[0]).toBe('PEG 6 at the start, 4.7 now (improved by 1 or more: yes)');
    expect(view.body.due).toBe(0);

    // CONSORT's second stage (ADR 0037) matches the decisions row by row.
    const consort = await coordinator.request('GET', `${base()}/consort`);
    expect(consort.status).toBe(200);
    const second = consort.body.secondStage;
    expect(second.decisionPoint).toBe('Week 8');
    expect(second.options).toEqual(['staff_support', 'new_coach']);
    expect(consort.body.optionLabels).toEqual({ staff_support: 'Add staff support', new_coach: 'Change to a new coach' });
    for (const arm of ['coaching', 'class']) {
      const mine = rows.filter((r) => r.firstArm === arm);
      const box = second.arms.find((a: { arm: string }) => a.arm === arm);
      expect(box).toEqual({
        arm,
        decided: mine.length,
        responders: mine.filter((r) => r.responder).length,
        nonResponders: mine.filter((r) => !r.responder).length,
        rerandomized: {
          staff_support: mine.filter((r) => r.option === 'staff_support').length,
          new_coach: mine.filter((r) => r.option === 'new_coach').length,
        },
        notDecided: 0,
      });
    }
    expect(second.arms.reduce((s: number, a: { responders: number }) => s + a.responders, 0)).toBe(4);
  });

  it('evaluators see counts with masked labels only; assessors, coaches and evaluators cannot run it', async () => {
    const seen = await evaluator.request('GET', `${base()}/smart`);
    expect(seen.status).toBe(200);
    expect(seen.body.participants).toEqual([]);
    const text = JSON.stringify(seen.body);
    for (const secret of ['staff_support', 'new_coach', 'coaching', 'Peer coaching', 'Pain class', 'Add staff support']) {
      expect(text).not.toContain(secret);
    }
    expect(Object.keys(seen.body.options).sort()).toEqual(['Option A', 'Option B']);
    expect(seen.body.paths.reduce((s: number, p: { count: number }) => s + p.count, 0)).toBe(16);
    const consort = await evaluator.request('GET', `${base()}/consort`);
    expect(consort.status).toBe(200);
    expect([...consort.body.secondStage.options].sort()).toEqual(['Option A', 'Option B']);
    expect(consort.body.secondStage.arms.map((a: { arm: string }) => a.arm).sort()).toEqual(['Arm A', 'Arm B']);
    expect(consort.body.secondStage.arms.reduce((s: number, a: { decided: number }) => s + a.decided, 0)).toBe(16);
    for (const secret of ['staff_support', 'new_coach', 'coaching', 'Peer coaching', 'Add staff support']) {
      expect(JSON.stringify(consort.body)).not.toContain(secret);
    }
    expect((await assessor.request('GET', `${base()}/smart`)).status).toBe(403);
    expect((await coach.request('GET', `${base()}/smart`)).status).toBe(403);
    for (const a of [evaluator, assessor, coach]) {
      expect([403, 404]).toContain((await a.request('POST', `${base()}/smart/decisions`)).status);
    }
    expect(await t.db.db.select().from(smartDecisions)).toHaveLength(16);
  });
});
