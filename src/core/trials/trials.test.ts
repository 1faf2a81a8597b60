import { describe, expect, it } from 'vitest';
import {
  blockSequence,
  checkAllocationTable,
  countConsort,
  gateMissing,
  hmacStream,
  imbalanceOf,
  minimise,
  nextAllocation,
  primaryOutcomeProblems,
  screeningOutcome,
  simulateScheme,
  StudyDesign,
  stratumKey,
  type ConsortParticipant,
  type Hmac,
  type PriorAllocation,
  type RandomSource,
  type StratumField,
} from './index';

/**
 * A pure stand-in for HMAC-SHA256 (core may not import node:crypto): FNV-1a over key and message
 * seeds mulberry32 for 32 bytes. The server's real HMAC stream is tested in the integration tests.
 */
const hmac: Hmac = (key, message) => {
  let h = 2166136261;
  for (const b of [...key, ...Array.from(message, (ch) => ch.charCodeAt(0))]) h = Math.imul(h ^ b, 16777619) >>> 0;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    h = (h + 0x6d2b79f5) >>> 0;
    let t = h;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 255;
  }
  return out;
};
const seed = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const stream = (n: number, label = 'test'): RandomSource => hmacStream(hmac, seed(n), label);

const oneToOne = [
  { key: 'coaching', ratio: 1 },
  { key: 'class', ratio: 1 },
];
const fiveFour = [
  { key: 'coaching', ratio: 5 },
  { key: 'class', ratio: 4 },
];
const strata: StratumField[] = [
  {
    key: 'site',
    label: 'Site',
    levels: [
      { key: 'north', label: 'North' },
      { key: 'south', label: 'South' },
      { key: 'east', label: 'East' },
    ],
  },
  {
    key: 'gender',
    label: 'Gender',
    levels: [
      { key: 'woman', label: 'Woman' },
      { key: 'man', label: 'Man' },
    ],
  },
];

describe('the random stream', () => {
  it('is uniform-looking, in [0, 1), and replays from its seed and label', () => {
    const a = stream(1);
    const draws = Array.from({ length: 20_000 }, () => a.next());
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    const b = stream(1);
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(draws.slice(0, 5));
    const c = stream(1, 'other');
    expect(c.next()).not.toBe(draws[0]);
    expect(stream(2).next()).not.toBe(draws[0]);
  });
});

describe('the study design', () => {
  it('accepts a parallel 5:4 design with defaults for the gate and method', () => {
    const d = StudyDesign.parse({
      design: 'parallel',
      title: 'Coaching or class',
      arms: [
        { key: 'coaching', label: 'Peer coaching', kind: 'coaching', ratio: 5 },
        { key: 'class', label: 'Pain class', kind: 'class', ratio: 4 },
      ],
      primaryTimepoint: 'month_9',
    });
    expect(d.gate).toEqual({ eligible: true, consented: true, baselineComplete: true });
    expect(d.method).toEqual({ kind: 'blocks', blockMultipliers: [1, 2, 3] });
  });

  it('refuses one arm, duplicate keys, fractional ratios and arms without randomization', () => {
    const arm = { key: 'a', label: 'A', kind: 'coaching', ratio: 1 };
    const base = { title: 'T', primaryTimepoint: 'month_6' };
    expect(StudyDesign.safeParse({ ...base, design: 'parallel', arms: [arm] }).success).toBe(false);
    expect(StudyDesign.safeParse({ ...base, design: 'parallel', arms: [arm, arm] }).success).toBe(false);
    expect(StudyDesign.safeParse({ ...base, design: 'parallel', arms: [arm, { ...arm, key: 'b', ratio: 1.5 }] }).success).toBe(
      false,
    );
    expect(StudyDesign.safeParse({ ...base, design: 'none', arms: [arm, { ...arm, key: 'b' }] }).success).toBe(false);
    expect(StudyDesign.safeParse({ ...base, design: 'none' }).success).toBe(true);
  });
});

