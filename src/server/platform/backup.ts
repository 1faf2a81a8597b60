import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import * as tar from 'tar';
import { z } from 'zod';
import type { Database } from './database';
import { backupsDir, dbDir, fsyncDir } from './datadir';
import { checkDatabase, countRows, type DatabaseCheck } from './dbcheck';
import { LOCK_FILE, lockDataDir } from './lock';
import { projectPath } from './paths';

export const BACKUP_FORMAT = 'kindred-backup/1';

const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  kindredVersion: z.string(),
  createdAt: z.string(),
  database: z.literal('pglite'),
  migrations: z.number().int().min(0),
  tables: z.record(z.string(), z.number().int().min(0)),
  files: z.array(z.object({ path: z.string(), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type BackupManifest = z.infer<typeof Manifest>;

export interface Retention {
  /** Newest archives kept at most. */
  keep: number;
  /** Total size the archives may take; the newest is kept even if it alone is larger. */
  maxBytes: number;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
  /** How long the database was held (no query ran meanwhile). */
  heldMs: number;
  tookMs: number;
  /** The longest the event loop was blocked while the backup ran. */
  maxBlockMs: number;
  /** Older archives removed by the retention rule. */
  removed: string[];
}

/** Raised for an archive that is not a whole, unaltered Kindred backup. Nothing was touched. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}
/** Raised when the restore target already holds a database and --replace was not given. */
export class RestoreTargetError extends Error {
  override name = 'RestoreTargetError';
}

const kindredVersion = (): string =>
  (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;

const stamp = (now: Date) => now.toISOString().replaceAll(':', '-').replace('.', '-');

/** Files PostgreSQL writes for a running server only; a backup leaves them out. */
const RUNTIME_FILES = new Set(['postmaster.pid', 'postmaster.opts']);

async function copyTree(from: string, to: string, top = true): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (top && RUNTIME_FILES.has(entry.name)) continue;
    const a = join(from, entry.name);
    const b = join(to, entry.name);
    if (entry.isDirectory()) await copyTree(a, b, false);
    else if (entry.isFile()) await copyFile(a, b);
    else throw new Error(`Unexpected entry in the database directory: ${a}`);
  }
}

/** Every regular file under `root`, relative with '/' separators, sorted. Anything else is an error. */
async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.isFile()) out.push(relative(root, p).split(sep).join('/'));
      else throw new ArchiveError(`The archive holds something that is not a file or directory: ${relative(root, p)}`);
    }
  };
  await walk(root);
  return out.sort();
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function fsyncFile(file: string): Promise<void> {
  const fh = await open(file, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Keeps the newest `keep` archives, then drops the oldest of those while they exceed `maxBytes`. */
export async function pruneBackups(dir: string, retention: Retention): Promise<string[]> {
  const names = (await readdir(dir))
    .filter((f) => /^kindred-.+\.tar\.gz$/.test(f))
    .sort()
    .reverse();
  const sized = await Promise.all(names.map(async (name) => ({ name, size: (await stat(join(dir, name))).size })));
  const kept = sized.slice(0, Math.max(1, retention.keep));
  let total = kept.reduce((a, f) => a + f.size, 0);
  while (kept.length > 1 && total > retention.maxBytes) total -= kept.pop()!.size;
  const keptNames = new Set(kept.map((f) => f.name));
  const removed = names.filter((n) => !keptNames.has(n));
  for (const name of removed) await rm(join(dir, name), { force: true });
  return removed;
}

const running = new Map<string, Promise<unknown>>();

/** Whether a backup of this data directory is under way in this process. */
export const isBackupRunning = (dataDir: string) => running.has(resolve(dataDir));

/**
 * Writes a consistent archive of the embedded database (ADR 0019): `<dataDir>/db` only (never the
 * backups or the lock), with a manifest of checksums, migration level and rows per table.
 *
 * The database is held (every query waits) only while its files are copied, with async I/O, to a
 * staging directory, inside one read transaction that also counts the rows: the copy and the
 * counts agree. Hashing, tar and gzip (zlib's thread pool) then run while the server goes on.
 * The archive is written as `<name>.partial`, synced, renamed and its directory synced. Backups of
 * one data directory run one after another, never overlapping.
 */
export function backupEmbedded(
  db: Database,
  dataDir: string,
  now: Date,
  opts: { out?: string | undefined; retention?: Retention } = {},
): Promise<BackupResult> {
  const key = resolve(dataDir);
  const previous = running.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => runBackup(db, dataDir, now, opts));
  running.set(key, next);
  void next.then(
    () => running.get(key) === next && running.delete(key),
    () => running.get(key) === next && running.delete(key),
  );
  return next;
}

async function runBackup(
  db: Database,
  dataDir: string,
  now: Date,
  opts: { out?: string | undefined; retention?: Retention },
): Promise<BackupResult> {
  const pglite = db.pglite;
  if (!pglite) throw new Error('Backups here are for the embedded database; for PostgreSQL use pg_dump');
  const started = performance.now();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const dir = backupsDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Leftovers of a backup interrupted by a crash (this process holds the data directory's lock).
  for (const name of await readdir(dir))
    if (name.startsWith('.staging-') || name.endsWith('.partial')) await rm(join(dir, name), { recursive: true, force: true });
  const file = opts.out ? resolve(opts.out) : join(dir, `kindred-${stamp(now)}.tar.gz`);
  if (existsSync(file)) throw new Error(`${file} already exists`);
  const staging = join(dir, `.staging-${stamp(now)}`);
  const partial = `${file}.partial`;
  try {
    await pglite.exec('CHECKPOINT');
    const held = performance.now();
    const counts = await pglite.transaction(async (tx) => {
      const c = await countRows((sql, params) => tx.query(sql, params));
      await copyTree(dbDir(dataDir), join(staging, 'db'));
      return c;
    });
    const heldMs = performance.now() - held;
    const files = [];
    for (const path of await listFiles(join(staging, 'db'))) {
      const full = join(staging, 'db', path);
      files.push({ path, size: statSync(full).size, sha256: await sha256(full) });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      kindredVersion: kindredVersion(),
      createdAt: now.toISOString(),
      database: 'pglite',
      migrations: counts.migrations,
      tables: counts.tables,
      files,
    };
    await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`, { mode: 0o600 });
    await mkdir(dirname(file), { recursive: true });
    const pack = tar.c({ cwd: staging, portable: true }, ['manifest.json', 'db']);
    await pipeline(Readable.from(pack), createGzip({ level: 6 }), createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    await fsyncFile(partial);
    await rename(partial, file);
    fsyncDir(dirname(file));
    const removed = opts.out || !opts.retention ? [] : await pruneBackups(dir, opts.retention);
    delay.disable();
    return {
      file,
      bytes: statSync(file).size,
      manifest,
      heldMs: Math.round(heldMs),
      tookMs: Math.round(performance.now() - started),
      maxBlockMs: Math.round(delay.max / 1e6),
      removed,
    };
  } finally {
    delay.disable();
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  check: DatabaseCheck;
  dbDir: string;
  /** Where the database that was there before went (--replace), or null. */
  movedAside: string | null;
}

/** Extracts and verifies an archive into `staging`: every file present, none extra, each checksum equal. */
export async function verifyArchive(archive: string, staging: string): Promise<BackupManifest> {
  if (!existsSync(archive)) throw new ArchiveError(`${archive} does not exist`);
  const odd: string[] = [];
  await mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    await tar.x({
      file: archive,
      cwd: staging,
      strict: true,
      filter: (path, entry) => {
        const type = 'type' in entry ? entry.type : 'File';
        const ok = (type === 'File' || type === 'Directory') && (path === 'manifest.json' || /^db(\/|$)/.test(path));
        if (!ok) odd.push(path);
        return ok;
      },
    });
  } catch (err) {
    throw new ArchiveError(`${archive} is not a readable backup archive (${(err as Error).message})`);
  }
  if (odd.length) throw new ArchiveError(`${archive} holds entries a Kindred backup never has: ${odd.slice(0, 5).join(', ')}`);
  let manifest: BackupManifest;
  try {
    manifest = Manifest.parse(JSON.parse(await readFile(join(staging, 'manifest.json'), 'utf8')));
  } catch {
    throw new ArchiveError(
      `${archive} has no valid manifest.json: it is not a Kindred backup, or was written before Kindred kept manifests`,
    );
  }
  const onDisk = existsSync(join(staging, 'db')) ? await listFiles(join(staging, 'db')) : [];
  const listed = new Set(manifest.files.map((f) => f.path));
  const extra = onDisk.filter((p) => !listed.has(p));
  if (extra.length) throw new ArchiveError(`${archive} holds files its manifest does not list: ${extra.slice(0, 5).join(', ')}`);
  for (const f of manifest.files) {
    const full = join(staging, 'db', f.path);
    if (!existsSync(full)) throw new ArchiveError(`${archive} is missing db/${f.path}, which its manifest lists`);
    if (statSync(full).size !== f.size || (await sha256(full)) !== f.sha256)
      throw new ArchiveError(`${archive} is damaged or altered: db/${f.path} does not match its checksum`);
  }
  return manifest;
}

/**
 * Restores an archive into a data directory: verifies it completely (checksums, then opens the
 * database and checks it against the manifest) in a staging directory beside the target, and only
 * then takes the target's lock and puts the database in place. The target may hold only backups/;
 * with `replace`, whatever else it holds moves to `<dataDir>.before-restore-<time>` first.
 */
export async function restoreEmbedded(
  archive: string,
  dataDir: string,
  opts: { replace: boolean; now: Date },
): Promise<RestoreResult> {
  const target = resolve(dataDir);
  const staging = join(dirname(target), `.${basename(target)}.restore-${stamp(opts.now)}`);
  try {
    const manifest = await verifyArchive(resolve(archive), staging);
    const client = new PGlite(join(staging, 'db'), { extensions: { amcheck } });
    let check: DatabaseCheck;
    try {
      await client.waitReady;
      check = await checkDatabase((sql, params) => client.query(sql, params), { amcheck: true });
    } catch (err) {
      throw new ArchiveError(`The database in ${archive} does not open: ${(err as Error).message.split('\n')[0]}`);
    } finally {
      await client.close().catch(() => undefined);
    }
    if (check.problems.length) throw new ArchiveError(`The database in ${archive} fails its check: ${check.problems.join('; ')}`);
    if (check.migrations !== manifest.migrations || JSON.stringify(check.tables) !== JSON.stringify(manifest.tables))
      throw new ArchiveError(
        `The database in ${archive} does not hold what its manifest says (migrations or rows per table differ)`,
      );
    // PGlite writes a pid file on open; the copy must start without it.
    await rm(join(staging, 'db', 'postmaster.pid'), { force: true });

    const lock = lockDataDir(target);
    try {
      const present = (await readdir(target)).filter((n) => n !== 'backups' && n !== 'kindred.sock' && !n.startsWith(LOCK_FILE));
      let movedAside: string | null = null;
      if (present.length) {
        if (!opts.replace)
          throw new RestoreTargetError(
            `${target} is not empty (${present.slice(0, 5).join(', ')}); restore into an empty directory, ` +
              'or add --replace to move what is there aside first',
          );
        movedAside = `${target}.before-restore-${stamp(opts.now)}`;
        await mkdir(movedAside, { mode: 0o700 });
        for (const name of present) await rename(join(target, name), join(movedAside, name));
        fsyncDir(movedAside);
      }
      await rename(join(staging, 'db'), dbDir(target));
      fsyncDir(target);
      return { manifest, check, dbDir: dbDir(target), movedAside };
    } finally {
      lock.release();
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
