import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import {
  assembleTraining,
  parseAgreementFile,
  parseTrainingModuleFile,
  type ModuleSource,
  type Training,
} from '../../../core/volunteers';
import { ConfigError } from '../../config';
import { projectPath } from '../../platform/paths';

/** The coach training that ships with Kindred: `content/training/modules/<key>.md` and `content/training/agreement.md`. */
export const BUILT_IN_TRAINING_DIR = projectPath('content', 'training');

/** Bad training content stops start-up like bad configuration does (the CLI exits with 2). */
export class TrainingContentError extends ConfigError {
  override name = 'TrainingContentError';
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function read(path: string, problems: string[]): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    problems.push(`${displayName(path)}: cannot be read`);
    return null;
  }
}

/**
 * Reads the training once, at start-up: every module file and the agreement. Any invalid file stops
 * start-up with a message naming each file and the problem in it.
 */
export function loadTraining(dir: string = BUILT_IN_TRAINING_DIR): Training {
  const problems: string[] = [];
  const modulesDir = join(dir, 'modules');
  let names: string[] = [];
  try {
    if (statSync(modulesDir).isDirectory())
      names = readdirSync(modulesDir)
        .filter((n) => n.endsWith('.md'))
        .sort();
    else problems.push(`${displayName(modulesDir)}: not a directory`);
  } catch {
    problems.push(`${displayName(modulesDir)}: cannot be read`);
  }
  const sources: ModuleSource[] = [];
  for (const name of names) {
    const path = join(modulesDir, name);
    const text = read(path, problems);
    if (text === null) continue;
    const parsed = parseTrainingModuleFile(text);
    if (parsed.ok) sources.push({ file: displayName(path), name: basename(name, '.md'), module: parsed.value });
    else problems.push(...parsed.problems.map((p) => `${displayName(path)}: ${p}`));
  }
  const agreementPath = join(dir, 'agreement.md');
  const agreementText = read(agreementPath, problems);
  const agreement = agreementText === null ? null : parseAgreementFile(agreementText);
  if (agreement && !agreement.ok) problems.push(...agreement.problems.map((p) => `${displayName(agreementPath)}: ${p}`));
  if (problems.length === 0 && agreement?.ok) {
    const assembled = assembleTraining(sources, agreement.value);
    if (assembled.ok) return assembled.value;
    problems.push(...assembled.problems);
  }
  throw new TrainingContentError(`Invalid training content:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
