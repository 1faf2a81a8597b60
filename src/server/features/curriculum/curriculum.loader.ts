import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import {
  assembleCurriculum,
  matchTranslations,
  parseTopicFile,
  parseTranslationFile,
  TRANSLATED_LOCALES,
  type Curriculum,
  type Parsed,
  type TopicSource,
  type TopicTranslation,
  type TranslatedLocale,
  type TranslationSource,
} from '../../../core/curriculum';
import { ConfigError } from '../../config';
import { projectPath } from '../../platform/paths';

/** The curriculum that ships with Kindred: `content/curriculum/<key>.md`. */
export const BUILT_IN_CURRICULUM_DIR = projectPath('content', 'curriculum');

/** Bad curriculum content stops start-up like bad configuration does (the CLI exits with 2). */
export class CurriculumError extends ConfigError {
  override name = 'CurriculumError';
}

/** How a file is named in messages: relative to the working directory when it is below it. */
function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Reads and parses every `*.md` file of one directory, in name order, collecting every problem. */
function readDir<T>(
  dir: string,
  label: string,
  parse: (text: string) => Parsed<T>,
): { sources: { file: string; name: string; value: T }[]; problems: string[] } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return { sources: [], problems: [`${label} (${dir}): not a directory`] };
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.md'))
      .sort();
  } catch {
    return { sources: [], problems: [`${label} (${dir}): cannot be read`] };
  }
  const sources: { file: string; name: string; value: T }[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const file = displayName(path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      problems.push(`${file}: cannot be read`);
      continue;
    }
    const parsed = parse(text);
    if (parsed.ok) sources.push({ file, name: basename(name, '.md'), value: parsed.value });
    else problems.push(...parsed.problems.map((p) => `${file}: ${p}`));
  }
  return { sources, problems };
}

function readTopicDir(dir: string, label: string): { sources: TopicSource[]; problems: string[] } {
  const read = readDir(dir, label, parseTopicFile);
  return { sources: read.sources.map((s) => ({ file: s.file, name: s.name, topic: s.value })), problems: read.problems };
}

/** The translations of one layer: `<dir>/<locale>/*.md`; a layer without the folder has none. */
function readTranslationDir(
  dir: string,
  locale: TranslatedLocale,
  label: string,
): { sources: TranslationSource[]; problems: string[] } {
  const sub = join(dir, locale);
  if (!existsSync(sub)) return { sources: [], problems: [] };
  const read = readDir(sub, `${label}/${locale}`, parseTranslationFile);
  return { sources: read.sources.map((s) => ({ file: s.file, name: s.name, translation: s.value })), problems: read.problems };
}

const LANGUAGE_NAMES: Record<TranslatedLocale, string> = { es: 'Spanish' };

/**
 * Reads the curriculum once, at start-up: the built-in topics, then a deployment's own directory
 * (KINDRED_CURRICULUM_DIR), whose files add topics or replace built-in ones with the same key; and
 * each topic's translations from the `<locale>/` folder beside it (`es/pacing.md`, ADR 0051). Any
 * invalid file, and any topic without a translation of its current version, stops start-up with a
 * message naming each file and the problem in it.
 */
export function loadCurriculum(opts: { extraDir?: string | null; builtInDir?: string } = {}): Curriculum {
  const builtInDir = opts.builtInDir ?? BUILT_IN_CURRICULUM_DIR;
  const dirs = [
    { dir: builtInDir, label: 'the built-in curriculum' },
    ...(opts.extraDir ? [{ dir: opts.extraDir, label: 'KINDRED_CURRICULUM_DIR' }] : []),
  ];
  const layers = dirs.map(({ dir, label }) => readTopicDir(dir, label));
  const problems = layers.flatMap((l) => l.problems);
  if (problems.length === 0 && layers[0]!.sources.length === 0) problems.push('the built-in curriculum has no topic files');
  if (problems.length === 0) {
    const assembled = assembleCurriculum(layers.map((l) => l.sources));
    if (!assembled.ok) problems.push(...assembled.problems);
    else {
      // A translation belongs beside the file its topic came from (the last layer that has the key).
      const topicDir = new Map<string, string>();
      layers.forEach((l, i) => l.sources.forEach((s) => topicDir.set(s.topic.key, dirs[i]!.dir)));
      const translations = {} as Record<TranslatedLocale, ReadonlyMap<string, TopicTranslation>>;
      for (const locale of TRANSLATED_LOCALES) {
        const read = dirs.map(({ dir, label }) => readTranslationDir(dir, locale, label));
        const unreadable = read.flatMap((r) => r.problems);
        // A file that cannot be read is reported once, not again as a missing translation.
        if (unreadable.length) {
          problems.push(...unreadable);
          continue;
        }
        const matched = matchTranslations(
          assembled.value.topics,
          read.map((r) => r.sources),
          (key) => displayName(join(topicDir.get(key) ?? builtInDir, locale, `${key}.md`)),
          LANGUAGE_NAMES[locale],
        );
        if (matched.ok) translations[locale] = matched.value;
        else problems.push(...matched.problems);
      }
      if (problems.length === 0) return { topics: assembled.value.topics, translations };
    }
  }
  throw new CurriculumError(`Invalid curriculum:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
