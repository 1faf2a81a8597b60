import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import small from '../core/evaluation/fixtures/small.expected.json';
import { runAnalyzeCommand, type AnalyzeCommandOptions } from './analyze';

/** `kindred analyze` needs neither a database nor R: these run the real bin in the unit project. */

const bin = fileURLToPath(new URL('../../bin/kindred.mjs', import.meta.url));
const fixture = fileURLToPath(new URL('../core/evaluation/fixtures/small.csv', import.meta.url));

interface Run {
  code: number;
  out: string;
  err: string;
}

function kindred(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { timeout: 60_000, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, out: stdout, err: stderr });
      },
    );
  });
}

const smallArgs = (data: string) => [
  'analyze',
  ...['--data', data, '--id', 'pid', '--arm', 'arm', '--control', 'A', '--time', 'week', '--baseline', '0'],
  ...['--outcome', 'score', '--cluster', 'clinic', '--moderators', 'rural', '--predictors', 'rural'],
  ...['--contacts', 'contacts', '--target', '5'],
];

// Each participant has a single follow-up: the mixed model cannot separate its two variances.
const oneFollowUp = [
  'id,arm,t,y',
  ...Array.from({ length: 40 }, (_, i) => [
    `p${i},${i % 2 ? 'b' : 'a'},0,${(i * 7) % 11}`,
    `p${i},${i % 2 ? 'b' : 'a'},${i % 3 === 0 ? 6 : 12},${(i * 5) % 13}`,
  ]).flat(),
].join('\n');

let dir: string;
const runs: Record<string, Run> = {};

describe('kindred analyze (the real bin)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kindred-analyze-'));
    writeFileSync(path.join(dir, 'one.csv'), oneFollowUp);
    const base = ['--id', 'id', '--arm', 'arm', '--control', 'a', '--time', 't', '--baseline', '0'];
    const cases: Record<string, string[]> = {
      fixture: smallArgs(fixture),
      noColumn: [...smallArgs(fixture).slice(0, -4), '--contacts', 'visits', '--target', '5'],
      oneFollowUp: ['analyze', '--data', path.join(dir, 'one.csv'), ...base, '--outcome', 'y'],
    };
    const results = await Promise.all(Object.values(cases).map(kindred));
    Object.keys(cases).forEach((k, i) => (runs[k] = results[i]!));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints R's numbers for a committed fixture as one JSON line, exit 0", () => {
    const r = runs['fixture']!;
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const printed = JSON.parse(r.out) as typeof small.expected;
    expect(Object.keys(printed)).toEqual(['participants', 'arms', 'coding', 'ancova', 'mixed', 'moderators', 'adherence']);
    const close = (a: number, b: number) => expect(Math.abs(a / b - 1)).toBeLessThan(1e-6);
    close(printed.ancova[0]!.terms.arm.estimate, small.expected.ancova[0]!.terms.arm.estimate);
    close(printed.ancova[0]!.arm_clustered.se, small.expected.ancova[0]!.arm_clustered.se);
    close(printed.mixed.reml_criterion, small.expected.mixed.reml_criterion);
    close(printed.adherence[0]!.logistic.terms.rural.estimate, small.expected.adherence[0]!.logistic.terms.rural.estimate);
  });

  it('exits 2 naming the missing column, printing nothing on stdout', () => {
    const r = runs['noColumn']!;
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('There is no column "visits" in the file');
  });

  it('exits 1 with the other models printed when one cannot be fitted, and says which and why', () => {
    const r = runs['oneFollowUp']!;
    expect(r.code).toBe(1);
    expect(r.err).toContain('Mixed model: cannot be fitted: each participant has one observation');
    const printed = JSON.parse(r.out) as { ancova: { n: number }[]; mixed: { error: string } };
    expect(printed.ancova.map((a) => a.n)).toEqual([14, 26]);
    expect(printed.mixed.error).toMatch(/^cannot be fitted/);
  });
});

