import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database';

/** The embedded database only: PostgreSQL has no data directory to start. */
describe.skipIf(!!process.env.DATABASE_URL)('a new data directory starts from the migrated empty database (ADR 0049)', () => {
  const root = mkdtempSync(join(tmpdir(), 'kindred-empty-db-'));
  const cacheDir = join(root, 'cache');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const open = (name: string) => openDatabase({ kind: 'pglite', dataDir: join(root, name), emptyCacheDir: cacheDir });
  const tables = async (db: Awaited<ReturnType<typeof open>>) =>
    (
      (await db.rawQuery("select tablename from pg_tables where schemaname = 'public' order by 1")) as { tablename: string }[]
    ).map((r) => r.tablename);
  const cached = () => readdirSync(cacheDir).filter((n) => n.endsWith('.tar'));

  it('keeps one after the first start, starts later directories from it, and rebuilds a damaged one', async () => {
    // The first new directory runs initdb and the migrations, then keeps the result.
    const first = await open('first');
    const migrated = await tables(first);
    expect(migrated).toContain('participants');
    // A table made after the copy was kept: not data any later directory may see.
    await first.rawQuery('create table only_in_first (id int)');
    await first.close();
    expect(cached()).toHaveLength(1);

    // Marked, so that a directory started from the copy can be told from one made the long way.
    const seeded = await open('seed');
    await seeded.rawQuery('create table from_the_copy (id int)');
    const dump = await seeded.pglite!.dumpDataDir('none');
    writeFileSync(join(cacheDir, cached()[0]!), Buffer.from(await dump.arrayBuffer()));
    await seeded.close();

    const second = await open('second');
    expect(await tables(second)).toEqual([...migrated, 'from_the_copy'].sort());
    await second.close();

    // A damaged copy is not used: the directory is made the long way, and a good copy kept again.
    writeFileSync(join(cacheDir, cached()[0]!), 'not a tarball');
    const third = await open('third');
    expect(await tables(third)).toEqual(migrated);
    await third.close();
    const fourth = await open('fourth');
    expect(await tables(fourth)).toEqual(migrated);
    await fourth.close();

    // A directory that holds a database is resumed, never overwritten from the copy.
    const again = await open('first');
    expect(await tables(again)).toContain('only_in_first');
    await again.close();
    // Two directories made the long way (initdb and every migration) on a loaded machine.
  }, 180_000);
});
