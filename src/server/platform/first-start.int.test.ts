import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { dbDir } from './datadir';
import { makeFirstDatabase, needsFirstStart, preparingDir } from './first-start';

/** The embedded database only: PostgreSQL has no data directory to make. */
describe.skipIf(!!process.env.DATABASE_URL)('a first start makes the database apart, then hands it over whole', () => {
  const root = mkdtempSync(join(tmpdir(), 'kindred-first-start-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fills the new database on its own instance, then it becomes db/ with what was written', async () => {
    const dataDir = join(root, 'ok');
    mkdirSync(dataDir);
    expect(needsFirstStart(dataDir)).toBe(true);
    await makeFirstDatabase(dataDir, async (db) => {
      await db.rawQuery('create table written_first (what text)');
      await db.rawQuery("insert into written_first values ('kept')");
    });
    expect(existsSync(preparingDir(dataDir))).toBe(false);
    expect(needsFirstStart(dataDir)).toBe(false);
    const db = await openDatabase({ kind: 'pglite', dataDir: dbDir(dataDir) });
    try {
      expect(await db.rawQuery('select what from written_first')).toEqual([{ what: 'kept' }]);
    } finally {
      await db.close();
    }
  });

  it('leaves nothing half-made when filling fails, so the next start is a first start again', async () => {
    const dataDir = join(root, 'failed');
    mkdirSync(dataDir);
    await expect(
      makeFirstDatabase(dataDir, async () => {
        throw new Error('seed failed');
      }),
    ).rejects.toThrow('seed failed');
    expect(existsSync(preparingDir(dataDir))).toBe(false);
    expect(existsSync(dbDir(dataDir))).toBe(false);
    expect(needsFirstStart(dataDir)).toBe(true);
  });

  it('discards what a first start cut short left behind', async () => {
    const dataDir = join(root, 'cut');
    mkdirSync(preparingDir(join(root, 'cut')), { recursive: true });
    writeFileSync(join(preparingDir(dataDir), 'PG_VERSION'), 'half');
    await makeFirstDatabase(dataDir, async () => undefined);
    const db = await openDatabase({ kind: 'pglite', dataDir: dbDir(dataDir) });
    try {
      expect(await db.rawQuery('select count(*)::int as n from programs')).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });
});
