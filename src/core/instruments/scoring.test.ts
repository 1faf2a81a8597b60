import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import { findInstrument, mosTo0to100, parseAnswers, scoreAnswers, scoreBpi, type ScoreResult } from './index';

/**
 * Worked examples for every shipped instrument. The domain notes hold the authors' rules, not their
 * worked examples, so each example below is built from the rule it names (source in the test name)
 * and checked by hand; band examples sit on both sides of every cut-point.
 */

const score = (id: string, answers: Record<string, number | string | null>): ScoreResult =>
  scoreAnswers(findInstrument(id)!, answers);

/** Answers for items `${prefix}1..n` from a list of values (null: unanswered). */
const items = (prefix: string, values: readonly (number | null)[], first = 1) =>
  Object.fromEntries(values.map((v, i) => [`${prefix}${i + first}`, v]));

/** Fills n items, each at most `max`, so that they sum to `total` (greedy from the first item). */
const summingTo = (total: number, n: number, max: number) =>
  Array.from({ length: n }, (_, i) => Math.max(0, Math.min(max, total - max * i)));

describe('PHQ-9 (Kroenke, Spitzer & Williams, J Gen Intern Med 2001; NHS Data Dictionary for missing items)', () => {
  it('sums items 1-9 (each 0-3): 1,1,2,3,0,1,1,0,1 = 10, moderate (Kroenke 2001 bands)', () => {
    const r = score('phq9', items('phq9-', [1, 1, 2, 3, 0, 1, 1, 0, 1]));
    expect(r).toEqual({
      instrument: 'phq9',
      total: 10,
      subscales: {},
      severity: 'moderate',
      complete: true,
      flags: ['suicidal_ideation'],
    });
  });

  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately_severe'],
    [19, 'moderately_severe'],
    [20, 'severe'],
    [27, 'severe'],
  ])('total %i is %s (bands 0-4, 5-9, 10-14, 15-19, 20-27; Kroenke 2001)', (total, band) => {
    const r = score('phq9', items('phq9-', summingTo(total, 9, 3)));
    expect(r.total).toBe(total);
    expect(r.severity).toBe(band);
  });

  it('flags item 9 above 0 whatever the total: only item 9 = 1 gives total 1, minimal, and suicidal_ideation', () => {
    const r = score('phq9', items('phq9-', [0, 0, 0, 0, 0, 0, 0, 0, 1]));
    expect(r.total).toBe(1);
    expect(r.severity).toBe('minimal');
    expect(r.flags).toEqual(['suicidal_ideation']);
    expect(score('phq9', items('phq9-', [3, 3, 3, 3, 3, 3, 3, 3, 0])).flags).toEqual([]);
  });

  it('replaces 1 missing item with the mean of the 8 answered (NHS): 8 answered summing to 4 → 4.5 → 5, mild (rounding [U], halves up)', () => {
    const r = score('phq9', items('phq9-', [1, 1, 1, 1, 0, 0, 0, 0, null]));
    expect(r).toMatchObject({ total: 5, severity: 'mild', complete: true, flags: [] });
  });

  it('replaces 2 missing items with the mean of the 7 answered (NHS): sum 10 → 10 × 9 / 7 = 12.86 → 13, moderate', () => {
    const r = score('phq9', items('phq9-', [2, 2, 2, 2, 1, 1, 0, null, null]));
    expect(r).toMatchObject({ total: 13, severity: 'moderate', complete: true });
  });

  it('cannot score more than 2 missing items (NHS): total and severity null, complete false, item 9 still flags', () => {
    const r = score('phq9', items('phq9-', [3, 3, 3, 3, 3, null, null, null, 2]));
    expect(r).toEqual({
      instrument: 'phq9',
      total: null,
      subscales: {},
      severity: null,
      complete: false,
      flags: ['suicidal_ideation'],
    });
    expect(score('phq9', {}).complete).toBe(false);
  });

  it('leaves the difficulty item (item 10) out of the total (PHQ manual [U])', () => {
    const without = score('phq9', items('phq9-', [1, 1, 1, 1, 1, 1, 1, 1, 0]));
    const withDifficulty = score('phq9', {
      ...items('phq9-', [1, 1, 1, 1, 1, 1, 1, 1, 0]),
      'phq9-difficulty': 'extremely-difficult',
    });
    expect(withDifficulty.total).toBe(8);
    expect(withDifficulty).toEqual(without);
  });

  it('takes an answer code or its number alike', () => {
    const codes = ['not-at-all', 'several-days', 'more-than-half-the-days', 'nearly-every-day'];
    const byCode = score('phq9', Object.fromEntries(codes.concat(codes, ['not-at-all']).map((c, i) => [`phq9-${i + 1}`, c])));
    const byNumber = score('phq9', items('phq9-', [0, 1, 2, 3, 0, 1, 2, 3, 0]));
    expect(byCode).toEqual(byNumber);
    expect(byCode.total).toBe(12);
  });
});

