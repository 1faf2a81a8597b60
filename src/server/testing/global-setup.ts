import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../platform/database';
import { newId } from '../platform/ids';
import { dropDatabase, waitUntilUnused } from './postgres';

/**
 * Migrates one database for the whole run, so each test file starts from a copy in well under a
 * second instead of migrating again (about three seconds on PostgreSQL). On PGlite the template is
 * a saved data directory; on PostgreSQL (DATABASE_URL) it is a database of its own that
 * `CREATE DATABASE … TEMPLATE` copies (see harness.ts), dropped again at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-template-'));
  const file = join(dir, 'migrated.tar');
  const url = process.env.DATABASE_URL;
  let pgTemplate = '';
  if (url) {
    pgTemplate = `kindred_template_${newId().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${pgTemplate}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${pgTemplate}`;
    const db = await openDatabase({ kind: 'postgres', url: u.toString() });
    await db.close();
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    await waitUntilUnused(check, pgTemplate);
    await check.end();
  } else {
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    const dump = await db.pglite!.dumpDataDir('none');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await db.close();
  }
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', pgTemplate);
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url && pgTemplate) await dropDatabase(url, pgTemplate);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    /** The migrated PostgreSQL database each file's database is copied from; empty on PGlite. */
    pgTemplate: string;
  }
}
