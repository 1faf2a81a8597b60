import { describe, expect, it } from 'vitest';
import { countDeclineReasons, drawSample, outcomeImprovedOf, type CandidateValues, type SamplingCandidate } from './sampling';

const base: CandidateValues = {
  arm: 'coaching',
  adherent: 'yes',
  frequency: 'weekly',
  coachFidelity: 'high',
  droppedOut: 'no',
  outcomeImproved: 'yes',
  gender: 'male',
  era: 'vietnam',
  painSite: 'back',
};
const person = (id: string, values: Partial<CandidateValues>, excludedBecause: string | null = null): SamplingCandidate => ({
  participantId: id,
  values: { ...base, ...values },
  excludedBecause,
});

// 3 adherent men, 1 adherent woman, 2 non-adherent men (one withdrew from follow-up).
const frame = [
  person('p1', {}),
  person('p2', {}),
  person('p3', {}),
  person('p4', { gender: 'female' }),
  person('p5', { adherent: 'no' }),
  person('p6', { adherent: 'no' }, 'withdrew_from_follow_up'),
];

describe('drawSample', () => {
  it('fills each cell up to its quota and reports the shortfall', () => {
    const s = drawSample(frame, {
      dimensions: ['adherent', 'gender'],
      quotas: [
        { values: ['yes', 'male'], target: 2 },
        { values: ['no', 'male'], target: 2 },
        { values: ['no', 'female'], target: 1 },
      ],
      seed: 7,
    });
    expect(s.cells.map((c) => [c.values, c.target, c.available, c.proposed, c.shortfall])).toEqual([
      [['yes', 'male'], 2, 3, 2, 0],
      [['no', 'male'], 2, 1, 1, 1], // p6 withdrew: not available, so one short
      [['no', 'female'], 1, 0, 0, 1],
      [['yes', 'female'], 0, 1, 0, 0], // people but no quota: listed, nobody proposed
    ]);
    const proposed = s.members.filter((m) => m.isProposed).map((m) => m.participantId);
    expect(proposed).toHaveLength(3);
    expect(proposed).toContain('p5');
    expect(proposed).not.toContain('p6');
    expect(proposed).not.toContain('p4');
    expect(s.excluded).toEqual({ withdrew_from_follow_up: 1 });
  });

  it('is deterministic for a seed whatever the order of the rows, and another seed can differ', () => {
    const input = { dimensions: ['adherent' as const], quotas: [{ values: ['yes'], target: 2 }], seed: 42 };
    const a = drawSample(frame, input);
    const b = drawSample([...frame].reverse(), input);
    expect(b).toEqual(a);
    const picks = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
        drawSample(frame, { ...input, seed })
          .members.filter((m) => m.isProposed)
          .map((m) => m.participantId)
          .join(),
      ),
    );
    expect(picks.size).toBeGreaterThan(1);
  });

  it('never proposes an excluded person even when the cell is short', () => {
    const s = drawSample([person('a', {}, 'declined_before'), person('b', {}, 'withdrew_from_follow_up')], {
      dimensions: ['arm'],
      quotas: [{ values: ['coaching'], target: 5 }],
      seed: 1,
    });
    expect(s.cells[0]).toMatchObject({ available: 0, proposed: 0, shortfall: 5 });
    expect(s.members.every((m) => !m.isProposed)).toBe(true);
  });
});

describe('countDeclineReasons', () => {
  it('counts the same words together, most frequent first', () => {
    expect(countDeclineReasons(['No time', 'no time ', 'Too ill', 'No time'])).toEqual([
      { reason: 'No time', count: 3 },
      { reason: 'Too ill', count: 1 },
    ]);
  });
});

describe('outcomeImprovedOf', () => {
  const weeks = (...scores: number[]) =>
    scores.map((score, i) => ({ on: `2026-02-${String(2 + 7 * i).padStart(2, '0')}`, score }));

  it('is too early with fewer than three check-ins, whatever they say', () => {
    expect(outcomeImprovedOf([])).toBe('too_early');
    expect(outcomeImprovedOf(weeks(8, 2))).toBe('too_early');
  });

  it('is yes when the latest score is about a point or more below the first, in date order', () => {
    expect(outcomeImprovedOf(weeks(7, 6.5, 6))).toBe('yes');
    expect(outcomeImprovedOf(weeks(7, 6.5, 6).reverse())).toBe('yes');
  });

  it('is no when the change is under about a point, or the score rose', () => {
    expect(outcomeImprovedOf(weeks(7, 6.5, 6.2))).toBe('no');
    expect(outcomeImprovedOf(weeks(5, 6, 7))).toBe('no');
    expect(outcomeImprovedOf(weeks(5, 5, 5))).toBe('no');
  });
});
