import { describe, expect, it } from 'vitest';
import { analyzeCsv, type ModeratorResult } from './analyze';
import categoricalThreeArmCsv from './fixtures/categorical-three-arm.csv?raw';
import categoricalThreeArm from './fixtures/categorical-three-arm.expected.json';
import categoricalCsv from './fixtures/categorical.csv?raw';
import categorical from './fixtures/categorical.expected.json';
import smallCsv from './fixtures/small.csv?raw';
import small from './fixtures/small.expected.json';
import threeArmCsv from './fixtures/three-arm.csv?raw';
import threeArm from './fixtures/three-arm.expected.json';
import twoArmCsv from './fixtures/two-arm.csv?raw';
import twoArm from './fixtures/two-arm.expected.json';
import type { AnalysisSpec } from './long-data';

/**
 * Every number `analyzeCsv` gives is compared with R's, from fixtures made by
 * scripts/r/make-analysis-fixtures.R (lm, sandwich::vcovCL HC1, lme4::lmer REML, glm binomial).
 */

interface Fixture {
  options: Omit<AnalysisSpec, 'moderators' | 'predictors'> & { moderators: string[]; predictors: string[] };
  expected: unknown;
}

const fixtures: Record<string, [string, unknown]> = {
  'two-arm': [twoArmCsv, twoArm],
  'three-arm': [threeArmCsv, threeArm],
  small: [smallCsv, small],
  categorical: [categoricalCsv, categorical],
  'categorical-three-arm': [categoricalThreeArmCsv, categoricalThreeArm],
};

/**
 * Every difference between actual and expected: numbers to 1e-6 relative, the rest exactly.
 * P-values are compared as log p to 1e-6 relative (at least 1e-6 absolute): that is the precision
 * of the test statistic, since a p of 1e-125 (z ≈ 24) turns a 3e-8 relative difference in z, the
 * flatness of the REML optimum, into 1.6e-5 in p.
 */
function differences(actual: unknown, expected: unknown, at = '$', out: string[] = []): string[] {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') out.push(`${at}: ${String(actual)} is not a number (R: ${expected})`);
    else if (/\.p(_adjusted|_interaction)?$/.test(at)) {
      const [a, e] = [Math.log(actual), Math.log(expected)];
      const tiny = expected < 1e-300 && actual < 1e-300;
      if (!tiny && !(Math.abs(a - e) <= 1e-6 * Math.max(1, Math.abs(e))))
        out.push(`${at}: p ${actual} vs R ${expected} (log p differs by ${Math.abs(a - e).toExponential(2)})`);
    } else {
      if (!(Math.abs(actual - expected) <= 1e-6 * Math.abs(expected)))
        out.push(`${at}: ${actual} vs R ${expected} (relative ${Math.abs(actual / expected - 1).toExponential(2)})`);
    }
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) out.push(`${at}: array length differs`);
    else expected.forEach((e, i) => differences(actual[i], e, `${at}[${i}]`, out));
  } else if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') out.push(`${at}: ${String(actual)} is not an object`);
    else {
      const a = actual as Record<string, unknown>;
      const e = expected as Record<string, unknown>;
      const keys = (o: object) => Object.keys(o).sort().join(',');
      if (keys(a) !== keys(e)) out.push(`${at}: keys ${keys(a)} vs R ${keys(e)}`);
      for (const k of Object.keys(e)) differences(a[k], e[k], `${at}.${k}`, out);
    }
  } else if (actual !== expected) out.push(`${at}: ${JSON.stringify(actual)} vs R ${JSON.stringify(expected)}`);
  return out;
}

describe.each(['two-arm', 'three-arm', 'small', 'categorical', 'categorical-three-arm'])(
  'analyzeCsv on %s.csv against R',
  (name) => {
    const [csv, json] = fixtures[name]!;
    const fixture = json as Fixture;
    const result = analyzeCsv(csv, fixture.options);

    it('equals R in every number to 1e-6 relative, and in every label and count exactly', () => {
      expect(differences(JSON.parse(JSON.stringify(result)), fixture.expected)).toEqual([]);
    });
  },
);

describe('a categorical moderator (three or more levels)', () => {
  const fixture = categorical as unknown as Fixture;
  const result = analyzeCsv(categoricalCsv, fixture.options);
  const region = result.moderators.find((m) => m.variable === 'region') as ModeratorResult;

  it('has a dummy per level after the reference, an interaction per dummy, and a joint test on levels − 1 df', () => {
    expect(region.reference_level).toBe('east');
    expect(Object.keys(region.terms)).toEqual([
      'intercept',
      'arm',
      'moderator:north',
      'moderator:south',
      'moderator:west',
      'baseline',
      'arm:moderator:north',
      'arm:moderator:south',
      'arm:moderator:west',
    ]);
    expect(region.df_interaction).toBe(3);
    expect(region.levels!.map((l) => l.level)).toEqual(['east', 'north', 'south', 'west']);
    expect(region.levels!.reduce((s, l) => s + l.n, 0)).toBe(region.n);
  });

  it('gives the arm effect within a level as arm + arm:moderator:<level>, the reference level as arm alone', () => {
    const [east, north] = region.levels!;
    expect(east!.effects.arm).toEqual(region.terms.arm);
    expect(north!.effects.arm!.estimate).toBeCloseTo(
      region.terms.arm!.estimate + region.terms['arm:moderator:north']!.estimate,
      12,
    );
    // The variance of a sum is more than either part's when the two are negatively correlated: not simply added.
    expect(north!.effects.arm!.se).not.toBeCloseTo(Math.hypot(region.terms.arm!.se, region.terms['arm:moderator:north']!.se), 6);
  });

  it('expands a categorical predictor of adherence into one term per later level', () => {
    const h = result.adherence![0]!;
    expect('terms' in h.logistic && Object.keys(h.logistic.terms)).toEqual([
      'intercept',
      'region:north',
      'region:south',
      'region:west',
      'age',
    ]);
  });
});

describe('the comparison itself', () => {
  it('notices a number off by more than 1e-6 relative, a missing key and a wrong label', () => {
    expect(differences({ a: 1.000002, b: 'x' }, { a: 1, b: 'y', c: 2 })).toHaveLength(4);
    expect(differences({ a: 1.0000005, t: { p: 0.5000004 } }, { a: 1, t: { p: 0.5 } })).toEqual([]);
    expect(differences({ t: { p: 0.500002 } }, { t: { p: 0.5 } })).toHaveLength(1);
    expect(differences({ t: { p: 1e-100 * (1 + 3e-4) } }, { t: { p: 1e-100 } })).toHaveLength(1);
  });
});
