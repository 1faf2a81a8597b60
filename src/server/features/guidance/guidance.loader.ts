import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { assembleGuideContent, parseGuideFile, type GuideContent, type GuidePrompt } from '../../../core/guidance';
import { ConfigError } from '../../config';
import { projectPath } from '../../platform/paths';

/** The session guide's bridge prompts and "what if" help: `content/guide/<key>.md`. */
export const BUILT_IN_GUIDE_DIR = projectPath('content', 'guide');

/** Bad guide content stops start-up like bad configuration does (the CLI exits with 2). */
export class GuideContentError extends ConfigError {
  override name = 'GuideContentError';
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Reads and checks every guide file; any problem stops start-up with a message naming the file. */
export function loadGuideContent(dir: string = BUILT_IN_GUIDE_DIR): GuideContent {
  const problems: string[] = [];
  let names: string[] = [];
  try {
    if (statSync(dir).isDirectory())
      names = readdirSync(dir)
        .filter((n) => n.endsWith('.md'))
        .sort();
    else problems.push(`${displayName(dir)}: not a directory`);
  } catch {
    problems.push(`${displayName(dir)}: cannot be read`);
  }
  const sources: { file: string; name: string; prompt: GuidePrompt }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      problems.push(`${displayName(path)}: cannot be read`);
      continue;
    }
    const parsed = parseGuideFile(text);
    if (parsed.ok) sources.push({ file: displayName(path), name: basename(name, '.md'), prompt: parsed.value });
    else problems.push(...parsed.problems.map((p) => `${displayName(path)}: ${p}`));
  }
  if (problems.length === 0) {
    const assembled = assembleGuideContent(sources);
    if (assembled.ok) return assembled.value;
    problems.push(...assembled.problems);
  }
  throw new GuideContentError(`Invalid session guide content:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

let loaded: GuideContent | null = null;

/**
 * The built-in guide content, read once: main.ts calls this at start-up so a bad file stops the
 * server before it listens; afterwards every request gets the same checked content.
 */
export function guideContent(): GuideContent {
  loaded ??= loadGuideContent();
  return loaded;
}
