import { describe, expect, it } from 'vitest';
import { benefitWording, engagementWording, formatNumber, joinedWording, verdictOf } from './targeting';

const coaching = { kind: 'coaching', better: 'lower', outcome: 'PEG' } as const;
const claim = (
  estimate: number,
  lo: number,
  hi: number,
  extra: Partial<{ p: number; p_adjusted: number; smallestCell: number }> = {},
) => ({
  estimate,
  ci_low: lo,
  ci_high: hi,
  se: 0,
  p: 0.02,
  p_adjusted: 0.04,
  smallestCell: 25,
  subgroup: 'participants who are women (compared with men)',
  comparison: coaching,
  ...extra,
});

describe('the wording rules of "Whom to target"', () => {
  it('an interval crossing 0 is "no clear difference", never a direction', () => {
    const w = benefitWording(claim(-0.8, -1.9, 0.3, { p: 0.15, p_adjusted: 0.3 }));
    expect(w.verdict).toBe('no_clear_difference');
    expect(w.sentence).toContain('no clear difference');
    expect(w.sentence).not.toMatch(/may help|more|less/);
    expect(w.sentence).toContain('95% CI \u22121.90 to 0.30');
    expect(w.sentence).toContain('Holm-adjusted 0.300');
    // An interval touching 0 includes no difference too.
    expect(verdictOf({ ci_low: 0, ci_high: 2 }, 30)).toBe('no_clear_difference');
  });

  it('an interval excluding 0 states the direction with "may", and the Holm-adjusted p', () => {
    const w = benefitWording(claim(-1.5, -2.5, -0.5));
    expect(w.verdict).toBe('may_differ');
    expect(w.sentence).toMatch(/^Among participants who are women \(compared with men\), coaching may help more on PEG/);
    expect(w.sentence).toContain('p 0.020, Holm-adjusted 0.040');
    // Higher on a lower-is-better scale: less.
    expect(benefitWording(claim(1.5, 0.5, 2.5)).sentence).toContain('coaching may help less');
    // Higher is better (self-efficacy): a positive difference helps more.
    expect(
      benefitWording({ ...claim(3, 1, 5), comparison: { kind: 'coaching', better: 'higher', outcome: 'PSEQ' } }).sentence,
    ).toContain('coaching may help more on PSEQ');
  });

  it('says when the interval is wide and when Holm leaves it to chance', () => {
    const wide = benefitWording(claim(-1.5, -3.4, -0.1, { p_adjusted: 0.2 }));
    expect(wide.sentence).toContain('The interval is wide');
    expect(wide.sentence).toContain('could be chance');
    const narrow = benefitWording(claim(-1.5, -2, -1, { p_adjusted: 0.01 }));
    expect(narrow.sentence).not.toContain('wide');
    expect(narrow.sentence).not.toContain('chance');
  });

  it('fewer than N in a cell → "too few to say", whatever the interval', () => {
    const w = benefitWording(claim(-3, -4, -2, { smallestCell: 4 }));
    expect(w.verdict).toBe('too_few');
    expect(w.sentence).toContain('too few to say');
    expect(w.sentence).toContain('4 in the smallest group; at least 10 are needed');
    expect(w.sentence).not.toContain('may');
    expect(benefitWording(claim(-3, -4, -2, { smallestCell: 9 }), 10).verdict).toBe('too_few');
    expect(benefitWording(claim(-3, -4, -2, { smallestCell: 10 }), 10).verdict).toBe('may_differ');
  });

  it('masked arms keep to the arms and the raw direction', () => {
    const w = benefitWording({
      ...claim(-1.5, -2.5, -0.5),
      comparison: { kind: 'arms', arm: 'Arm B', reference: 'Arm A', outcome: 'PEG' },
    });
    expect(w.sentence).toContain('the difference between Arm B and Arm A may be lower on PEG');
    expect(w.sentence).not.toContain('coaching');
  });

  it('engagement in odds ratios, with the same rules', () => {
    const base = {
      subgroup: 'older participants (per 10 years)',
      target: 12,
      se: 0,
      p: 0.01,
      p_adjusted: 0.02,
      smallestCell: 15,
    };
    const may = engagementWording({ ...base, estimate: Math.log(2), ci_low: Math.log(1.2), ci_high: Math.log(3.3) });
    expect(may.sentence).toContain('reaching 12 contacts may be more likely: odds ratio 2.00 (95% CI 1.20 to 3.30');
    const none = engagementWording({
      ...base,
      estimate: Math.log(1.5),
      ci_low: Math.log(0.7),
      ci_high: Math.log(3.2),
      p_adjusted: 0.5,
    });
    expect(none.verdict).toBe('no_clear_difference');
    expect(none.sentence).toContain('Holm-adjusted 0.500');
    expect(engagementWording({ ...base, smallestCell: 3, estimate: 2, ci_low: 1, ci_high: 3 }).verdict).toBe('too_few');
  });

  it('joins the two without claiming what either side does not support', () => {
    expect(
      joinedWording('women', { verdict: 'may_differ', helpsMore: true }, { verdict: 'may_differ', moreLikely: false }),
    ).toContain('may gain more but keep in touch less');
    expect(
      joinedWording('women', { verdict: 'no_clear_difference', helpsMore: true }, { verdict: 'too_few', moreLikely: true }),
    ).toBe('Nothing here is firm enough to target by this.');
    expect(joinedWording('women', null, { verdict: 'may_differ', moreLikely: true })).toContain('may keep in touch more');
  });

  it('formats numbers with a real minus sign and no negative zero', () => {
    expect(formatNumber(-1.234)).toBe('\u22121.23');
    expect(formatNumber(-0.001)).toBe('0.00');
    expect(formatNumber(12.34)).toBe('12.3');
  });
});
