import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../../../core/programs';
import { loadConfig } from '../../config';
import { startServer } from '../../main';
import { BUILT_IN_CURRICULUM_DIR, CurriculumError, loadCurriculum } from './curriculum.loader';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary directory holding the given files (`es/x.md` makes the `es` folder). */
function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-curriculum-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    if (name.includes('/')) mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const builtIn = (key: string) => readFileSync(join(BUILT_IN_CURRICULUM_DIR, `${key}.md`), 'utf8');
const builtInSpanish = (key: string) => readFileSync(join(BUILT_IN_CURRICULUM_DIR, 'es', `${key}.md`), 'utf8');
/** The built-in Spanish handout of `from`, made the translation of `key` at `version`. */
const spanishFor = (from: string, key = from, version = 1) =>
  builtInSpanish(from).replace(`key: ${from}`, `key: ${key}`).replace('translates: 1', `translates: ${version}`);

/** A copy of the whole built-in curriculum, topics and translations, to break one file of. */
function builtInCopy(): string {
  const files: Record<string, string> = {};
  for (const name of readdirSync(BUILT_IN_CURRICULUM_DIR).filter((n) => n.endsWith('.md'))) {
    files[name] = builtIn(name.slice(0, -3));
    files[`es/${name}`] = builtInSpanish(name.slice(0, -3));
  }
  return dirWith(files);
}

function loadError(opts: Parameters<typeof loadCurriculum>[0]): CurriculumError {
  try {
    loadCurriculum(opts);
  } catch (err) {
    if (err instanceof CurriculumError) return err;
    throw err;
  }
  throw new Error('loadCurriculum accepted the content');
}

