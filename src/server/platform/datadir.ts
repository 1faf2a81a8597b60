import { existsSync, fsyncSync, mkdirSync, openSync, closeSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded deployment's data directory (ADR 0019):
 *
 *   <dataDir>/kindred.lock   who holds the directory (never archived)
 *   <dataDir>/kindred.sock   the running server's control socket, 0600 (`kindred backup` asks it)
 *   <dataDir>/db/            PGlite's own data directory: the only thing a backup archives
 *   <dataDir>/backups/       kindred-<time>.tar.gz
 */
export const dbDir = (dataDir: string) => join(dataDir, 'db');
export const backupsDir = (dataDir: string) => join(dataDir, 'backups');
export const socketPath = (dataDir: string) => join(dataDir, 'kindred.sock');

/** What PostgreSQL keeps at the top of its data directory (PGlite writes the same layout). */
const PG_ENTRY = /^(PG_VERSION|base|global|pg_[a-z_]+|pg_(hba|ident)\.conf|postgresql(\.auto)?\.conf|postmaster\.(pid|opts))$/;

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Moves a database written by an earlier Kindred straight into the data directory (beside its
 * backups and lock, which its backups then swallowed) into `<dataDir>/db`. Call with the lock held.
 * Safe to interrupt: entries move one by one into `db.moving`, renamed to `db` once all are there;
 * a later start finishes the move. Returns whether anything moved.
 */
export function moveLegacyLayout(dataDir: string): boolean {
  const target = dbDir(dataDir);
  const moving = join(dataDir, 'db.moving');
  const legacy = () => readdirSync(dataDir).filter((name) => PG_ENTRY.test(name));
  if (existsSync(target)) {
    if (legacy().length > 0)
      throw new Error(
        `${dataDir} holds both a database in db/ and database files beside it (${legacy().join(', ')}); ` +
          'move one of them away before starting',
      );
    return false;
  }
  if (!existsSync(moving) && !existsSync(join(dataDir, 'PG_VERSION'))) return false;
  mkdirSync(moving, { recursive: true, mode: 0o700 });
  for (const name of legacy()) renameSync(join(dataDir, name), join(moving, name));
  fsyncDir(moving);
  renameSync(moving, target);
  fsyncDir(dataDir);
  return true;
}
