import { describe, expect, it } from 'vitest';
import { SmartDesign } from '../../../core/trials';
import { amendedCriteria, designFormProblems, smartFormDesign, type SmartFormInput } from './design-form';

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

describe('the SMART part of the design form (ADR 0037)', () => {
  const base: SmartFormInput = {
    weeks: '8',
    from: 'randomization',
    useContacts: true,
    contactsBelow: '4',
    usePeg: true,
    pegBy: '1',
    combine: 'any',
    options: 'Add staff support\n\n  Change to a new coach  \n',
  };

  it('builds the decision point, the rule and the options, which the server’s schema accepts', () => {
    const r = smartFormDesign(base);
    expect(r.problems).toBeUndefined();
    expect(r.smart).toEqual({
      decisionPoint: { key: 'week_8', label: 'Week 8', weeks: 8, from: 'randomization' },
      rule: {
        combine: 'any',
        conditions: [
          { kind: 'reached_contacts_below', n: 4 },
          { kind: 'peg_not_improved', by: 1 },
        ],
      },
      options: [
        { key: 'option_1', label: 'Add staff support' },
        { key: 'option_2', label: 'Change to a new coach' },
      ],
    });
    expect(SmartDesign.safeParse(r.smart).success).toBe(true);
  });

  it('keeps only the chosen signs; "both" matters only with two', () => {
    const peg = smartFormDesign({ ...base, useContacts: false, contactsBelow: 'x', combine: 'all', pegBy: '1,5' });
    expect(peg.smart?.rule).toEqual({ combine: 'any', conditions: [{ kind: 'peg_not_improved', by: 1.5 }] });
    const both = smartFormDesign({ ...base, combine: 'all', from: 'first_pairing', weeks: '12' });
    expect(both.smart?.rule.combine).toBe('all');
    expect(both.smart?.decisionPoint).toEqual({ key: 'week_12', label: 'Week 12', weeks: 12, from: 'first_pairing' });
  });

  it('says in words what to fix, by field', () => {
    expect(smartFormDesign({ ...base, weeks: '0', contactsBelow: '2.5', pegBy: '20', options: 'Only one' }).problems).toEqual({
      weeks: 'Enter a whole number of weeks from 1 to 52',
      contactsBelow: 'Enter a whole number from 1 to 52',
      pegBy: 'Enter the points from 0.1 to 10, such as 1',
      options: 'Give at least two options, one a line',
    });
    expect(smartFormDesign({ ...base, useContacts: false, usePeg: false }).problems).toEqual({
      conditions: 'Choose at least one sign of not responding',
    });
    expect(smartFormDesign({ ...base, options: 'A\nB\nC\nD\nE' }).problems?.options).toBe('Give four options or fewer');
    expect(smartFormDesign({ ...base, options: 'Add staff\nadd staff' }).problems?.options).toBe('Each option once');
    expect(smartFormDesign({ ...base, weeks: '' }).problems?.weeks).toBe('Enter a whole number of weeks from 1 to 52');
  });
});

describe('the checklist after an amendment', () => {
  const existing = [
    { key: 'in_1', text: 'Pain most days', kind: 'inclusion' as const },
    { key: 'in_2', text: 'Has a phone', kind: 'inclusion' as const },
    { key: 'ex_1', text: 'Dementia', kind: 'exclusion' as const },
  ];

  it('keeps the keys of unchanged lines and gives new lines keys never used', () => {
    expect(amendedCriteria(existing, 'Has a phone\nAged 18 or over\n', 'Dementia\nIn another study')).toEqual([
      { key: 'in_2', text: 'Has a phone', kind: 'inclusion' },
      { key: 'in_3', text: 'Aged 18 or over', kind: 'inclusion' },
      { key: 'ex_1', text: 'Dementia', kind: 'exclusion' },
      { key: 'ex_2', text: 'In another study', kind: 'exclusion' },
    ]);
  });

  it('does not reuse the key of a removed line, nor give one key twice', () => {
    const c = amendedCriteria(existing, 'Has a phone\nHas a phone', '');
    expect(c.map((x) => x.key)).toEqual(['in_2', 'in_3']);
    expect(amendedCriteria(existing, 'Pain most days, 3 months', '').map((x) => x.key)).toEqual(['in_3']);
  });
});
