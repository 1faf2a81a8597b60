// The server and CLI as one JavaScript bundle (esbuild), made when their sources change and reused
// by every later start: `bin/kindred.mjs` calls `serverBundle()` before it imports anything of
// Kindred's (issue #14, ADR 0049). Loading some 350 TypeScript files through a compile-on-import
// loader took about 1.5–2 s of every start and of every CLI command; the bundle loads in about 0.7 s.
//
// Each build goes into a directory of its own under dist/server/ and `current.json` then names it,
// swapped in by a rename: a process starting while another builds reads the old build or the new
// one, never half of one. `current.json` also lists every source file that went into the build with
// its SHA-256, so a start knows the bundle is stale exactly when one of those files changed (a new
// file only matters once a listed file imports it, and then that file has changed).
//
// `node scripts/build-server.mjs` builds now if the bundle is stale (`--force`: regardless).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Kindred's directory; the tests pass another (a small project of their own). */
const defaultRoot = fileURLToPath(new URL('..', import.meta.url));
const outRootOf = (root) => join(root, 'dist', 'server');
const pointerOf = (root) => join(outRootOf(root), 'current.json');
const ENTRY = 'src/cli/main.ts';
/** Files that change the bundle without being bundled themselves. */
const EXTRA_INPUTS = ['package-lock.json', 'tsconfig.json', 'scripts/build-server.mjs'];
/** Builds older than this, other than the current one, are removed by the next build. */
const KEEP_OLD_BUILDS_MS = 10 * 60_000;

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function readPointer(root) {
  try {
    return JSON.parse(readFileSync(pointerOf(root), 'utf8'));
  } catch {
    return null;
  }
}

/** The current build's entry file when every one of its inputs is unchanged, else null. */
export function upToDateBundle(root = defaultRoot) {
  const current = readPointer(root);
  if (!current || typeof current.dir !== 'string' || typeof current.inputs !== 'object') return null;
  const entry = join(outRootOf(root), current.dir, 'main.mjs');
  if (!existsSync(entry)) return null;
  for (const [file, hash] of Object.entries(current.inputs)) {
    const path = join(root, file);
    if (!existsSync(path) || sha256(path) !== hash) return null;
  }
  return entry;
}

/** Builds the bundle into a new directory and points `current.json` at it; returns its entry file. */
export async function buildServer(root = defaultRoot) {
  const { build } = await import('esbuild');
  const dir = `b-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const outdir = join(outRootOf(root), dir);
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: ENTRY },
    outdir,
    bundle: true,
    // Lazily loaded commands (the benchmarks) go into chunks of their own, read only when used.
    splitting: true,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    target: 'node20.19',
    // Packages stay in node_modules, resolved from dist/server/<build>/ as from src/.
    packages: 'external',
    // Error messages and logs may name a class or function; no renaming.
    keepNames: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), ...EXTRA_INPUTS].sort()) {
    const path = resolve(root, file);
    if (existsSync(path)) inputs[relative(root, path)] = sha256(path);
  }
  const pointer = pointerOf(root);
  const next = `${pointer}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(next, `${JSON.stringify({ dir, builtAt: new Date().toISOString(), inputs }, null, 1)}\n`);
  renameSync(next, pointer);
  removeOldBuilds(outRootOf(root), dir);
  return join(outdir, 'main.mjs');
}

function removeOldBuilds(outRoot, keep) {
  const now = Date.now();
  for (const name of readdirSync(outRoot)) {
    if (name === keep || !name.startsWith('b-')) continue;
    const path = join(outRoot, name);
    try {
      if (now - statSync(path).mtimeMs > KEEP_OLD_BUILDS_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another build removed it first.
    }
  }
}

/**
 * The entry file of an up-to-date bundle, building one first if needed; null when none can be
 * written here (a read-only install), in which case the caller runs the sources through tsx.
 */
export async function serverBundle(root = defaultRoot) {
  const ready = upToDateBundle(root);
  if (ready) return ready;
  try {
    return await buildServer(root);
  } catch (error) {
    if (['EACCES', 'EROFS', 'EPERM'].includes(error?.code)) return null;
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const force = process.argv.includes('--force');
  const ready = force ? null : upToDateBundle();
  const entry = ready ?? (await buildServer());
  process.stdout.write(
    `${ready ? 'server bundle is up to date' : 'built the server bundle'} (${relative(defaultRoot, entry)})\n`,
  );
}
