import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCsv } from '../../../core/evaluation';
import { auditEvents } from '../../platform/audit.table';
import { T0, addParticipant, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { createUser } from '../accounts/accounts.service';
import { allocations } from '../trials/trials.table';

const DAY = 86_400_000;
const design = {
  design: 'parallel',
  title: 'Coaching or a class',
  arms: [
    { key: 'xenon', label: 'Xenon peer coaching', kind: 'coaching', ratio: 1 },
    { key: 'yttrium', label: 'Yttrium pain class', kind: 'class', ratio: 1 },
  ],
  primaryTimepoint: 'month_6',
  strata: [],
  gate: { eligible: false, consented: false, baselineComplete: false },
  method: { kind: 'blocks', blockMultipliers: [1, 2] },
};

/** Whole-number PEG items so the total (their mean) is known exactly. */
const peg = (v: number) => ({ 'peg-pain': v, 'peg-enjoyment': v, 'peg-activity': v });
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

/**
 * The outcome report built through the API: 30 participants randomized to coaching or a class,
 * PEG at baseline (day 0), 6 and 9 months; three of them miss 9 months; four coached are paired
 * with the world's two coaches (clusters) and have reached contacts.
 */
describe('the outcome report from a small randomized study', () => {
  let t: TestApp;
  let w: World;
  let staff: Agent;
  let base: string;
  const ids: string[] = [];
  const arm = new Map<string, string>();
  const coachOf = new Map<string, string>();
  const values = new Map<string, { b: number; m6: number; m9: number | null }>();

  const at = async (days: number) => {
    t.clock.set(new Date(new Date(T0).getTime() + days * DAY));
    staff = await t.login('coordinator@test.org');
  };
  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const enter = (id: string, timepoint: string, v: number) =>
    ok(
      staff.request('POST', `${base}/participants/${id}/assessments/${timepoint}/responses`, {
        instrumentId: 'peg',
        answers: peg(v),
        method: 'phone',
      }),
    );

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    await createUser(t.db.db, t.clock.now(), {
      email: 'assessor@test.org',
      displayName: 'assessor',
      password: 'correct horse battery staple',
      isAdmin: false,
      grants: [{ programId: w.programId, role: 'assessor' }],
    });
    await at(0);
    const settings = await ok(staff.request('GET', `${base}/assessment-settings`));
    await ok(
      staff.request('PUT', `${base}/assessment-settings`, {
        timepoints: settings.timepoints.map((tp: { instruments: string[] }) => ({ ...tp, instruments: ['peg'] })),
      }),
    );
  });
  afterAll(() => t.close());

  it('says plainly that there is no study yet', async () => {
    const r = await ok(staff.request('GET', `${base}/reports/outcomes`));
    expect(r.unavailable).toBe('This program has no randomized study yet, so there are no arms to compare.');
    expect(r.mixed).toHaveProperty('error');
  });

  it('builds the study: 30 participants, baseline, randomization, pairings, 6 and 9 months', async () => {
    // Allocated from a table, not by random blocks, so the checks below see the same arms every run
    // (alternating; the women, every third participant, fall in both arms).
    await ok(staff.request('PUT', `${base}/study`, { design: { ...design, method: { kind: 'table', field: 'arm' } } }));
    const table = [
      'redcap_randomization_number,arm',
      ...Array.from({ length: 30 }, (_, i) => `${i + 1},${i % 2 ? 'yttrium' : 'xenon'}`),
    ];
    await ok(staff.request('PUT', `${base}/study/allocation-table`, { csv: table.join('\r\n') }));
    ids.push(w.participantId, w.otherParticipantId);
    for (let i = 2; i < 30; i++)
      ids.push(await addParticipant(staff, w.programId, { gender: i % 3 === 0 ? 'woman' : 'man', birthYear: 1950 + i }));
    for (const [i, id] of ids.entries()) {
      const b = 4 + (i % 5);
      values.set(id, { b, m6: 0, m9: null });
      await enter(id, 'baseline', b);
      const r = await ok(
        staff.request('POST', `${base}/study/randomizations`, {
          participantId: id,
          clientKey: `key-${randomUUID()}`,
          strata: {},
        }),
        201,
      );
      expect(r).toBeTruthy();
    }
    for (const a of await t.db.db.select().from(allocations).where(eq(allocations.programId, w.programId)))
      arm.set(a.participantId, a.arm);
    expect(arm.size).toBe(30);
    // Four coached participants paired with the world's two coaches (two each), with reached contacts.
    const coached = ids.filter((id) => arm.get(id) === 'xenon').slice(0, 4);
    for (const [j, id] of coached.entries()) {
      const coachId = j < 2 ? w.coachId : w.otherCoachId;
      await ok(
        staff.request('POST', `${base}/pairings`, { participantId: id, coachId, genderMismatchReason: 'Asked for this coach' }),
        201,
      );
      coachOf.set(id, coachId);
    }
    await at(10);
    for (const id of coached)
      await ok(
        staff.request('POST', `${base}/contacts`, {
          participantId: id,
          clientKey: randomUUID(),
          occurredAt: t.clock.now().toISOString(),
          channel: 'phone',
          outcome: 'reached',
          minutes: 20,
          discussedStrategies: true,
          gaveEncouragement: true,
          discussedAdjusting: false,
          discussedGoals: false,
        }),
        201,
      );
    await at(184);
    for (const [i, id] of ids.entries()) {
      const v = values.get(id)!;
      v.m6 = Math.max(0, v.b - (arm.get(id) === 'xenon' ? 2 : 0) + ((i * 7) % 3) - 1);
      await enter(id, 'month_6', v.m6);
    }
    await at(276);
    for (const [i, id] of ids.entries()) {
      if (i % 10 === 3) continue;
      const v = values.get(id)!;
      v.m9 = Math.max(0, v.m6 + ((i * 5) % 3) - 1);
      await enter(id, 'month_9', v.m9);
    }
    await at(320);
  }, 120_000);

  it('gives means and SDs by arm checked by hand, and the ANCOVA of kindred analyze on the same rows', async () => {
    const r = await ok(staff.request('GET', `${base}/reports/outcomes?instrument=peg`));
    expect(r.unavailable).toBeNull();
    expect(r.isMasked).toBe(false);
    // The class is the reference (the comparison); coaching is compared with it.
    expect(r.arms.map((a: { label: string }) => a.label)).toEqual(['Yttrium pain class', 'Xenon peer coaching']);
    for (const [key, label] of [
      ['xenon', 'Xenon peer coaching'],
      ['yttrium', 'Yttrium pain class'],
    ]) {
      const six = ids.filter((id) => arm.get(id) === key).map((id) => values.get(id)!.m6);
      const row = r.descriptives.find((d: any) => d.timepoint === 'month_6' && d.arm === label);
      expect(row.score.n).toBe(six.length);
      expect(row.score.mean).toBeCloseTo(mean(six), 12);
      expect(row.score.sd).toBeCloseTo(sd(six), 12);
      const change = ids.filter((id) => arm.get(id) === key).map((id) => values.get(id)!.m6 - values.get(id)!.b);
      expect(row.change.mean).toBeCloseTo(mean(change), 12);
    }
    const csv = [
      'id,arm,time,y,coach',
      ...ids.flatMap((id) => {
        const v = values.get(id)!;
        return [
          [id, arm.get(id), 0, v.b, coachOf.get(id) ?? ''],
          [id, arm.get(id), 6, v.m6, coachOf.get(id) ?? ''],
          [id, arm.get(id), 9, v.m9 ?? '', coachOf.get(id) ?? ''],
        ].map((row) => row.join(','));
      }),
    ].join('\n');
    const direct = analyzeCsv(csv, {
      id: 'id',
      arm: 'arm',
      control: 'yttrium',
      time: 'time',
      baseline: '0',
      outcome: 'y',
      cluster: 'coach',
    });
    const a6 = direct.ancova[0]!;
    if ('error' in a6 || 'error' in direct.mixed) throw new Error('the study should fit');
    expect(r.ancova[0].fit.effects[0]).toMatchObject({ arm: 'Xenon peer coaching', reference: 'Yttrium pain class' });
    expect(r.ancova[0].fit.effects[0].term).toEqual(a6.terms.arm);
    expect(r.ancova[0].fit.effects[0].clustered.se).toBe((a6.arm_clustered as { se: number }).se);
    expect(r.ancova[0].fit.clusters).toBe(a6.clusters);
    expect(r.mixed.effects[0].term).toEqual(direct.mixed.terms.arm);
    // Missing data at 9 months: participants 3, 13 and 23 (by order added) missed it.
    const missed = ids.filter((_, i) => i % 10 === 3);
    for (const [key, label] of [
      ['xenon', 'Xenon peer coaching'],
      ['yttrium', 'Yttrium pain class'],
    ]) {
      const n = ids.filter((id) => arm.get(id) === key).length;
      const m = missed.filter((id) => arm.get(id) === key).length;
      expect(r.missing.find((x: any) => x.timepoint === 'month_9' && x.arm === label)).toEqual({
        timepoint: 'month_9',
        arm: label,
        allocated: n,
        expected: n,
        completed: n - m,
        missed: m,
        withdrawn: 0,
        open: 0,
      });
    }
    // Dose–response: the coached arm, four with one contact, the rest none.
    const coachedN = ids.filter((id) => arm.get(id) === 'xenon').length;
    expect(r.doseResponse.bands[0]).toMatchObject({ band: '0–3', n: coachedN });
    expect(r.targeting.rows.map((x: any) => x.key)).toEqual(['age', 'woman']);
    for (const row of r.targeting.rows) expect(row.benefit.sentence).toMatch(/^Among participants/);
  });

  it('gives evaluators masked arms and no names; refuses assessors, coaches and participants; audits each read', async () => {
    const evaluator = await t.login('evaluator@test.org');
    const res = await evaluator.request('GET', `${base}/reports/outcomes`);
    expect(res.status).toBe(200);
    expect(res.body.isMasked).toBe(true);
    expect(res.body.arms.map((a: { label: string }) => a.label).sort()).toEqual(['Arm A', 'Arm B']);
    expect(res.body.arms[0].label).toBe('Arm A');
    expect(res.body.doseResponse).toBeNull();
    const text = JSON.stringify(res.body);
    for (const word of [
      'Xenon',
      'Yttrium',
      'xenon',
      'yttrium',
      'coaching may',
      'Pat',
      'Person',
      'Quinn',
      'Carl',
      'Cora',
      w.participantId,
      w.coachId,
    ])
      expect(text).not.toContain(word);
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'outcome_report:read'), eq(auditEvents.actorId, evaluator.personId)));
    expect(audited).toHaveLength(1);
    for (const who of ['assessor@test.org', 'coach@test.org', 'participant@test.org'])
      expect((await (await t.login(who)).request('GET', `${base}/reports/outcomes`)).status).toBe(403);
    expect((await (await t.login('outsider@test.org')).request('GET', `${base}/reports/outcomes`)).status).toBe(404);
  });

  it('refuses an instrument the program does not ask (422) or a malformed one (400)', async () => {
    expect((await staff.request('GET', `${base}/reports/outcomes?instrument=phq9`)).status).toBe(422);
    expect((await staff.request('GET', `${base}/reports/outcomes?instrument=${encodeURIComponent('a b')}`)).status).toBe(400);
  });
});

