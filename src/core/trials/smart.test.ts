import { describe, expect, it } from 'vitest';
import {
  decisionDate,
  describeRule,
  embeddedStrategies,
  evaluateTailoring,
  hmacStream,
  nextSecondStage,
  participantPath,
  SmartDesign,
  StudyDesign,
  type Hmac,
  type TailoringFacts,
} from './index';

const DAY = 86_400_000;
const START = new Date('2026-03-02T15:00:00.000Z');
const at = (days: number): Date => new Date(START.getTime() + days * DAY);
const smart = SmartDesign.parse({
  decisionPoint: { key: 'week_8', label: 'Week 8', weeks: 8 },
  rule: { combine: 'any', conditions: [{ kind: 'reached_contacts_below', n: 3 }] },
  options: [
    { key: 'staff_support', label: 'Add staff support' },
    { key: 'new_coach', label: 'Change to a new coach' },
  ],
});
const facts = (o: Partial<TailoringFacts> = {}): TailoringFacts => ({
  start: START,
  decisionAt: decisionDate(smart, START),
  reachedContacts: [],
  peg: [],
  ...o,
});

describe('SMART tailoring rule', () => {
  const contacts = { combine: 'any' as const, conditions: [{ kind: 'reached_contacts_below' as const, n: 3 }] };
  const peg = { combine: 'any' as const, conditions: [{ kind: 'peg_not_improved' as const, by: 1 }] };

  it('the decision date is the weeks after the start', () => {
    expect(decisionDate(smart, START).toISOString()).toBe('2026-04-27T15:00:00.000Z');
  });

  it('exactly N reached contacts is responding; N − 1 is not', () => {
    expect(evaluateTailoring(contacts, facts({ reachedContacts: [at(1), at(10), at(20)] })).responder).toBe(true);
    expect(evaluateTailoring(contacts, facts({ reachedContacts: [at(1), at(10)] })).responder).toBe(false);
  });

  it('counts only contacts from the start up to the decision date (inclusive)', () => {
    const r = evaluateTailoring(contacts, facts({ reachedContacts: [at(-1), at(5), at(56), at(57)] }));
    expect(r.responder).toBe(false);
    expect(r.conditions[0]!.words).toBe('2 reached contacts (fewer than 3: yes)');
  });

  it('PEG improved by exactly 1 point responds; by 0.9 does not; worse does not', () => {
    const p = (now: number) =>
      facts({
        peg: [
          { at: at(0), score: 6 },
          { at: at(50), score: now },
        ],
      });
    expect(evaluateTailoring(peg, p(5)).responder).toBe(true);
    expect(evaluateTailoring(peg, p(5.1)).responder).toBe(false);
    expect(evaluateTailoring(peg, p(7)).responder).toBe(false);
  });

  it('missing PEG at the start or before the decision counts as not improved, and says so', () => {
    const noBaseline = evaluateTailoring(peg, facts({ peg: [{ at: at(50), score: 3 }] }));
    expect(noBaseline.responder).toBe(false);
    expect(noBaseline.conditions[0]).toMatchObject({ holds: true, missing: true });
    // The only score after the start is months before the decision: no current score.
    const stale = evaluateTailoring(
      peg,
      facts({
        peg: [
          { at: at(-3), score: 6 },
          { at: at(10), score: 2 },
        ],
      }),
    );
    expect(stale.conditions[0]).toMatchObject({ holds: true, missing: true });
    // A single score cannot be both baseline and current.
    const one = evaluateTailoring(peg, facts({ peg: [{ at: at(0), score: 6 }] }));
    expect(one.conditions[0]!.missing).toBe(true);
  });

  it('baseline is the latest score from 4 weeks before to 2 weeks after the start', () => {
    const r = evaluateTailoring(
      peg,
      facts({
        peg: [
          { at: at(-40), score: 9 },
          { at: at(-10), score: 7 },
          { at: at(13), score: 6 },
          { at: at(55), score: 5 },
        ],
      }),
    );
    expect(r.conditions[0]!.words).toBe('PEG 6 at the start, 5 now (improved by 1 or more: yes)');
    expect(r.responder).toBe(true);
  });

  it('combines conditions with any or all', () => {
    const both = (combine: 'any' | 'all') => ({ combine, conditions: [...contacts.conditions, ...peg.conditions] });
    const f = facts({
      reachedContacts: [at(1)],
      peg: [
        { at: at(0), score: 6 },
        { at: at(50), score: 4 },
      ],
    });
    expect(evaluateTailoring(both('any'), f).responder).toBe(false);
    expect(evaluateTailoring(both('all'), f).responder).toBe(true);
    expect(describeRule(both('any'))).toBe('fewer than 3 reached contacts, or PEG not improved by 1 point or more');
  });
});

