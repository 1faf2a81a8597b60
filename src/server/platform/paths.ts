import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Kindred's own directory (where package.json, migrations/, content/ and dist/ are), found by
 * walking up from this module: the same answer whether it runs from src/ (tsx, tests) or from the
 * bundle in dist/server/<build>/ (ADR 0049), where every module shares the bundle's location.
 */
export const PROJECT_ROOT: string = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'kindred') return dir;
    if (dirname(dir) === dir) throw new Error(`Kindred's package.json was not found above ${start}`);
  }
}

/** A path inside Kindred's own directory, e.g. `projectPath('migrations')`. */
export function projectPath(...segments: string[]): string {
  return join(PROJECT_ROOT, ...segments);
}
