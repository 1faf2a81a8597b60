import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from './database';

const KEEP = 7;

/**
 * Writes a consistent copy of the embedded database (PGlite's own dump of its data directory, a
 * gzip'd tarball) to `<dataDir>/backups/`, keeping the newest seven. PostgreSQL deployments use
 * pg_dump instead.
 */
export async function backupEmbedded(db: Database, dataDir: string, now: Date, outFile?: string): Promise<string> {
  if (!db.pglite) throw new Error('Backups here are for the embedded database; for PostgreSQL use pg_dump');
  const blob = await db.pglite.dumpDataDir('gzip');
  const dir = join(dataDir, 'backups');
  const file = outFile ? resolve(outFile) : join(dir, `kindred-${now.toISOString().replaceAll(':', '-').slice(0, 19)}.tar.gz`);
  if (!outFile) mkdirSync(dir, { recursive: true });
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
  if (!outFile) {
    const old = readdirSync(dir)
      .filter((f) => f.startsWith('kindred-') && f.endsWith('.tar.gz'))
      .sort()
      .slice(0, -KEEP);
    for (const f of old) rmSync(join(dir, f));
  }
  return file;
}
