import { describe, expect, it } from 'vitest';
import { analyzeCsv } from '../src/core/evaluation';
import { ANALYSIS_SPEC, generateTrialCsv } from './analysis';

describe('the analysis benchmark data', () => {
  it('is a long file of N × 3 rows that kindred analyze reads, with the generated arm effect', () => {
    const csv = generateTrialCsv(2000);
    expect(csv.trim().split('\n')).toHaveLength(1 + 2000 * 3);
    expect(generateTrialCsv(2000)).toBe(csv);
    const result = analyzeCsv(csv, ANALYSIS_SPEC);
    expect(result.participants).toBe(2000);
    if ('error' in result.mixed) throw new Error(result.mixed.error);
    // Generated: −0.8 at every follow-up; with 2,000 participants the estimate lands within ±0.2.
    expect(Math.abs(result.mixed.terms['arm']!.estimate + 0.8)).toBeLessThan(0.2);
    expect(result.adherence?.[0]?.arm).toBe('coached');
  });
});
