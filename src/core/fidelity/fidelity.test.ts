import { describe, expect, it } from 'vitest';
import { scoreCoachingDelivery } from '../instruments';
import { fidelityReport, reportedElements, type FidelityFacts, type LoggedContact } from './index';

const DAY = 86_400_000;
const START = new Date('2026-01-01T12:00:00.000Z');
const after = (days: number) => new Date(START.getTime() + days * DAY);
const rules = { lengthDays: 182, targetContacts: 12, programId: '00000000-0000-4000-8000-000000000001' };
const codes = new Map([
  ['X', 'C-0001'],
  ['Y', 'C-0002'],
]);
const contact = (coachId: string, day: number, s: boolean, e: boolean, a: boolean, g: boolean): LoggedContact => ({
  coachId,
  occurredAt: after(day),
  elements: { discussedStrategies: s, gaveEncouragement: e, discussedAdjusting: a, discussedGoals: g },
});
const delivery = (s: number, e: number, a: number, g: number | null, frequency: number | null) => ({
  'delivery-strategies': s,
  'delivery-encouragement': e,
  'delivery-adjusting': a,
  ...(g === null ? {} : { 'delivery-goals': g }),
  ...(frequency === null ? {} : { 'delivery-frequency': frequency }),
});
const base = { status: 'active', firstPairedAt: START, endedOn: null, endedAt: null };

/*
 * A: coach X; reached on day 10 (all four elements), day 20 (strategies, encouragement), day 200
 *    (all four, after the 182-day window: not counted). Reports S yes, E yes, A no, G no, twice a month.
 * B: coach X, then Y (latest); day 5 by X (strategies), day 40 by Y (S, E, A). Reports all four yes, monthly.
 * C: coach Y; no contacts; leaves the goals item unanswered (incomplete, not a "no").
 */
const facts: FidelityFacts[] = [
  {
    ...base,
    participantId: 'A',
    code: 'P-0001',
    coachId: 'X',
    contacts: [
      contact('X', 10, true, true, true, true),
      contact('X', 20, true, true, false, false),
      contact('X', 200, true, true, true, true),
    ],
    delivery: delivery(1, 1, 0, 0, 2),
  },
  {
    ...base,
    participantId: 'B',
    code: 'P-0002',
    coachId: 'Y',
    contacts: [contact('X', 5, true, false, false, false), contact('Y', 40, true, true, true, false)],
    delivery: delivery(1, 1, 1, 1, 1),
  },
  { ...base, participantId: 'C', code: 'P-0003', coachId: 'Y', contacts: [], delivery: delivery(1, 0, 1, null, null) },
];

describe('fidelity two ways (hand computations in the comments)', () => {
  const r = fidelityReport(facts, codes, rules, after(210));

  it('logged: element rates over the 4 reached in-window contacts; per coach, mean elements ÷ 4', () => {
    expect(r).toMatchObject({ source: 'logged', windowDays: 182, reachedContacts: 4, reachedOutsideWindow: 1 });
    // S 4/4, E 3/4 (A10, A20, B40), A 2/4 (A10, B40), G 1/4 (A10).
    expect(r.elements).toEqual({
      discussedStrategies: { delivered: 4, rate: 1 },
      gaveEncouragement: { delivered: 3, rate: 0.75 },
      discussedAdjusting: { delivered: 2, rate: 0.5 },
      discussedGoals: { delivered: 1, rate: 0.25 },
    });
    // X: (4 + 2 + 1) / (4 × 3) = 7/12 → not high; Y: 3/4 = 0.75 → high (≥ 0.75). Share 1/2.
    expect(r.coaches).toEqual([
      { coachCode: 'C-0001', reachedContacts: 3, fidelity: 7 / 12, high: false },
      { coachCode: 'C-0002', reachedContacts: 1, fidelity: 0.75, high: true },
    ]);
    expect(r.highFidelityShare).toBe(0.5);
  });

  it('reported: complete questionnaires only; credited to the latest coach', () => {
    expect(r.reported).toMatchObject({ responses: 2, incomplete: 1, highFidelityShare: 0.5 });
    expect(r.reported!.elements).toEqual({
      discussedStrategies: { delivered: 2, rate: 1 },
      gaveEncouragement: { delivered: 2, rate: 1 },
      discussedAdjusting: { delivered: 1, rate: 0.5 },
      discussedGoals: { delivered: 1, rate: 0.5 },
    });
    // X (A): 2/4 = 0.5; Y (B): 4/4 = 1.
    expect(r.reported!.coaches).toEqual([
      { coachCode: 'C-0001', responses: 1, fidelity: 0.5, high: false },
      { coachCode: 'C-0002', responses: 1, fidelity: 1, high: true },
    ]);
    expect(r.reported!.frequency).toEqual({ weekly: 0, twice_monthly: 1, monthly: 1, less_than_monthly: 0 });
  });

  it('agreement per element: logged "ever delivered" in the window against the reported yes/no, per participant', () => {
    const a = r.agreement!.elements;
    // S and E: both participants yes both ways → pe = 1, kappa undefined.
    expect(a.discussedStrategies).toMatchObject({ n: 2, bothYes: 2, kappa: null });
    expect(a.gaveEncouragement).toMatchObject({ n: 2, bothYes: 2, kappa: null });
    // Adjusting: A logged yes / reported no; B yes / yes. po = 0.5, pe = (2×1 + 0×1)/4 = 0.5 → kappa 0.
    expect(a.discussedAdjusting).toMatchObject({ bothYes: 1, loggedOnly: 1, reportedOnly: 0, bothNo: 0, observed: 0.5 });
    expect(a.discussedAdjusting.kappa).toBeCloseTo(0, 12);
    // Goals: A logged yes / no; B logged no / yes. po = 0, pe = (1×1 + 1×1)/4 = 0.5 → kappa −1.
    expect(a.discussedGoals).toMatchObject({ loggedOnly: 1, reportedOnly: 1, observed: 0 });
    expect(a.discussedGoals.kappa).toBeCloseTo(-1, 12);
    // Frequency: A and B 2 reached in 182 days = 0.33 a month → less than monthly; they recalled more.
    expect(r.agreement!.frequency).toEqual({ n: 2, same: 0, share: 0 });
  });

  it('has no reported side before anyone answered the questionnaire', () => {
    const none = fidelityReport(
      facts.map((f) => ({ ...f, delivery: null })),
      codes,
      rules,
      after(210),
    );
    expect(none.reported).toBeNull();
    expect(none.agreement).toBeNull();
    expect(none.reachedContacts).toBe(4);
  });
});

describe('the coaching-delivery questionnaire', () => {
  it('scores the number of elements present, 3 or more high, and leaves an incomplete response unscored', () => {
    expect(scoreCoachingDelivery(delivery(1, 1, 1, 0, 3))).toMatchObject({ total: 3, severity: 'high_fidelity', complete: true });
    expect(scoreCoachingDelivery(delivery(1, 0, 0, 1, null))).toMatchObject({ total: 2, severity: 'lower_fidelity' });
    expect(scoreCoachingDelivery(delivery(1, 1, 1, null, 3))).toMatchObject({ total: null, complete: false });
    expect(reportedElements(delivery(1, 1, 1, null, 3))).toBeNull();
  });
});