describe('GAD-7 (Spitzer et al., Arch Intern Med 2006)', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ])('total %i is %s (cut-points 5, 10, 15)', (total, band) => {
    const r = score('gad7', items('gad7-', summingTo(total, 7, 3)));
    expect(r).toMatchObject({ total, severity: band, complete: true, subscales: {}, flags: [] });
  });

  it('prorates 1 missing item (project rule 0005, developers publish none): 6 answered summing to 3 → 3.5 → 4, minimal; 9 → 10.5 → 11', () => {
    expect(score('gad7', items('gad7-', [1, 1, 1, 0, 0, 0, null]))).toMatchObject({
      total: 4,
      severity: 'minimal',
      complete: true,
    });
    expect(score('gad7', items('gad7-', [2, 2, 2, 2, 1, 0, null]))).toMatchObject({ total: 11, severity: 'moderate' });
  });

  it('cannot score 2 missing items (project rule 0005)', () => {
    expect(score('gad7', items('gad7-', [3, 3, 3, 3, 3, null, null]))).toMatchObject({
      total: null,
      severity: null,
      complete: false,
    });
  });

  it('leaves the difficulty item out of the total', () => {
    expect(score('gad7', { ...items('gad7-', [1, 1, 1, 1, 1, 1, 1]), 'gad7-difficulty': 3 }).total).toBe(7);
  });
});

describe('PEG (Krebs et al., J Gen Intern Med 2009)', () => {
  it('is the mean of the three 0-10 items: (5 + 6 + 7) / 3 = 6', () => {
    expect(score('peg', { 'peg-pain': 5, 'peg-enjoyment': 6, 'peg-activity': 7 })).toEqual({
      instrument: 'peg',
      total: 6,
      subscales: {},
      severity: null,
      complete: true,
      flags: [],
    });
  });

  it('is not rounded: (3 + 4 + 4) / 3 = 3.67 (to 2 places)', () => {
    expect(score('peg', { 'peg-pain': 3, 'peg-enjoyment': 4, 'peg-activity': 4 }).total).toBeCloseTo(11 / 3, 12);
  });

  it('needs all three items (project rule 0005) and has no validated bands', () => {
    expect(score('peg', { 'peg-pain': 10, 'peg-enjoyment': 10 })).toMatchObject({ total: null, complete: false, severity: null });
    expect(score('peg', { 'peg-pain': 10, 'peg-enjoyment': 10, 'peg-activity': 10 })).toMatchObject({
      total: 10,
      severity: null,
    });
  });
});

describe('BPI short form (Cleeland, BPI User Guide; NINDS CDE)', () => {
  const full = {
    'bpi-worst': 8,
    'bpi-least': 2,
    'bpi-average': 5,
    'bpi-now': 4,
    'bpi-activity': 3,
    'bpi-mood': 4,
    'bpi-walking': 5,
    'bpi-work': 6,
    'bpi-relations': 2,
    'bpi-sleep': 7,
    'bpi-enjoyment': 1,
  };

  it('severity = mean of 4 items (19 / 4 = 4.75), interference = mean of 7 (28 / 7 = 4), total = mean of the two (4.375)', () => {
    expect(score('bpi-sf', full)).toEqual({
      instrument: 'bpi-sf',
      total: 4.375,
      subscales: { pain_severity: 4.75, pain_interference: 4 },
      severity: 'moderate',
      complete: true,
      flags: [],
    });
  });

  it('can define the total as the mean of the 11 items instead (47 / 11), a program choice (0005)', () => {
    const r = scoreBpi(parseAnswers(findInstrument('bpi-sf')!.definition, full), { total: 'mean_of_items' });
    expect(r.total).toBeCloseTo(47 / 11, 12);
    expect(r.subscales).toEqual({ pain_severity: 4.75, pain_interference: 4 });
  });

  it.each([
    [0, 'mild'],
    [4, 'mild'],
    [5, 'moderate'],
    [6, 'moderate'],
    [7, 'severe'],
    [10, 'severe'],
  ])('average pain %i is %s (0-4 mild, 5-6 moderate, 7-10 severe)', (average, band) => {
    expect(score('bpi-sf', { ...full, 'bpi-average': average }).severity).toBe(band);
  });

  it('scores interference from 4 of 7 items (more than half, developer rule): mean of those answered', () => {
    const r = score('bpi-sf', { ...full, 'bpi-relations': null, 'bpi-sleep': null, 'bpi-enjoyment': null });
    expect(r.subscales.pain_interference).toBe(4.5);
    expect(r.total).toBe((4.75 + 4.5) / 2);
  });

  it('cannot score interference from 3 of 7 items, and then has no total', () => {
    const r = score('bpi-sf', { ...full, 'bpi-work': null, 'bpi-relations': null, 'bpi-sleep': null, 'bpi-enjoyment': null });
    expect(r).toMatchObject({ total: null, complete: false, subscales: { pain_severity: 4.75, pain_interference: null } });
    expect(r.severity).toBe('moderate');
  });

  it('scores severity from 3 of 4 items but not 2 (project rule 0005, the developers publish none)', () => {
    expect(score('bpi-sf', { ...full, 'bpi-now': null }).subscales.pain_severity).toBe(5);
    const two = score('bpi-sf', { ...full, 'bpi-now': null, 'bpi-least': null });
    expect(two).toMatchObject({ total: null, complete: false, subscales: { pain_severity: null, pain_interference: 4 } });
  });

  it('has no band without the average-pain item', () => {
    expect(score('bpi-sf', { ...full, 'bpi-average': null }).severity).toBeNull();
  });
});