/** Simulates `n` participants with random strata through `nextAllocation`, as the server does. */
function run(
  arms: typeof oneToOne,
  method: Parameters<typeof nextAllocation>[0]['method'],
  n: number,
  seedByte: number,
  factors: StratumField[] = strata,
): PriorAllocation[] {
  const people = stream(seedByte + 100, 'people');
  const prior: PriorAllocation[] = [];
  for (let i = 0; i < n; i++) {
    const values = Object.fromEntries(
      factors.map((f) => [f.key, f.levels[Math.floor(people.next() * f.levels.length)]?.key ?? '']),
    );
    const a = nextAllocation({ arms, strata: factors, method, prior }, values, (label) => stream(seedByte, label));
    prior.push({ arm: a.arm, strata: values });
  }
  return prior;
}

describe('stratified permuted blocks with random sizes', () => {
  it('balances every completed block and keeps every stratum within half the largest block, 1:1', () => {
    for (const s of [1, 2, 3, 4, 5]) {
      const prior = run(oneToOne, { kind: 'blocks', blockMultipliers: [1, 2, 3] }, 600, s);
      const byStratum = new Map<string, string[]>();
      for (const p of prior)
        byStratum.set(stratumKey(strata, p.strata), [...(byStratum.get(stratumKey(strata, p.strata)) ?? []), p.arm]);
      expect(byStratum.size).toBe(6);
      for (const arms of byStratum.values()) {
        // Every prefix of a stratum's sequence is within half the largest block (6 → 3).
        let coaching = 0;
        arms.forEach((a, i) => {
          if (a === 'coaching') coaching++;
          expect(Math.abs(coaching - (i + 1 - coaching))).toBeLessThanOrEqual(3);
        });
      }
    }
  });

  it('makes blocks whose sizes are multiples of the ratio sum, each balanced to the ratio (5:4)', () => {
    const seq = blockSequence(fiveFour, [1, 2], stream(7), 2000);
    const blocks = new Map<number, string[]>();
    for (const slot of seq) blocks.set(slot.block, [...(blocks.get(slot.block) ?? []), slot.arm]);
    const sizes = new Set<number>();
    const complete = [...blocks.entries()].slice(0, -1);
    for (const [, arms] of complete) {
      sizes.add(arms.length);
      expect(arms.length % 9).toBe(0);
      const m = arms.length / 9;
      expect(arms.filter((a) => a === 'coaching').length).toBe(5 * m);
      expect(arms.filter((a) => a === 'class').length).toBe(4 * m);
    }
    expect(sizes).toEqual(new Set([9, 18]));
  });

  it('replays the same allocations from the same seed and differs for another seed', () => {
    const a = run(oneToOne, { kind: 'blocks', blockMultipliers: [1, 2, 3] }, 100, 9).map((p) => p.arm);
    const b = run(oneToOne, { kind: 'blocks', blockMultipliers: [1, 2, 3] }, 100, 9).map((p) => p.arm);
    const c = run(oneToOne, { kind: 'blocks', blockMultipliers: [1, 2, 3] }, 100, 10).map((p) => p.arm);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe('minimisation', () => {
  it('takes the arm that minimises imbalance when the random element says so', () => {
    const prior: PriorAllocation[] = [
      { arm: 'coaching', strata: { site: 'north', gender: 'man' } },
      { arm: 'coaching', strata: { site: 'north', gender: 'woman' } },
    ];
    const always = { next: () => 0 };
    const r = minimise(oneToOne, strata, prior, { site: 'north', gender: 'man' }, 0.8, always);
    expect(r.arm).toBe('class');
    expect(r.imbalance).toEqual({ coaching: 3 + 2, class: 1 + 0 });
    const never = { next: () => 0.99 };
    expect(minimise(oneToOne, strata, prior, { site: 'north', gender: 'man' }, 0.8, never).arm).toBe('coaching');
  });

  it('balances the marginals far better than simple randomization', () => {
    const marginalImbalance = (prior: PriorAllocation[]): number =>
      Math.max(
        ...strata.flatMap((f) =>
          f.levels.map((l) =>
            imbalanceOf(
              oneToOne,
              prior.filter((p) => p.strata[f.key] === l.key).map((p) => p.arm),
            ),
          ),
        ),
      );
    let minimised = 0;
    let simple = 0;
    for (const s of [11, 12, 13, 14, 15, 16, 17, 18]) {
      minimised += marginalImbalance(run(oneToOne, { kind: 'minimisation', probability: 0.8 }, 200, s));
      // Simple randomization: minimisation with no factors is a ratio-weighted coin.
      const coin = run(oneToOne, { kind: 'minimisation', probability: 0.8 }, 200, s, []);
      const people = stream(s + 100, 'people');
      const withStrata = coin.map((p) => ({
        arm: p.arm,
        strata: Object.fromEntries(strata.map((f) => [f.key, f.levels[Math.floor(people.next() * f.levels.length)]?.key ?? ''])),
      }));
      simple += marginalImbalance(withStrata);
    }
    expect(minimised / 8).toBeLessThan(3);
    expect(minimised * 2).toBeLessThan(simple);
  });

  it('respects an unequal ratio (5:4) overall', () => {
    const prior = run(fiveFour, { kind: 'minimisation', probability: 0.8 }, 900, 21);
    const coaching = prior.filter((p) => p.arm === 'coaching').length;
    expect(Math.abs(coaching - 500)).toBeLessThanOrEqual(6);
  });
});

describe('allocation tables in REDCap format', () => {
  it('reads keys or 1-based codes, ignores REDCap bookkeeping columns, and counts balance per stratum', () => {
    const csv = 'redcap_randomization_number,arm,site\r\n1,coaching,north\r\n2,2,north\r\n3,"class",2\r\n4,1,south\r\n';
    const r = checkAllocationTable(csv, oneToOne, [strata[0] as StratumField], 'arm');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toEqual([
      { arm: 'coaching', stratum: 'site=north' },
      { arm: 'class', stratum: 'site=north' },
      { arm: 'class', stratum: 'site=south' },
      { arm: 'coaching', stratum: 'site=south' },
    ]);
    expect(r.summary).toEqual({
      rows: 4,
      strata: [
        { stratum: 'site=north', counts: { coaching: 1, class: 1 } },
        { stratum: 'site=south', counts: { coaching: 1, class: 1 } },
      ],
    });
  });

  it('refuses a table with a missing column, an unknown arm or level, or a short row, naming each line', () => {
    const site = [strata[0] as StratumField];
    expect(checkAllocationTable('arm\ncoaching\n', oneToOne, site, 'arm')).toEqual({
      ok: false,
      errors: ['Line 1: no column for the stratum "site"'],
    });
    expect(checkAllocationTable('group,site\n1,north\n', oneToOne, site, 'arm')).toEqual({
      ok: false,
      errors: ['Line 1: no column named "arm" for the arm', 'Line 1: unexpected column "group"'],
    });
    expect(checkAllocationTable('arm,site\nyoga,north\n3,west\ncoaching\n', oneToOne, site, 'arm')).toEqual({
      ok: false,
      errors: [
        'Line 2: "yoga" is not an arm of this study',
        'Line 3: "3" is not an arm of this study',
        'Line 3: "west" is not a level of site',
        'Line 4: 1 values for 2 columns',
      ],
    });
    expect(checkAllocationTable('arm,site\n', oneToOne, site, 'arm')).toEqual({
      ok: false,
      errors: ['The table has no allocations'],
    });
  });

  it('allocates the table rows in order within each stratum and stops when a stratum runs out', () => {
    const site = [strata[0] as StratumField];
    const r = checkAllocationTable('arm,site\nclass,north\ncoaching,south\ncoaching,north\n', oneToOne, site, 'arm');
    if (!r.ok) throw new Error('table refused');
    const ctx = { arms: oneToOne, strata: site, method: { kind: 'table' as const, field: 'arm' }, table: r.rows };
    const first = nextAllocation({ ...ctx, prior: [] }, { site: 'north' }, () => stream(1));
    expect(first).toEqual({ arm: 'class', stratum: 'site=north', sequenceNumber: 1 });
    const second = nextAllocation({ ...ctx, prior: [{ arm: 'class', strata: { site: 'north' } }] }, { site: 'north' }, () =>
      stream(1),
    );
    expect(second.arm).toBe('coaching');
    const prior = [
      { arm: 'class', strata: { site: 'north' } },
      { arm: 'coaching', strata: { site: 'north' } },
    ];
    expect(() => nextAllocation({ ...ctx, prior }, { site: 'north' }, () => stream(1))).toThrow(/no more rows/);
  });
});

describe('the pre-trial simulation', () => {
  it('reports small imbalance and high predictability for small blocks, and the reverse for a coin', () => {
    const streams = (rep: number, label: string): RandomSource => hmacStream(hmac, seed(rep % 250), label);
    const small = simulateScheme(
      { arms: oneToOne, strata: [], method: { kind: 'blocks', blockMultipliers: [1] } },
      100,
      50,
      stream(3),
      streams,
    );
    expect(small.maxImbalance).toBeLessThanOrEqual(1);
    // Blocks of 2: the second of every block is certain, the first a coin: 0.75.
    expect(small.correctGuessProbability).toBeGreaterThan(0.72);
    expect(small.correctGuessProbability).toBeLessThan(0.78);
    const coin = simulateScheme(
      { arms: oneToOne, strata: [], method: { kind: 'minimisation', probability: 0.8 } },
      100,
      50,
      stream(3),
      streams,
    );
    expect(coin.meanImbalance).toBeGreaterThan(small.meanImbalance);
    expect(coin.correctGuessProbability).toBeGreaterThan(0.42);
    expect(coin.correctGuessProbability).toBeLessThan(0.58);
    const mixed = simulateScheme(
      { arms: oneToOne, strata: [], method: { kind: 'blocks', blockMultipliers: [1, 2, 3] } },
      100,
      50,
      stream(3),
      streams,
    );
    expect(mixed.correctGuessProbability).toBeLessThan(small.correctGuessProbability);
  });
});

describe('the gate and screening', () => {
  const criteria = [
    { key: 'pain_3m', text: 'Pain for 3 months or more', kind: 'inclusion' as const },
    { key: 'dementia', text: 'Dementia', kind: 'exclusion' as const },
  ];
  it('names what is missing, and only what the study requires', () => {
    const all = { eligible: true, consented: true, baselineComplete: true };
    expect(gateMissing(all, { isEligible: true, hasConsented: false, isBaselineComplete: false })).toEqual([
      'consented',
      'baselineComplete',
    ]);
    expect(
      gateMissing({ ...all, baselineComplete: false }, { isEligible: true, hasConsented: true, isBaselineComplete: false }),
    ).toEqual([]);
  });
  it('derives the screening outcome from the checklist', () => {
    expect(screeningOutcome(criteria, { answers: { pain_3m: true, dementia: false }, decision: 'proceed', reason: '' })).toEqual({
      outcome: 'eligible',
      reason: '',
    });
    expect(screeningOutcome(criteria, { answers: { pain_3m: false, dementia: true }, decision: 'proceed', reason: '' })).toEqual({
      outcome: 'not_eligible',
      reason: 'pain_3m, dementia',
    });
    expect(
      screeningOutcome(criteria, { answers: { pain_3m: true, dementia: false }, decision: 'declined', reason: 'Too busy' }),
    ).toEqual({
      outcome: 'declined',
      reason: 'Too busy',
    });
    expect(screeningOutcome(criteria, { answers: { pain_3m: true }, decision: 'proceed', reason: '' })).toEqual({
      problems: ['"Dementia" is not answered'],
    });
    expect(screeningOutcome(criteria, { answers: { pain_3m: true, dementia: false }, decision: 'other', reason: '' })).toEqual({
      problems: ['Say why, in a few words'],
    });
  });
});

describe('CONSORT counting', () => {
  const p = (over: Partial<ConsortParticipant>): ConsortParticipant => ({
    screening: 'eligible',
    arm: null,
    delivery: { received: false, reason: 'not_yet_delivered' },
    withdrawals: [],
    followUp: {},
    ...over,
  });
  it('matches a hand count', () => {
    const people: ConsortParticipant[] = [
      p({ screening: null }), // never screened: not counted
      p({ screening: 'not_eligible' }),
      p({ screening: 'not_eligible' }),
      p({ screening: 'declined' }),
      p({ screening: 'other' }),
      p({ screening: 'eligible' }), // awaiting randomization
      // coaching: 4 allocated, 3 received
      p({ arm: 'coaching', delivery: { received: true }, followUp: { month_6: 'completed', month_9: 'completed' } }),
      p({ arm: 'coaching', delivery: { received: true }, followUp: { month_6: 'missed', month_9: 'completed' } }),
      p({
        arm: 'coaching',
        delivery: { received: true },
        withdrawals: [{ scope: 'follow_up' }],
        followUp: { month_6: 'completed', month_9: 'pending' },
      }),
      p({
        arm: 'coaching',
        delivery: { received: false, reason: 'withdrew' },
        withdrawals: [{ scope: 'intervention' }],
        followUp: { month_6: 'completed', month_9: 'missed' },
      }),
      // class: 4 allocated, 3 received
      p({ arm: 'class', delivery: { received: true }, followUp: { month_6: 'completed', month_9: 'pending' } }),
      p({
        arm: 'class',
        delivery: { received: true },
        withdrawals: [{ scope: 'data' }],
        followUp: { month_6: 'completed', month_9: 'completed' },
      }),
      p({
        arm: 'class',
        delivery: { received: false, reason: 'did not attend' },
        followUp: { month_6: 'missed', month_9: 'missed' },
      }),
      // left the program before the 9-month window opened
      p({ arm: 'class', delivery: { received: true }, followUp: { month_6: 'completed', month_9: 'stopped' } }),
    ];
    const c = countConsort([{ key: 'coaching' }, { key: 'class' }], ['month_6', 'month_9'], people);
    expect(c).toEqual({
      assessed: 13,
      excluded: { not_meeting_criteria: 2, declined: 1, other: 1, awaiting_randomization: 1 },
      randomized: 8,
      arms: [
        {
          arm: 'coaching',
          allocated: 4,
          received: 3,
          notReceived: { withdrew: 1 },
          lostToFollowUp: { month_6: 1, month_9: 1 },
          discontinued: { month_6: 0, month_9: 1 },
          analysed: { month_6: 3, month_9: 2 },
        },
        {
          arm: 'class',
          allocated: 4,
          received: 3,
          notReceived: { 'did not attend': 1 },
          lostToFollowUp: { month_6: 1, month_9: 1 },
          discontinued: { month_6: 1, month_9: 2 },
          analysed: { month_6: 2, month_9: 0 },
        },
      ],
    });
    expect(c.assessed).toBe(c.randomized + Object.values(c.excluded).reduce((s, n) => s + n, 0));
  });
});

describe('class invitations', () => {
  it('invites only new people and refuses to over-fill a class', async () => {
    const { newInvitees } = await import('./classes');
    expect(newInvitees(3, ['a'], ['a', 'b', 'b'])).toEqual(['b']);
    expect(() => newInvitees(2, ['a'], ['b', 'c'])).toThrow(/takes 2; 1 are invited, so 1 more can be/);
  });
});

describe('the primary timepoint and outcome (ADR 0034)', () => {
  const timepoints = [
    { key: 'baseline', label: 'Baseline', isBaseline: true, instruments: ['peg', 'phq9'] },
    { key: 'month_3', label: '3 months', isBaseline: false, instruments: ['peg'] },
    { key: 'month_6', label: '6 months', isBaseline: false, instruments: ['peg', 'phq9'] },
  ];
  const d = { design: 'parallel' as const, primaryTimepoint: 'month_6' };

  it('accepts a follow-up that asks the outcome, the PEG when none is named', () => {
    expect(primaryOutcomeProblems(d, timepoints)).toEqual([]);
    expect(primaryOutcomeProblems({ ...d, primaryOutcome: 'phq9' }, timepoints)).toEqual([]);
  });

  it('refuses an unknown timepoint, the baseline, and a questionnaire not asked then, in words', () => {
    expect(primaryOutcomeProblems({ ...d, primaryTimepoint: 'month_9' }, timepoints)).toEqual([
      'The primary timepoint is not one of the program’s assessment timepoints',
    ]);
    expect(primaryOutcomeProblems({ ...d, primaryTimepoint: 'baseline' }, timepoints)).toEqual([
      'The primary timepoint must be a follow-up, not the baseline',
    ]);
    expect(primaryOutcomeProblems({ ...d, primaryTimepoint: 'month_3', primaryOutcome: 'phq9' }, timepoints)[0]).toMatch(
      /not asked at 3 months/,
    );
  });

  it('checks nothing for a study without randomization', () => {
    expect(primaryOutcomeProblems({ design: 'none', primaryTimepoint: 'nope' }, timepoints)).toEqual([]);
  });
});
