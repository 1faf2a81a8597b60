import { describe, expect, it } from 'vitest';
import { designFormProblems } from './design-form';

describe('the study design form’s checks', () => {
  const base = { method: 'blocks' as const, percent: 80, stratumLabel: '', levels: [] };

  it('accepts blocks without strata, and minimisation from 50 to 100 per cent', () => {
    expect(designFormProblems(base)).toEqual({});
    expect(designFormProblems({ ...base, method: 'minimisation', percent: 50 })).toEqual({});
    expect(designFormProblems({ ...base, method: 'minimisation', percent: 100 })).toEqual({});
  });

  it('refuses a minimisation chance outside 50–100 or not whole, in words', () => {
    for (const percent of [49, 101, 75.5, Number.NaN])
      expect(designFormProblems({ ...base, method: 'minimisation', percent }).probability).toBe(
        'Enter a whole number from 50 to 100',
      );
    // The chance is not read for the other methods.
    expect(designFormProblems({ ...base, method: 'table', percent: Number.NaN })).toEqual({});
  });

  it('needs two to twelve different answers for a stratum', () => {
    const s = { ...base, stratumLabel: 'Pain for five years or more' };
    expect(designFormProblems({ ...s, levels: ['Yes'] }).levels).toBe('Give at least two answers, one a line');
    expect(designFormProblems({ ...s, levels: ['Yes', 'yes'] }).levels).toBe('Each answer once');
    expect(designFormProblems({ ...s, levels: Array.from({ length: 13 }, (_, i) => `L${i}`) }).levels).toBe(
      'Give 12 answers or fewer',
    );
    expect(designFormProblems({ ...s, levels: ['Yes', 'No'] })).toEqual({});
  });
});