describe('Pain Catastrophizing Scale (Sullivan, Bishop & Pivik 1995)', () => {
  it('sums subscales: all items 2 → rumination 8, magnification 6, helplessness 12, total 26 (< 30)', () => {
    expect(score('pcs', items('pcs-', Array(13).fill(2)))).toEqual({
      instrument: 'pcs',
      total: 26,
      subscales: { rumination: 8, magnification: 6, helplessness: 12 },
      severity: 'not_clinically_relevant',
      complete: true,
      flags: [],
    });
  });

  it('puts items 8-11 in rumination, 6, 7, 13 in magnification, 1-5 and 12 in helplessness', () => {
    const only = (n: number) => score('pcs', { ...items('pcs-', Array(13).fill(0)), [`pcs-${n}`]: 4 }).subscales;
    for (const n of [8, 9, 10, 11]) expect(only(n)).toEqual({ rumination: 4, magnification: 0, helplessness: 0 });
    for (const n of [6, 7, 13]) expect(only(n)).toEqual({ rumination: 0, magnification: 4, helplessness: 0 });
    for (const n of [1, 2, 3, 4, 5, 12]) expect(only(n)).toEqual({ rumination: 0, magnification: 0, helplessness: 4 });
  });

  it.each([
    [29, 'not_clinically_relevant'],
    [30, 'clinically_relevant'],
    [52, 'clinically_relevant'],
  ])('total %i is %s (≥ 30 clinically relevant)', (total, band) => {
    const r = score('pcs', items('pcs-', summingTo(total, 13, 4)));
    expect(r.total).toBe(total);
    expect(r.severity).toBe(band);
  });

  it('prorates a subscale with 1 missing item (project rule 0005): magnification 3 + 2 of 3 → 7.5 → 8; rumination 7 of 3 answered → 9.33 → 9', () => {
    const answers = items('pcs-', [1, 1, 1, 1, 1, 3, 2, 3, 2, 2, null, 1, null]);
    expect(score('pcs', answers)).toMatchObject({
      subscales: { rumination: 9, magnification: 8, helplessness: 6 },
      total: 23,
      complete: true,
    });
  });

  it('cannot score a subscale with 2 missing items, nor then the total', () => {
    const r = score('pcs', items('pcs-', [1, 1, 1, 1, 1, 1, null, 1, 1, 1, 1, 1, null]));
    expect(r).toMatchObject({
      total: null,
      severity: null,
      complete: false,
      subscales: { magnification: null, rumination: 4, helplessness: 6 },
    });
  });
});

describe('PSEQ (Nicholas, Eur J Pain 2007; ePPOC bands)', () => {
  it.each([
    [0, 'severe'],
    [19, 'severe'],
    [20, 'moderate'],
    [30, 'moderate'],
    [31, 'mild'],
    [40, 'mild'],
    [41, 'minimal'],
    [60, 'minimal'],
  ])('total %i is %s (bands start at 0, 20, 31, 41; whether 20 is severe is [U])', (total, band) => {
    const r = score('pseq', items('pseq-', summingTo(total, 10, 6)));
    expect(r).toMatchObject({ total, severity: band, complete: true });
  });

  it('prorates up to 2 missing items (project rule 0005): 8 answered summing to 17 → 21.25 → 21; 3 missing is unscorable', () => {
    expect(score('pseq', items('pseq-', [3, 3, 2, 2, 2, 2, 2, 1, null, null])).total).toBe(21);
    expect(score('pseq', items('pseq-', [6, 6, 6, 6, 6, 6, 6, null, null, null]))).toMatchObject({
      total: null,
      complete: false,
    });
  });
});

