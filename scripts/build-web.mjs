// Builds the web app into dist/web only when its sources changed since the last build, and swaps the
// new build in whole, so a server already serving dist/web never reads a half-written directory.
// `npm start`, `npm test` and `npm run test:e2e` call it; `--force` rebuilds regardless.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'web');
const stamp = join(root, 'dist', 'web.sources.sha256');
// What the bundle is made from. Test files are left out: changing a test does not change the app.
const inputs = ['index.html', 'vite.config.ts', 'package-lock.json', 'tsconfig.json', 'src/web', 'src/core'];

function* files(path) {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) return yield path;
  for (const name of readdirSync(path).sort()) yield* files(join(path, name));
}

function sourcesHash() {
  const hash = createHash('sha256');
  for (const input of inputs)
    for (const file of files(join(root, input))) {
      if (/\.test\.tsx?$/.test(file)) continue;
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  return hash.digest('hex');
}

const force = process.argv.includes('--force');
const hash = sourcesHash();
const current = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (!force && current === hash && existsSync(join(out, 'index.html'))) {
  process.stdout.write('web app is up to date (dist/web)\n');
  process.exit(0);
}

const { build } = await import('vite');
const next = `${out}.next-${process.pid}`;
const old = `${out}.old-${process.pid}`;
try {
  await build({ root, logLevel: 'warn', build: { outDir: next, emptyOutDir: true } });
  // Two renames: a reader sees the old build or the new one, never a mix.
  try {
    renameSync(out, old);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  try {
    renameSync(next, out);
    writeFileSync(stamp, `${hash}\n`);
  } catch (error) {
    // Another build swapped its copy in first and stamped it with its own sources.
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  }
} finally {
  rmSync(next, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
}
process.stdout.write('built the web app (dist/web)\n');
