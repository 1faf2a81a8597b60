import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { assembleCurriculum, parseTopicFile, type Curriculum, type TopicSource } from '../../../core/curriculum';
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
function readTopicDir(dir: string, label: string): { sources: TopicSource[]; problems: string[] } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return { sources: [], problems: [`${label} (${dir}): not a directory`] };
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.md'))
      .sort();
  } catch {
    return { sources: [], problems: [`${label} (${dir}): cannot be read`] };
  }
  const sources: TopicSource[] = [];
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
    const parsed = parseTopicFile(text);
    if (parsed.ok) sources.push({ file, name: basename(name, '.md'), topic: parsed.value });
    else problems.push(...parsed.problems.map((p) => `${file}: ${p}`));
  }
  return { sources, problems };
}

/**
 * Reads the curriculum once, at start-up: the built-in topics, then a deployment's own directory
 * (KINDRED_CURRICULUM_DIR), whose files add topics or replace built-in ones with the same key.
 * Any invalid file stops start-up with a message naming each file and the problem in it.
 */
export function loadCurriculum(opts: { extraDir?: string | null; builtInDir?: string } = {}): Curriculum {
  const builtIn = readTopicDir(opts.builtInDir ?? BUILT_IN_CURRICULUM_DIR, 'the built-in curriculum');
  const extra = opts.extraDir ? readTopicDir(opts.extraDir, 'KINDRED_CURRICULUM_DIR') : { sources: [], problems: [] };
  const problems = [...builtIn.problems, ...extra.problems];
  if (problems.length === 0 && builtIn.sources.length === 0) problems.push('the built-in curriculum has no topic files');
  if (problems.length === 0) {
    const assembled = assembleCurriculum([builtIn.sources, extra.sources]);
    if (assembled.ok) return assembled.value;
    problems.push(...assembled.problems);
  }
  throw new CurriculumError(`Invalid curriculum:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