describe('MOS Social Support Survey (Sherbourne & Stewart 1991; RAND scoring instructions)', () => {
  const byItem = (value: (n: number) => number) =>
    Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`mos-${i + 2}`, value(i + 2)]));
  const emotional = [3, 4, 8, 9, 13, 16, 17, 19];
  const tangible = [2, 5, 12, 15];
  const affectionate = [6, 10, 20];

  it('takes subscale means and the overall index over 19 items (item 14 only in the index): 65 / 19 = 3.42', () => {
    const answers = byItem((n) =>
      emotional.includes(n) ? 4 : tangible.includes(n) ? 2 : affectionate.includes(n) ? 5 : n === 14 ? 1 : 3,
    );
    const r = score('mos-sss', { ...answers, 'mos-1': 6 });
    expect(r.subscales).toEqual({ emotional_informational: 4, tangible: 2, affectionate: 5, positive_social_interaction: 3 });
    expect(r.total).toBeCloseTo(65 / 19, 12);
    expect(r).toMatchObject({ severity: null, complete: true, flags: [] });
    expect(mosTo0to100(r.total!)).toBeCloseTo((100 * (65 / 19 - 1)) / 4, 12);
  });

  it('runs from 1 to 5 (0-100 after RAND’s transform) and ignores the count of close friends', () => {
    expect(
      score(
        'mos-sss',
        byItem(() => 1),
      ).total,
    ).toBe(1);
    expect(score('mos-sss', { ...byItem(() => 5), 'mos-1': 40 }).total).toBe(5);
    expect([mosTo0to100(1), mosTo0to100(5)]).toEqual([0, 100]);
  });

  it('takes a mean over the answered items when at least half are answered (project rule 0005)', () => {
    const answers: Record<string, number | null> = byItem(() => 3);
    answers['mos-2'] = 5;
    answers['mos-5'] = 4;
    answers['mos-12'] = null;
    answers['mos-15'] = null;
    expect(score('mos-sss', answers).subscales.tangible).toBe(4.5);
    answers['mos-5'] = null;
    expect(score('mos-sss', answers).subscales.tangible).toBeNull();
  });

  it('needs 10 of the 19 items for the overall index', () => {
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`mos-${i + 2}`, 2]));
    expect(score('mos-sss', ten)).toMatchObject({ total: 2, complete: true });
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`mos-${i + 2}`, 2]));
    expect(score('mos-sss', nine)).toMatchObject({ total: null, complete: false });
  });
});

describe('answers are checked before scoring', () => {
  const reject = (id: string, answers: unknown): DomainError => {
    try {
      scoreAnswers(findInstrument(id)!, answers);
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      return err as DomainError;
    }
    throw new Error('expected the answers to be refused');
  };

  it('refuses an unknown linkId, naming it', () => {
    const err = reject('phq9', { 'phq9-1': 1, 'phq9-10': 2 });
    expect(err.reason).toBe('invalid_answers');
    expect(err.message).toContain('phq9-10: unknown linkId');
  });

  it('refuses a value out of range or an unknown code, naming the item and the allowed values but not the value', () => {
    const err = reject('phq9', { 'phq9-1': 77, 'phq9-2': 'sometimes' });
    expect(err.message).toContain('phq9-1: out of range');
    expect(err.message).toContain('phq9-2: out of range');
    expect(err.message).toContain('from 0 to 3');
    expect(err.message).not.toContain('77');
    expect(err.message).not.toContain('sometimes');
    expect(reject('peg', { 'peg-pain': 2.5 }).message).toContain('peg-pain');
    expect(reject('mos-sss', { 'mos-1': -1 }).message).toContain('mos-1: out of range: must be a whole number of at least 0');
    expect(reject('mos-sss', { 'mos-1': 2.5 }).message).toContain('mos-1');
  });

  it('refuses the wrong type: a boolean, a list, a number given as text to a number item, or not an object', () => {
    expect(reject('phq9', { 'phq9-1': true }).message).toContain('phq9-1: wrong type');
    expect(reject('phq9', { 'phq9-1': [1] }).message).toContain('phq9-1: wrong type');
    expect(reject('mos-sss', { 'mos-1': '3' }).message).toContain('mos-1: wrong type');
    expect(reject('phq9', [1, 2, 3]).message).toContain('must be a JSON object');
    expect(reject('phq9', 'phq9-1=1').message).toContain('must be a JSON object');
  });

  it('reads null as "not answered"', () => {
    expect(score('peg', { 'peg-pain': 4, 'peg-enjoyment': null, 'peg-activity': 4 })).toMatchObject({
      total: null,
      complete: false,
    });
  });
});
