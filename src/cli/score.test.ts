import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from './score';

/** `kindred score` needs no database, so these run the real bin in the unit project. */

const bin = fileURLToPath(new URL('../../bin/kindred.mjs', import.meta.url));

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

const phq9 = (values: (number | null)[]) => JSON.stringify(Object.fromEntries(values.map((v, i) => [`phq9-${i + 1}`, v])));

const cases = {
  scored: ['score', 'phq9', '--answers', phq9([1, 1, 2, 3, 0, 1, 1, 0, 1])],
  unscorable: ['score', 'phq9', '--answers', phq9([0, 0, 0, 0, 0, 0, null, null, null])],
  list: ['score', '--list'],
  unknownInstrument: ['score', 'phq-10', '--answers', '{}'],
  outOfRange: ['score', 'peg', '--answers', '{"peg-pain": 11, "peg-enjoyment": 2, "peg-activity": 2}'],
};
const runs: Partial<Record<keyof typeof cases, Run>> = {};

describe('kindred score (the real bin)', () => {
  beforeAll(async () => {
    const entries = Object.entries(cases) as [keyof typeof cases, string[]][];
    const results = await Promise.all(entries.map(([, args]) => kindred(args)));
    entries.forEach(([name], i) => (runs[name] = results[i]));
  }, 120_000);

  it('prints one JSON object with exactly the six fields and exits 0', () => {
    const r = runs.scored!;
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.endsWith('\n')).toBe(true);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const printed = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['instrument', 'total', 'subscales', 'severity', 'complete', 'flags']);
    expect(printed).toEqual({
      instrument: 'phq9',
      total: 10,
      subscales: {},
      severity: 'moderate',
      complete: true,
      flags: ['suicidal_ideation'],
    });
  });

  it('exits 0 with total null when the response is valid but cannot be scored', () => {
    expect(runs.unscorable!.code).toBe(0);
    expect(JSON.parse(runs.unscorable!.out)).toEqual({
      instrument: 'phq9',
      total: null,
      subscales: {},
      severity: null,
      complete: false,
      flags: [],
    });
  });

  it('lists the instruments with id, title and licence', () => {
    expect(runs.list!.code).toBe(0);
    const list = JSON.parse(runs.list!.out) as { id: string; title: string; licence: string; itemText: boolean }[];
    expect(list.map((i) => i.id)).toEqual(['bpi-sf', 'peg', 'phq9', 'gad7', 'pcs', 'pseq', 'mos-sss', 'coaching-delivery']);
    expect(list.find((i) => i.id === 'bpi-sf')).toMatchObject({ licence: 'licence_required', itemText: false });
    expect(list.find((i) => i.id === 'phq9')).toMatchObject({
      title: 'Patient Health Questionnaire-9 (PHQ-9)',
      licence: 'free',
      itemText: true,
    });
  });

  it('exits 2 on bad input, naming the problem on stderr and printing nothing on stdout', () => {
    const expectations: [keyof typeof cases, string][] = [
      ['unknownInstrument', 'Unknown instrument "phq-10"'],
      ['outOfRange', 'peg-pain: out of range'],
    ];
    for (const [name, message] of expectations) {
      const r = runs[name]!;
      expect(r.code, name).toBe(2);
      expect(r.out, name).toBe('');
      expect(r.err, name).toContain(message);
    }
    expect(runs.outOfRange!.err).not.toContain('11');
  });
});

describe('runScoreCommand', () => {
  it('scores by answer code as well as by number', () => {
    const outcome = runScoreCommand('gad7', {
      answers: '{"gad7-1":"nearly-every-day","gad7-2":3,"gad7-3":3,"gad7-4":3,"gad7-5":3,"gad7-6":0,"gad7-7":3}',
    });
    expect(outcome).toEqual({
      ok: true,
      out: '{"instrument":"gad7","total":18,"subscales":{},"severity":"severe","complete":true,"flags":[]}\n',
    });
  });

  it('scores a licensed instrument from its structure alone', () => {
    const answers = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`pcs-${i + 1}`, 3]));
    const outcome = runScoreCommand('pcs', { answers: JSON.stringify(answers) });
    expect(outcome.ok && JSON.parse(outcome.out)).toMatchObject({
      total: 39,
      subscales: { rumination: 12, magnification: 9, helplessness: 18 },
      severity: 'clinically_relevant',
    });
  });

  it('names the problem with bad JSON, an unknown linkId or missing --answers', () => {
    expect(runScoreCommand('gad7', { answers: '{"gad7-1": 1,' })).toEqual({ ok: false, error: '--answers is not valid JSON' });
    expect(runScoreCommand('gad7', { answers: '{"gad7-8": 1}' })).toEqual({
      ok: false,
      error: 'Invalid answers for gad7: gad7-8: unknown linkId: not an item of gad7',
    });
    expect(runScoreCommand('peg', {})).toMatchObject({ ok: false, error: expect.stringContaining('--answers is required') });
  });

  it('refuses a list with an instrument, no instrument, and answers that are not an object', () => {
    expect(runScoreCommand('phq9', { list: true })).toEqual({ ok: false, error: '--list takes no instrument or --answers' });
    expect(runScoreCommand(undefined, {})).toMatchObject({ ok: false, error: expect.stringContaining('Name an instrument') });
    expect(runScoreCommand('phq9', { answers: '[1,2]' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('must be a JSON object'),
    });
    expect(runScoreCommand('phq9', { answers: '{"phq9-1": true}' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('phq9-1: wrong type'),
    });
  });
});
