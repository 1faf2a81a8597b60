import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from './database';
import { dbDir } from './datadir';
import { isNewDataDir } from './empty-database';

/** Where a first start builds the embedded database before it becomes `<dataDir>/db`. */
export const preparingDir = (dataDir: string) => join(dataDir, 'db.preparing');

/** True when the data directory has no database yet: the next start is a first start. */
export function needsFirstStart(dataDir: string): boolean {
  return isNewDataDir(dbDir(dataDir));
}

/**
 * A first start on a new embedded data directory, made apart from the server's own connection
 * (issue #14, ADR 0049 amendment): the database is made in `db.preparing` (from the kept empty copy
 * or by initdb, every migration), `fill` runs on it (the demo seed), it is closed, and only then does
 * it become `db` for the server to open. So a first start cut short leaves nothing half-made to
 * resume, and the server does not keep the WebAssembly memory that making and seeding grew: PGlite's
 * memory never shrinks while its instance lives, and the closed instance's is garbage once the
 * server's own is allocated. The caller holds the data directory's lock.
 */
export async function makeFirstDatabase(dataDir: string, fill: (db: Database) => Promise<void>): Promise<void> {
  const into = preparingDir(dataDir);
  rmSync(into, { recursive: true, force: true });
  try {
    const db = await openDatabase({ kind: 'pglite', dataDir: into });
    try {
      await fill(db);
    } finally {
      await db.close();
    }
    renameSync(into, dbDir(dataDir));
  } catch (err) {
    rmSync(into, { recursive: true, force: true });
    throw err;
  }
}
