import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveError, backupEmbedded, pruneBackups, restoreEmbedded, RestoreTargetError, type BackupResult } from './backup';
import { openDatabase, type Database } from './database';
import { backupsDir, dbDir } from './datadir';
import { lockDataDir, type DirLock } from './lock';

const retention = { keep: 7, maxBytes: 1024 * 1024 * 1024 };

async function entries(file: string): Promise<string[]> {
  const out: string[] = [];
  await tar.t({ file, onReadEntry: (e) => out.push(e.path) });
  return out;
}

/** Unpacks an archive, lets `change` alter the files, and packs it again as a new archive. */
async function repack(file: string, into: string, change: (root: string) => void): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'kindred-repack-'));
  try {
    await tar.x({ file, cwd: root });
    change(root);
    await tar.c({ gzip: true, cwd: root, file: into, portable: true }, readdirSync(root));
    return into;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Every file under a directory with its size: what "untouched" means for a restore target. */
function snapshot(dir: string): Record<string, number> {
  if (!existsSync(dir)) return {};
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p.slice(dir.length)] = statSync(p).size;
    }
  };
  walk(dir);
  return out;
}

describe('embedded backups and restore', () => {
  let root: string;
  let dataDir: string;
  let db: Database;
  let lock: DirLock;
  const first: BackupResult[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kindred-backup-'));
    dataDir = join(root, 'data');
    lock = lockDataDir(dataDir);
    db = await openDatabase({ kind: 'pglite', dataDir: dbDir(dataDir) });
    await db.rawQuery('create table scratch (id int primary key, body text not null)');
    await db.rawQuery(`insert into scratch select g, repeat(md5(g::text), 8) from generate_series(1, 2000) g`);
    // A big old archive of the kind that used to be swallowed by every later backup.
    mkdirSync(backupsDir(dataDir), { recursive: true });
    writeFileSync(join(backupsDir(dataDir), 'kindred-2020-01-01T00-00-00.tar.gz'), Buffer.alloc(16 * 1024 * 1024, 7));
  }, 180_000);

  afterAll(async () => {
    await db?.close();
    lock?.release();
    rmSync(root, { recursive: true, force: true });
  });

  it('archives the database and a manifest only: no backups, no lock, no pid file', async () => {
    const r = await backupEmbedded(db, dataDir, new Date(), { retention });
    first.push(r);
    expect(r.file.startsWith(backupsDir(dataDir))).toBe(true);
    expect(r.file).toMatch(/kindred-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.tar\.gz$/);
    const names = await entries(r.file);
    expect(names[0]).toBe('manifest.json');
    expect(names.filter((n) => n !== 'manifest.json' && !n.startsWith('db/') && n !== 'db' && n !== 'db/')).toEqual([]);
    expect(names.some((n) => n.includes('backups') || n.includes('kindred.lock') || n.includes('postmaster.pid'))).toBe(false);
    expect(names).toContain('db/PG_VERSION');
    expect(r.bytes).toBeLessThan(16 * 1024 * 1024);
    expect(r.manifest).toMatchObject({ format: 'kindred-backup/1', database: 'pglite' });
    expect(r.manifest.tables['scratch']).toBe(2000);
    expect(r.manifest.migrations).toBeGreaterThan(10);
    expect(r.manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    // No partial file or staging directory is left behind; the archive is private.
    expect(readdirSync(backupsDir(dataDir)).filter((n) => n.startsWith('.') || n.endsWith('.partial'))).toEqual([]);
    expect(statSync(r.file).mode & 0o077).toBe(0);
    expect(r.maxBlockMs).toBeLessThan(1000);
  }, 180_000);

  it('does not grow with earlier backups: three in a row are about the same size', async () => {
    const more = [await backupEmbedded(db, dataDir, new Date(), { retention })];
    more.push(await backupEmbedded(db, dataDir, new Date(), { retention }));
    const sizes = [first[0]!.bytes, ...more.map((r) => r.bytes)];
    for (const s of sizes) expect(s).toBeLessThan(sizes[0]! * 1.2);
    expect(new Set([first[0]!.file, ...more.map((r) => r.file)]).size).toBe(3);
  }, 180_000);

  it('never runs two backups at once: concurrent requests each get their own archive, one after the other', async () => {
    const [a, b] = await Promise.all([
      backupEmbedded(db, dataDir, new Date('2026-05-01T00:00:00.000Z'), { out: join(root, 'a.tar.gz') }),
      backupEmbedded(db, dataDir, new Date('2026-05-01T00:00:00.000Z'), { out: join(root, 'b.tar.gz') }),
    ]);
    expect(a.file).not.toBe(b.file);
    expect(existsSync(a.file) && existsSync(b.file)).toBe(true);
  }, 180_000);

  it('keeps backups by count and by total size, and always the newest', async () => {
    const dir = join(root, 'retention');
    mkdirSync(dir);
    const names = [1, 2, 3, 4, 5].map((d) => `kindred-2026-01-0${d}T00-00-00-000Z.tar.gz`);
    const fill = () => names.forEach((n) => writeFileSync(join(dir, n), Buffer.alloc(1000)));
    fill();
    expect(await pruneBackups(dir, { keep: 3, maxBytes: 1e9 })).toEqual([names[1], names[0]]);
    expect(readdirSync(dir).sort()).toEqual(names.slice(2));
    fill();
    expect((await pruneBackups(dir, { keep: 10, maxBytes: 2500 })).sort()).toEqual(names.slice(0, 3));
    expect(readdirSync(dir).sort()).toEqual(names.slice(3));
    fill();
    await pruneBackups(dir, { keep: 10, maxBytes: 10 });
    expect(readdirSync(dir)).toEqual([names[4]]);
  });

  it('prunes old backups after writing a new one (the swallowing archive from before goes by size)', async () => {
    const r = await backupEmbedded(db, dataDir, new Date(), { retention: { keep: 2, maxBytes: first[0]!.bytes * 3 } });
    const left = readdirSync(backupsDir(dataDir)).sort();
    expect(left).toHaveLength(2);
    expect(left).toContain(r.file.split('/').pop());
    expect(left).not.toContain('kindred-2020-01-01T00-00-00.tar.gz');
  }, 180_000);

  it('restores into an empty directory: checksums verified, database checked, data there', async () => {
    await db.rawQuery(`update scratch set body = 'after the backup' where id = 1`);
    const written = await backupEmbedded(db, dataDir, new Date(), { out: join(root, 'round-trip.tar.gz') });
    const target = join(root, 'restored');
    const r = await restoreEmbedded(written.file, target, { replace: false, now: new Date() });
    expect(r.dbDir).toBe(join(target, 'db'));
    expect(r.movedAside).toBeNull();
    expect(r.check.problems).toEqual([]);
    expect(r.check.indexesChecked).toBeGreaterThan(0);
    expect(r.check.tables).toEqual(written.manifest.tables);
    expect(readdirSync(target).sort()).toEqual(['db']);
    expect(readdirSync(root).filter((n) => n.includes('.restore-'))).toEqual([]);
    const again = await openDatabase({ kind: 'pglite', dataDir: dbDir(target) });
    try {
      expect(await again.rawQuery('select count(*)::int as n from scratch')).toEqual([{ n: 2000 }]);
      expect(await again.rawQuery('select body from scratch where id = 1')).toEqual([{ body: 'after the backup' }]);
    } finally {
      await again.close();
    }
  }, 180_000);

  it('a backup taken while rows are written restores to exactly what its manifest counted', async () => {
    let writing = true;
    let next = 10_000;
    const writer = (async () => {
      while (writing) {
        await db.rawQuery('insert into scratch values ($1, $2)', [next++, 'during']);
        // As requests do, each write arrives from the event loop (PGlite answers in microtasks only).
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const r = await backupEmbedded(db, dataDir, new Date(), { out: join(root, 'busy.tar.gz') });
    writing = false;
    await writer;
    expect(next).toBeGreaterThan(10_000);
    // restoreEmbedded refuses a database whose rows differ from the manifest.
    const restored = await restoreEmbedded(r.file, join(root, 'busy'), { replace: false, now: new Date() });
    expect(restored.check.tables['scratch']).toBe(r.manifest.tables['scratch']);
  }, 180_000);

  it('refuses a damaged, altered or foreign archive with a clear error, and leaves the target untouched', async () => {
    const good = join(root, 'a.tar.gz'); // written with --out: retention leaves it
    const target = join(root, 'target');
    mkdirSync(join(target, 'backups'), { recursive: true });
    writeFileSync(join(target, 'backups', 'keep-me.txt'), 'x');
    const before = snapshot(target);
    const tryRestore = (file: string) => restoreEmbedded(file, target, { replace: true, now: new Date() });

    const altered = await repack(good, join(root, 'altered.tar.gz'), (dir) => {
      const f = join(dir, 'db', 'PG_VERSION');
      writeFileSync(f, `${readFileSync(f, 'utf8')} `);
    });
    await expect(tryRestore(altered)).rejects.toThrow(/db\/PG_VERSION does not match its checksum/);

    const extra = await repack(good, join(root, 'extra.tar.gz'), (dir) => writeFileSync(join(dir, 'db', 'extra'), 'x'));
    await expect(tryRestore(extra)).rejects.toThrow(/files its manifest does not list: extra/);

    const noManifest = await repack(good, join(root, 'no-manifest.tar.gz'), (dir) => rmSync(join(dir, 'manifest.json')));
    await expect(tryRestore(noManifest)).rejects.toThrow(/no valid manifest\.json/);

    const bytes = readFileSync(good);
    const truncated = join(root, 'truncated.tar.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(tryRestore(truncated)).rejects.toThrow(ArchiveError);

    await expect(tryRestore(join(root, 'missing.tar.gz'))).rejects.toThrow(/does not exist/);

    expect(snapshot(target)).toEqual(before);
    expect(readdirSync(root).filter((n) => n.includes('before-restore') || n.includes('.restore-'))).toEqual([]);
  }, 180_000);

  it('refuses a target that holds a database unless told to replace it, which moves it aside', async () => {
    const target = join(root, 'occupied');
    const file = join(root, 'a.tar.gz');
    await restoreEmbedded(file, target, { replace: false, now: new Date() });
    writeFileSync(join(target, 'db', 'marker'), 'the old one');
    await expect(restoreEmbedded(file, target, { replace: false, now: new Date() })).rejects.toThrow(RestoreTargetError);
    await expect(restoreEmbedded(file, target, { replace: false, now: new Date() })).rejects.toThrow(/--replace/);
    expect(readFileSync(join(target, 'db', 'marker'), 'utf8')).toBe('the old one');

    const r = await restoreEmbedded(file, target, { replace: true, now: new Date('2026-06-01T12:00:00.000Z') });
    expect(r.movedAside).toBe(`${target}.before-restore-2026-06-01T12-00-00-000Z`);
    expect(readFileSync(join(r.movedAside!, 'db', 'marker'), 'utf8')).toBe('the old one');
    expect(existsSync(join(target, 'db', 'marker'))).toBe(false);
    expect(existsSync(join(target, 'db', 'PG_VERSION'))).toBe(true);
  }, 180_000);
});
