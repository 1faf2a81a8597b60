import type { PGlite } from '@electric-sql/pglite';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from './paths';

/**
 * A migrated, empty embedded database kept as a tarball, so that a new data directory starts as a
 * copy of it instead of running PostgreSQL's initdb and every migration again (issue #14, ADR 0049:
 * about 5 s of a first start, against well under one). It is made by the first start on a new data
 * directory after the migrations (or the installed packages) change, and named after a hash of both,
 * so a stale one is never used. It holds no data: only what initdb and the migrations create.
 */
const CACHE_DIR = projectPath('dist', 'empty-database');

/** The hash that names the tarball: every migration file, and the lockfile (the PGlite version). */
function cacheKey(migrationsDir: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(migrationsDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of [...files, projectPath('package-lock.json')])
    if (existsSync(file)) hash.update(file.slice(projectPath().length)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 32);
}

export interface EmptyDatabaseCache {
  /** The tarball for the current migrations, or null when none has been made yet. */
  read(): Blob | null;
  /** Keeps a dump of a just-migrated empty database, replacing tarballs of older migrations. */
  write(pglite: PGlite): Promise<void>;
  /** Forgets a tarball that could not be loaded. */
  discard(): void;
}

export function emptyDatabaseCache(migrationsDir: string, dir: string = CACHE_DIR): EmptyDatabaseCache {
  const name = `pglite-${cacheKey(migrationsDir)}.tar`;
  const file = join(dir, name);
  return {
    read: () => (existsSync(file) ? new Blob([readFileSync(file)]) : null),
    async write(pglite) {
      const dump = await pglite.dumpDataDir('none');
      mkdirSync(dir, { recursive: true });
      // Written aside and renamed: a server starting at the same moment reads all of it or none.
      const next = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(next, Buffer.from(await dump.arrayBuffer()));
      renameSync(next, file);
      for (const other of readdirSync(dir))
        if (other !== name && other.startsWith('pglite-') && other.endsWith('.tar')) rmSync(join(dir, other), { force: true });
    },
    discard: () => rmSync(file, { force: true }),
  };
}

/** True when `dataDir` does not exist or holds nothing: a new database, not one to resume. */
export function isNewDataDir(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}