describe('SMART design and strategies', () => {
  const arms = [
    { key: 'coaching', label: 'Peer coaching' },
    { key: 'class', label: 'Pain class' },
  ];

  it('lists every first arm × second-stage option as an embedded strategy, in words', () => {
    const s = embeddedStrategies(arms, smart);
    expect(s).toHaveLength(4);
    expect(s.map((x) => x.key)).toEqual([
      'coaching>staff_support',
      'coaching>new_coach',
      'class>staff_support',
      'class>new_coach',
    ]);
    expect(s[0]!.words).toBe('Start with peer coaching; if not responding by week 8, add staff support; if responding, continue');
  });

  it('a path: waiting, a responder (consistent with both strategies of the arm), a non-responder (one)', () => {
    expect(participantPath('coaching', null, smart)).toMatchObject({ stage: 'waiting', option: null });
    expect(participantPath('coaching', { responder: true, option: null }, smart).strategies).toEqual([
      'coaching>staff_support',
      'coaching>new_coach',
    ]);
    expect(participantPath('class', { responder: false, option: 'new_coach' }, smart)).toEqual({
      firstArm: 'class',
      stage: 'non_responder',
      option: 'new_coach',
      strategies: ['class>new_coach'],
    });
  });

  it('a SMART design needs its SMART part, and only a SMART has one', () => {
    const base = {
      title: 'S',
      primaryTimepoint: 'month_9',
      arms: arms.map((a) => ({ ...a, kind: 'coaching', ratio: 1 })),
    };
    expect(StudyDesign.safeParse({ ...base, design: 'smart' }).success).toBe(false);
    expect(StudyDesign.safeParse({ ...base, design: 'smart', smart }).success).toBe(true);
    expect(StudyDesign.safeParse({ ...base, design: 'parallel', smart }).success).toBe(false);
    expect(SmartDesign.safeParse({ ...smart, options: [smart.options[0], smart.options[0]] }).success).toBe(false);
  });
});

describe('second-stage re-randomization', () => {
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
  const streamsOf = (n: number) => (label: string) => hmacStream(hmac, new Uint8Array(32).fill(n), label);

  it('is balanced within each first arm at every completed block, and replays from the seed', () => {
    for (const seedN of [1, 2, 3, 4, 5]) {
      for (const arm of ['coaching', 'class']) {
        const run = Array.from({ length: 24 }, (_, i) =>
          nextSecondStage(smart.options, 'week_8', arm, i, [1, 2], streamsOf(seedN)),
        );
        const count = (k: string, upTo: number) => run.slice(0, upTo).filter((r) => r.option === k).length;
        // Blocks are 2 or 4 long; the imbalance never exceeds half the largest block.
        for (let i = 1; i <= run.length; i++)
          expect(Math.abs(count('staff_support', i) - count('new_coach', i))).toBeLessThanOrEqual(2);
        expect(run[0]!.stratum).toBe(`first_arm=${arm}`);
        expect(run.map((r) => r.sequenceNumber)).toEqual(run.map((_, i) => i + 1));
        const again = Array.from({ length: 24 }, (_, i) =>
          nextSecondStage(smart.options, 'week_8', arm, i, [1, 2], streamsOf(seedN)),
        );
        expect(again).toEqual(run);
      }
    }
  });

  it('uses a stream of its own: another decision point or arm gives another sequence', () => {
    const seq = (point: string, arm: string) =>
      Array.from({ length: 40 }, (_, i) => nextSecondStage(smart.options, point, arm, i, [1, 2, 3], streamsOf(7)).option).join();
    expect(seq('week_8', 'coaching')).not.toBe(seq('week_12', 'coaching'));
    expect(seq('week_8', 'coaching')).not.toBe(seq('week_8', 'class'));
  });
});
