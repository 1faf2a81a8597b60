import { describe, expect, it } from 'vitest';
import { applyDecision, decisionOn, differenceOf, intersectionOf, seedConsensus } from './consensus';

describe('range arithmetic', () => {
  it('intersects and subtracts sorted disjoint ranges (worked by hand)', () => {
    expect(
      intersectionOf(
        [
          [0, 10],
          [20, 30],
        ],
        [
          [5, 25],
          [28, 40],
        ],
      ),
    ).toEqual([
      [5, 10],
      [20, 25],
      [28, 30],
    ]);
    expect(intersectionOf([[0, 5]], [[5, 9]])).toEqual([]);
    expect(
      differenceOf(
        [
          [0, 10],
          [20, 30],
        ],
        [
          [2, 4],
          [8, 22],
          [29, 35],
        ],
      ),
    ).toEqual([
      [0, 2],
      [4, 8],
      [22, 29],
    ]);
    expect(differenceOf([[0, 10]], [])).toEqual([[0, 10]]);
    expect(differenceOf([[3, 6]], [[0, 10]])).toEqual([]);
  });
});

describe('the consensus version', () => {
  // "I call my coach on Tuesdays and we talk about walking." (55 characters)
  const first = [
    { codeId: 'connection', start: 0, end: 30 },
    { codeId: 'activity', start: 45, end: 52 },
  ];
  const second = [
    { codeId: 'connection', start: 2, end: 25 },
    { codeId: 'connection', start: 20, end: 40 },
    { codeId: 'goals', start: 31, end: 55 },
  ];

  it('starts from the characters both coders coded, per code', () => {
    // connection: first [0,30), second [2,40) → both [2,30); activity and goals: one coder each → none.
    expect(seedConsensus(55, ['connection', 'activity', 'goals'], first, second)).toEqual([
      { codeId: 'connection', start: 2, end: 30 },
    ]);
  });

  it('keeps or leaves out a stretch, touching only that code', () => {
    const seed = seedConsensus(55, ['connection', 'activity', 'goals'], first, second);
    // Keep the second coder's extra connection [30,40): the spans merge into [2,40).
    const kept = applyDecision(55, seed, { codeId: 'connection', start: 30, end: 40, keep: true });
    expect(kept).toEqual([{ codeId: 'connection', start: 2, end: 40 }]);
    // Keep the first coder's activity [45,52).
    const both = applyDecision(55, kept, { codeId: 'activity', start: 45, end: 52, keep: true });
    expect(both).toEqual([
      { codeId: 'connection', start: 2, end: 40 },
      { codeId: 'activity', start: 45, end: 52 },
    ]);
    // Changing one's mind: leaving [30,40) out again splits nothing else.
    expect(applyDecision(55, both, { codeId: 'connection', start: 30, end: 40, keep: false })).toEqual([
      { codeId: 'activity', start: 45, end: 52 },
      { codeId: 'connection', start: 2, end: 30 },
    ]);
    // Leaving out a stretch in the middle of a span cuts it in two; a stretch past the end is clipped.
    expect(applyDecision(55, kept, { codeId: 'connection', start: 10, end: 12, keep: false })).toEqual([
      { codeId: 'connection', start: 2, end: 10 },
      { codeId: 'connection', start: 12, end: 40 },
    ]);
    expect(applyDecision(55, [], { codeId: 'goals', start: 50, end: 80, keep: true })).toEqual([
      { codeId: 'goals', start: 50, end: 55 },
    ]);
  });

  it('says what was decided about a stretch, matching it exactly', () => {
    const decisions = [
      { codeId: 'connection', start: 30, end: 40, keep: true },
      { codeId: 'goals', start: 31, end: 55, keep: false },
    ];
    expect(decisionOn(decisions, 'connection', { start: 30, end: 40 })).toBe('kept');
    expect(decisionOn(decisions, 'goals', { start: 31, end: 55 })).toBe('left_out');
    expect(decisionOn(decisions, 'goals', { start: 31, end: 54 })).toBeNull();
    expect(decisionOn(decisions, 'activity', { start: 30, end: 40 })).toBeNull();
  });
});