/**
 * A stratum with three levels (ADR 0038) is a categorical moderator of the outcome report: the
 * interactions per level against the design's first level, the joint test, the difference within
 * each level, and a "whom to target" row per later level. 36 participants, PEG at baseline and
 * 6 months, randomized within site.
 */
describe('the outcome report with a three-level stratum', () => {
  let t: TestApp;
  let w: World;
  let staff: Agent;
  let base: string;
  const sites = ['clinic', 'community', 'online'];

  const at = async (days: number) => {
    t.clock.set(new Date(new Date(T0).getTime() + days * DAY));
    staff = await t.login('coordinator@test.org');
  };
  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const enter = (id: string, timepoint: string, v: number) =>
    ok(
      staff.request('POST', `${base}/participants/${id}/assessments/${timepoint}/responses`, {
        instrumentId: 'peg',
        answers: peg(v),
        method: 'phone',
      }),
    );

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    await at(0);
    const settings = await ok(staff.request('GET', `${base}/assessment-settings`));
    await ok(
      staff.request('PUT', `${base}/assessment-settings`, {
        timepoints: settings.timepoints.map((tp: { instruments: string[] }) => ({ ...tp, instruments: ['peg'] })),
      }),
    );
    await ok(
      staff.request('PUT', `${base}/study`, {
        design: {
          ...design,
          strata: [
            {
              key: 'site',
              label: 'Site',
              levels: [
                { key: 'clinic', label: 'Clinic' },
                { key: 'community', label: 'Community' },
                { key: 'online', label: 'Online' },
              ],
            },
          ],
        },
      }),
    );
    const ids = [w.participantId, w.otherParticipantId];
    for (let i = 2; i < 36; i++) ids.push(await addParticipant(staff, w.programId, { birthYear: 1950 + i }));
    const baseline = new Map<string, number>();
    for (const [i, id] of ids.entries()) {
      baseline.set(id, 4 + (i % 5));
      await enter(id, 'baseline', baseline.get(id)!);
      await ok(
        staff.request('POST', `${base}/study/randomizations`, {
          participantId: id,
          clientKey: `key-${randomUUID()}`,
          strata: { site: sites[i % 3] },
        }),
        201,
      );
    }
    const arm = new Map(
      (await t.db.db.select().from(allocations).where(eq(allocations.programId, w.programId))).map((a) => [
        a.participantId,
        a.arm,
      ]),
    );
    await at(184);
    for (const [i, id] of ids.entries())
      await enter(
        id,
        'month_6',
        Math.max(0, baseline.get(id)! - (arm.get(id) === 'xenon' ? 1 + (i % 3) : 0) + ((i * 7) % 3) - 1),
      );
    await at(200);
  }, 120_000);
  afterAll(() => t.close());

  it('fits the site as categorical, Clinic the reference, and gives a row per later site', async () => {
    const r = await ok(staff.request('GET', `${base}/reports/outcomes?instrument=peg`));
    const site = r.moderators.find((m: { key: string }) => m.key === 'stratum_site');
    expect(site.label).toBe('Site');
    expect(site.fit.effects.map((e: { level: string }) => e.level)).toEqual(['Community', 'Online']);
    expect(site.fit.categorical.referenceLevel).toBe('Clinic');
    expect(site.fit.categorical.df).toBe(2);
    expect(site.fit.categorical.levels.map((l: { level: string; n: number }) => [l.level, l.n])).toEqual([
      ['Clinic', 12],
      ['Community', 12],
      ['Online', 12],
    ]);
    const rows = r.targeting.rows.filter((x: { key: string }) => x.key.startsWith('stratum_site'));
    expect(rows.map((x: { label: string }) => x.label)).toEqual(['Site: Community', 'Site: Online']);
    expect(rows[0].benefit.sentence).toMatch(
      /^Among participants with Site: Community \(compared with those with Site: Clinic\)/,
    );
  });
});