describe('runAnalyzeCommand: bad input is exit 2 with a message naming the column or value', () => {
  const base: AnalyzeCommandOptions = {
    data: 'x.csv',
    id: 'id',
    arm: 'arm',
    control: 'a',
    time: 't',
    baseline: '0',
    outcome: 'y',
  };
  const good = ['id,arm,t,y,site,sex', 'p1,a,0,1,s1,man', 'p1,a,1,2,s1,man', 'p2,b,0,3,s2,woman', 'p2,b,1,4,,'];
  const run = (lines: string[], options: Partial<AnalyzeCommandOptions> = {}) =>
    runAnalyzeCommand({ ...base, ...options }, () => lines.join('\n'));
  const error = (lines: string[], options: Partial<AnalyzeCommandOptions> = {}) => {
    const outcome = run(lines, options);
    if (outcome.ok) throw new Error('expected a usage error');
    return outcome.error;
  };

  it('names a value that is not a number by column and line, never the value', () => {
    const message = error([...good.slice(0, 3), 'p2,b,1,worse,,']);
    expect(message).toBe('Column "y" is not a number on line 4');
  });

  it('names a control arm or baseline that is not in the file, with the values there are', () => {
    expect(error(good, { control: 'usual' })).toBe('--control "usual" is not a value of column "arm" (its values: a, b)');
    expect(error(good, { baseline: 'week0' })).toBe('--baseline "week0" is not a value of column "t" (its values: 0, 1)');
  });

  it('refuses a participant-level column that changes within a participant, and duplicate rows', () => {
    expect(error([...good.slice(0, 4), 'p2,b,1,4,s3,'], { cluster: 'site' })).toBe(
      'Column "site" has different values for one participant (lines 4 and 5); it must be the same on all of a participant\'s rows',
    );
    expect(error([...good, 'p2,a,2,4,,'])).toBe(
      'Column "arm" has different values for one participant (lines 4 and 6); it must be the same on all of a participant\'s rows',
    );
    expect(error([...good, 'p2,b,1,5,,'])).toBe(
      'Lines 5 and 6 are the same participant at the same timepoint (columns "id" and "t")',
    );
  });

  it('refuses a text moderator with one value or more than 20, and asks for a numeric one or 2 to 20 values', () => {
    const one = good.map((l, i) => (i === 0 ? l : l.replace(/,(man|woman)?$/, ',man')));
    expect(error(one, { moderators: 'sex' })).toBe(
      'Column "sex" is text with 1 different values; a moderator or predictor must be numeric or have 2 to 20 values',
    );
    const many = [...good, ...Array.from({ length: 20 }, (_, i) => `q${i},b,0,1,s1,kind${i}`)];
    expect(error(many, { moderators: 'sex' })).toContain('is text with 22 different values');
  });

  it('takes a text moderator with three values as categorical', () => {
    const three = [...good, 'p3,b,0,1,s1,nonbinary'];
    const outcome = run(three, { moderators: 'sex' });
    expect(outcome.ok).toBe(true);
  });

  it('checks the options that go together and the file itself', () => {
    expect(error(good, { contacts: 'y' })).toBe('--contacts and --target go together');
    expect(error(good, { predictors: 'sex' })).toContain('--predictors needs --contacts');
    expect(error(good, { contacts: 'y', target: 'six' })).toBe('--target must be a number');
    expect(error(good, { moderators: 'sex,' })).toBe('--moderators takes column names separated by commas');
    expect(error(['id,arm,t,y', 'p1,a,0,"1'])).toMatch(/^The file is not valid CSV/);
    expect(error(['id,arm,t,y,y'])).toBe('The header row names column "y" twice');
    expect(
      runAnalyzeCommand(base, () => {
        throw new Error('ENOENT');
      }),
    ).toEqual({ ok: false, error: 'Cannot read --data file x.csv' });
  });
});
