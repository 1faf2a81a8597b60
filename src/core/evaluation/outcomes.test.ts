import { describe, expect, it } from 'vitest';
import { analyzeCsv } from './analyze';
import { doseBands, outcomeReport, type OutcomeInput, type OutcomeParticipant } from './outcomes';

const timepoints = [
  { key: 'baseline', label: 'Baseline', months: 0, isBaseline: true },
  { key: 'month_6', label: '6 months', months: 6, isBaseline: false },
  { key: 'month_9', label: '9 months', months: 9, isBaseline: false },
];

/** A seeded stream so the fixture is the same every run. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function people(n: number): OutcomeParticipant[] {
  const r = lcg(7);
  return Array.from({ length: n }, (_, i) => {
    const coached = i % 2 === 0;
    const b = 5 + Math.round(r() * 40) / 10;
    const contacts = coached ? Math.floor(r() * 16) : null;
    const six = b - (coached ? 1 + (contacts ?? 0) * 0.05 : 0.2) + Math.round((r() - 0.5) * 20) / 10;
    const nine = i % 7 === 0 ? null : six + Math.round((r() - 0.5) * 10) / 10;
    return {
      code: `P-${String(i + 1).padStart(4, '0')}`,
      arm: coached ? 'coaching' : 'class',
      coachCode: coached ? `C-000${(i % 3) + 1}` : null,
      contacts,
      covariates: { age: 5 + (i % 4), woman: i % 3 === 0 ? 1 : 0 },
      outcomes: { baseline: b, month_6: six, month_9: nine },
      states: { baseline: 'completed', month_6: 'completed', month_9: nine === null ? 'missed' : 'completed' },
      isDataWithdrawn: false,
    };
  });
}

const input = (participants: OutcomeParticipant[], over: Partial<OutcomeInput> = {}): OutcomeInput => ({
  instrument: { id: 'peg', title: 'PEG' },
  arms: [
    { key: 'class', label: 'class', isCoaching: false },
    { key: 'coaching', label: 'coaching', isCoaching: true },
  ],
  isMasked: false,
  timepoints,
  primaryTimepoint: 'month_6',
  targetContacts: 12,
  moderators: [
    { key: 'age', label: 'Age', kind: 'continuous', per: '10 years' },
    { key: 'woman', label: 'Gender', kind: 'binary', levels: ['who are men', 'who are women'] },
  ],
  participants,
  ...over,
});

const csvOf = (ps: OutcomeParticipant[]) =>
  [
    'id,arm,time,y,coach,contacts,age,woman',
    ...ps.flatMap((p) =>
      timepoints.map((t) =>
        [
          p.code,
          p.arm,
          t.months,
          p.outcomes[t.key] ?? '',
          p.coachCode ?? '',
          p.contacts ?? '',
          p.covariates.age,
          p.covariates.woman,
        ].join(','),
      ),
    ),
  ].join('\n');

describe('the outcome report, assembled from rows', () => {
  const ps = people(60);
  const report = outcomeReport(input(ps));

  it('gives means, SDs and change from baseline by arm and timepoint', () => {
    const coached = ps.filter((p) => p.arm === 'coaching');
    const six = coached.map((p) => p.outcomes.month_6!);
    const m = six.reduce((s, x) => s + x, 0) / six.length;
    const sd = Math.sqrt(six.reduce((s, x) => s + (x - m) ** 2, 0) / (six.length - 1));
    const row = report.descriptives.find((d) => d.timepoint === 'month_6' && d.arm === 'coaching')!;
    expect(row.score.n).toBe(30);
    expect(row.score.mean).toBeCloseTo(m, 12);
    expect(row.score.sd).toBeCloseTo(sd, 12);
    const changes = coached.map((p) => p.outcomes.month_6! - p.outcomes.baseline!);
    expect(row.change!.mean).toBeCloseTo(changes.reduce((s, x) => s + x, 0) / 30, 12);
    expect(report.descriptives.find((d) => d.timepoint === 'baseline')!.change).toBeNull();
  });

  it('fits the same ANCOVA and mixed model as kindred analyze on the same long table', () => {
    const direct = analyzeCsv(csvOf(ps), {
      id: 'id',
      arm: 'arm',
      control: 'class',
      time: 'time',
      baseline: '0',
      outcome: 'y',
      cluster: 'coach',
    });
    const a6 = direct.ancova[0]!;
    if ('error' in a6 || 'error' in direct.mixed) throw new Error('the fixture should fit');
    const fit = report.ancova[0]!.fit;
    if ('error' in fit) throw new Error(fit.error);
    expect(fit.effects[0]!.term).toEqual(a6.terms.arm);
    expect(fit.effects[0]).toMatchObject({ arm: 'coaching', reference: 'class' });
    expect(fit.clusters).toBe(a6.clusters);
    const mixed = report.mixed;
    if ('error' in mixed) throw new Error(mixed.error);
    expect(mixed.effects[0]!.term).toEqual(direct.mixed.terms.arm);
  });

  it('fits the moderators at the primary follow-up, Holm-adjusted, and words them', () => {
    const direct = analyzeCsv(
      csvOf(ps)
        .split('\n')
        .filter((l) => l.split(',')[2] !== '9')
        .join('\n'),
      {
        id: 'id',
        arm: 'arm',
        control: 'class',
        time: 'time',
        baseline: '0',
        outcome: 'y',
        cluster: 'coach',
        moderators: ['age', 'woman'],
      },
    );
    const age = report.moderators.find((m) => m.key === 'age')!.fit;
    if ('error' in age) throw new Error(age.error);
    const d = direct.moderators[0]!;
    if ('error' in d) throw new Error(d.error);
    expect(age.effects[0]!.term).toEqual(d.terms['arm:moderator']);
    expect(age.pAdjusted).toBe(d.p_adjusted);
    const row = report.targeting.rows.find((r) => r.key === 'age')!;
    expect(row.benefit!.sentence).toMatch(/^Among participants with higher age \(per 10 years\)/);
    expect(row.engagement).not.toBeNull();
    expect(report.targeting.rows.find((r) => r.key === 'woman')!.benefit!.sentence).toMatch(
      /^Among participants who are women \(compared with those who are men\)/,
    );
  });

  it('fits a characteristic with three levels as categorical: per-level effects, a joint test, a row per level', () => {
    const sites = ['Clinic', 'Community', 'Online'];
    const withSite = ps.map((p, i) => ({ ...p, covariates: { ...p.covariates, site: i % 3 } }));
    const r = outcomeReport(
      input(withSite, { moderators: [{ key: 'site', label: 'Site', kind: 'categorical', levels: sites }] }),
    );
    // The same model on a CSV with the site as text: readLongData makes it a factor with Clinic the reference.
    const csv = csvOf(withSite)
      .split('\n')
      .map((l, i) => (i === 0 ? `${l},site` : `${l},${sites[(Number(l.split(',')[0]!.slice(2)) - 1) % 3]}`))
      .filter((l) => l.split(',')[2] !== '9')
      .join('\n');
    const direct = analyzeCsv(csv, {
      id: 'id',
      arm: 'arm',
      control: 'class',
      time: 'time',
      baseline: '0',
      outcome: 'y',
      cluster: 'coach',
      moderators: ['site'],
      contacts: 'contacts',
      target: 12,
      predictors: ['site'],
    });
    const d = direct.moderators[0]!;
    if ('error' in d) throw new Error(d.error);
    const fit = r.moderators[0]!.fit;
    if ('error' in fit) throw new Error(fit.error);
    expect(fit.pInteraction).toBe(d.p_interaction);
    expect(fit.effects.map((e) => [e.level, e.term])).toEqual([
      ['Community', d.terms['arm:moderator:Community']],
      ['Online', d.terms['arm:moderator:Online']],
    ]);
    expect(fit.categorical).toEqual({
      referenceLevel: 'Clinic',
      df: 2,
      levels: d.levels!.map((l) => ({
        level: l.level,
        n: l.n,
        effects: [{ arm: 'coaching', reference: 'class', term: l.effects.arm }],
      })),
    });
    const rows = r.targeting.rows;
    expect(rows.map((x) => [x.key, x.label])).toEqual([
      ['site.1', 'Site: Community'],
      ['site.2', 'Site: Online'],
    ]);
    expect(rows[1]!.benefit!.sentence).toMatch(/^Among participants with Site: Online \(compared with those with Site: Clinic\)/);
    expect(rows[1]!.benefit!.term).toEqual(d.terms['arm:moderator:Online']);
    const h = direct.adherence![0]!;
    if ('error' in h.logistic) throw new Error(h.logistic.error);
    expect(rows[0]!.engagement!.term).toEqual(h.logistic.terms['site:Community']);
  });

  it('bands dose, counts missing data, and regresses change on contacts', () => {
    expect(doseBands(12).map((b) => b.label)).toEqual(['0–3', '4–7', '8–11', '12+']);
    expect(doseBands(3).map((b) => b.label)).toEqual(['0', '1', '2', '3+']);
    const dr = report.doseResponse!;
    if ('error' in dr) throw new Error(dr.error);
    expect(dr.bands.reduce((s, b) => s + b.n, 0)).toBe(30);
    if ('error' in dr.slope) throw new Error(dr.slope.error);
    expect(dr.slope.n).toBe(30);
    const m9 = report.missing.find((m) => m.timepoint === 'month_9' && m.arm === 'coaching')!;
    const missed = ps.filter((p) => p.arm === 'coaching' && p.outcomes.month_9 === null).length;
    expect(m9).toMatchObject({ allocated: 30, expected: 30, completed: 30 - missed, missed, withdrawn: 0, open: 0 });
  });

  it('masks: arms by label, no dose–response, no engagement, neutral words', () => {
    const masked = outcomeReport(
      input(ps, {
        isMasked: true,
        arms: [
          { key: 'coaching', label: 'Arm A', isCoaching: true },
          { key: 'class', label: 'Arm B', isCoaching: false },
        ],
      }),
    );
    expect(masked.doseResponse).toBeNull();
    expect(masked.targeting.engagementNote).toContain('unblinded');
    expect(JSON.stringify(masked)).not.toMatch(/coaching|class/);
    const fit = masked.ancova[0]!.fit;
    if ('error' in fit) throw new Error(fit.error);
    expect(fit.effects[0]).toMatchObject({ arm: 'Arm B', reference: 'Arm A' });
  });

  it('leaves withdrawn-from-data participants out of every model and counts them as withdrawn', () => {
    const withdrawn = ps.map((p, i) => (i === 0 ? { ...p, isDataWithdrawn: true } : p));
    const r = outcomeReport(input(withdrawn));
    expect(r.arms.find((a) => a.label === 'coaching')!.participants).toBe(29);
    expect(r.missing.find((m) => m.timepoint === 'month_6' && m.arm === 'coaching')).toMatchObject({
      allocated: 30,
      withdrawn: 1,
      completed: 29,
    });
  });

  it('says plainly when nothing can be fitted', () => {
    const one = outcomeReport(input(ps.filter((p) => p.arm === 'coaching')));
    expect(one.unavailable).toBe('No model can be fitted yet: at least two arms need participants.');
    expect(one.mixed).toEqual({ error: one.unavailable });
    const few = outcomeReport(input(ps.slice(0, 3)));
    expect(few.unavailable).toBeNull();
    expect(few.ancova[0]!.fit).toHaveProperty('error');
    expect(few.targeting.rows.every((r) => r.benefit === null || r.benefit.verdict === 'too_few')).toBe(true);
  });
});