describe('loadCurriculum', () => {
  it('loads the built-in topics in their order', () => {
    expect(loadCurriculum().topics.map((t) => t.key)).toEqual(DEFAULT_TOPICS.map((t) => t.key));
  });

  it('lets a deployment directory replace a built-in topic and add its own', () => {
    const ownSleep = builtIn('sleep').replace('version: 1', 'version: 2').replace('title: Sleep', 'title: Sleep well');
    const gardening = builtIn('pacing')
      .replace('key: pacing', 'key: gardening')
      .replace('title: Activity pacing', 'title: Gardening with pain')
      .replace('order: 30', 'order: 65');
    const c = loadCurriculum({
      extraDir: dirWith({
        'sleep.md': ownSleep,
        'gardening.md': gardening,
        'notes.txt': 'ignored',
        'es/sleep.md': spanishFor('sleep', 'sleep', 2),
        'es/gardening.md': spanishFor('pacing', 'gardening'),
      }),
    });
    expect(c.topics.map((t) => t.key)).toEqual([
      'getting_started',
      'action_plans',
      'pacing',
      'relaxation',
      'thoughts',
      'physical_activity',
      'gardening',
      'sleep',
      'mood_stress',
      'care_team',
      'self_care',
      'flare_ups',
      'keeping_going',
    ]);
    expect(c.topics.find((t) => t.key === 'sleep')).toMatchObject({ title: 'Sleep well', version: 2 });
    expect(c.translations.es.get('sleep')).toMatchObject({ title: 'El sueño', translates: 2, source: 'program' });
    expect(c.translations.es.get('gardening')?.handout).toContain('todo o nada');
  });

  it('stops with a message naming the file and the field for a bad file', () => {
    const dir = dirWith({ 'pacing.md': builtIn('pacing').replace('version: 1', 'version: one') });
    const err = loadError({ extraDir: dir });
    expect(err).toBeInstanceOf(CurriculumError);
    expect(err.message).toBe(`Invalid curriculum:\n  ${join(dir, 'pacing.md')}: version: Expected a whole number`);
  });

  it('names every bad file at once: a missing section, a key that does not match its file, a clash of orders', () => {
    const dir = dirWith({
      'sleep.md': builtIn('sleep').replace(/## Questions to ask[\s\S]*$/, ''),
      'walking.md': builtIn('pacing').replace('key: pacing', 'key: walks').replace('order: 30', 'order: 31'),
      'yoga.md': builtIn('pacing').replace('key: pacing', 'key: yoga'),
    });
    const lines = loadError({ extraDir: dir }).message.split('\n').slice(1);
    expect(lines).toEqual([`  ${join(dir, 'sleep.md')}: section "## Questions to ask" is missing`]);
    rmSync(join(dir, 'sleep.md'));
    expect(loadError({ extraDir: dir }).message.split('\n').slice(1)).toEqual([
      `  ${join(dir, 'walking.md')}: key: "walks" must match the file name (walking.md)`,
      `  ${join(dir, 'yoga.md')}: order: 30 is also used by content/curriculum/pacing.md`,
    ]);
  });

  it('names KINDRED_CURRICULUM_DIR when it is missing or not a directory', () => {
    const dir = dirWith({ 'file.md': 'x' });
    expect(loadError({ extraDir: join(dir, 'nope') }).message).toContain(
      `KINDRED_CURRICULUM_DIR (${join(dir, 'nope')}): cannot be read`,
    );
    expect(loadError({ extraDir: join(dir, 'file.md') }).message).toContain('not a directory');
  });

  it('refuses an empty built-in curriculum', () => {
    const empty = dirWith({});
    mkdirSync(join(empty, 'sub'));
    expect(loadError({ builtInDir: empty }).message).toContain('the built-in curriculum has no topic files');
  });
});

describe('loadCurriculum: the Spanish handouts (ADR 0051)', () => {
  it('loads a Spanish handout for every built-in topic, marked as the program’s own translation', () => {
    const c = loadCurriculum();
    expect([...c.translations.es.keys()].sort()).toEqual(c.topics.map((t) => t.key).sort());
    for (const t of c.topics)
      expect(c.translations.es.get(t.key)).toMatchObject({ key: t.key, translates: t.version, source: 'program' });
    expect(c.translations.es.get('pacing')).toMatchObject({
      title: 'Dosificar la actividad',
      handout: expect.stringContaining('todo o nada'),
    });
  });

  it('stops when a built-in topic has no Spanish handout, naming the file it expects', () => {
    const dir = builtInCopy();
    rmSync(join(dir, 'es', 'sleep.md'));
    expect(loadError({ builtInDir: dir }).message.split('\n').slice(1)).toEqual([
      `  ${join(dir, 'es', 'sleep.md')}: missing: every topic needs its Spanish handout`,
    ]);
  });

  it('stops on a malformed Spanish handout, naming the file and every problem', () => {
    const dir = builtInCopy();
    writeFileSync(
      join(dir, 'es', 'pacing.md'),
      builtInSpanish('pacing')
        .replace('translates: 1', 'translates: uno')
        .replace('source: program', 'source: program\nlanguage: es'),
    );
    writeFileSync(join(dir, 'es', 'sleep.md'), builtInSpanish('sleep').replace('## Handout', '## Hoja'));
    writeFileSync(join(dir, 'es', 'thoughts.md'), builtInSpanish('thoughts').replace('### Ejemplos', '<b>Ejemplos</b>'));
    expect(loadError({ builtInDir: dir }).message.split('\n').slice(1)).toEqual([
      `  ${join(dir, 'es', 'pacing.md')}: translates: Expected a whole number`,
      `  ${join(dir, 'es', 'pacing.md')}: unknown front matter field language`,
      `  ${join(dir, 'es', 'sleep.md')}: line 12: unknown section "Hoja" (use "Handout")`,
      `  ${join(dir, 'es', 'sleep.md')}: section "## Handout" is missing`,
      `  ${join(dir, 'es', 'thoughts.md')}: section "Handout": line 10: raw HTML is not allowed`,
    ]);
  });

  it('stops on a translation of an older version, of a topic that does not exist, or under another file name', () => {
    const dir = dirWith({
      'pacing.md': builtIn('pacing').replace('version: 1', 'version: 2'),
      'es/pacing.md': spanishFor('pacing'),
      'es/yoga.md': spanishFor('pacing', 'yoga'),
      'es/walks.md': spanishFor('sleep'),
    });
    expect(loadError({ extraDir: dir }).message.split('\n').slice(1)).toEqual([
      `  ${join(dir, 'es', 'walks.md')}: key: "sleep" must match the file name (walks.md)`,
      `  ${join(dir, 'es', 'yoga.md')}: key: there is no topic "yoga" to translate`,
      `  ${join(dir, 'es', 'pacing.md')}: translates: version 1, but the topic is now version 2; translate the new version`,
    ]);
  });

  it("expects a deployment's own topic to bring its Spanish handout beside it", () => {
    const dir = dirWith({
      'gardening.md': builtIn('pacing').replace('key: pacing', 'key: gardening').replace('order: 30', 'order: 65'),
    });
    expect(loadError({ extraDir: dir }).message.split('\n').slice(1)).toEqual([
      `  ${join(dir, 'es', 'gardening.md')}: missing: every topic needs its Spanish handout`,
    ]);
  });
});

describe('start-up', () => {
  it('does not start with an invalid curriculum, and opens nothing first', async () => {
    const dataDir = dirWith({});
    const bad = dirWith({ 'sleep.md': builtIn('sleep').replace('order: 70', 'order: soon') });
    const config = loadConfig({ KINDRED_DATA_DIR: dataDir, KINDRED_CURRICULUM_DIR: bad, KINDRED_LOG_LEVEL: 'silent', PORT: '1' });
    await expect(startServer(config, { webDir: null })).rejects.toThrow(
      `Invalid curriculum:\n  ${join(bad, 'sleep.md')}: order: Expected a whole number`,
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
