import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { mkdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import * as schema from '../schema';
import { projectPath } from './paths';
import { emptyDatabaseCache, isNewDataDir, type EmptyDatabaseCache } from './empty-database';

export type Schema = typeof schema;
/** The one database type the rest of the server sees, whether PGlite or PostgreSQL is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export const MIGRATIONS_DIR = projectPath('migrations');

/** The embedded database's shared buffers (ADR 0046). */
export const PGLITE_SHARED_BUFFERS = '32MB';

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs one raw SQL string through the driver (benchmarks, backups); no ORM in between. */
  rawQuery(sql: string, params?: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
  /** The PGlite instance, for backups; null on PostgreSQL. */
  pglite: PGlite | null;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /**
   * `template`: start from a saved data directory (tests), then migrate as usual. `dataDir` is
   * PGlite's own directory (`<KINDRED_DATA_DIR>/db`, see datadir.ts). `amcheck`: load the extension
   * that checkDatabase uses to verify indexes (after an unclean stop). `emptyCacheDir`: where the
   * migrated empty database that new data directories start from is kept (default dist/empty-database).
   */
  | { kind: 'pglite'; dataDir: string | null; template?: Blob; amcheck?: boolean; emptyCacheDir?: string };

/** The advisory lock key servers take while migrating ("kindred:m" as a number; any fixed value would do). */
export const MIGRATION_LOCK_KEY = 0x6b696e64;

/**
 * Applies pending migrations on PostgreSQL while holding a session advisory lock on one connection,
 * so that several servers starting at once against one database (ADR 0043) migrate one after
 * another: the first applies them, the rest find nothing to do. Without it the second server's
 * `CREATE SCHEMA`/`CREATE TABLE` collides with the first's and it fails to start.
 */
async function migrateExclusively(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    // Discarded rather than pooled: whatever happened above, no session lock can outlive it.
    client.release(true);
  }
}

/** Opens the database and applies every pending migration before anything else touches it. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection can be cut by the server (restart, failover, pg_terminate_backend). The pool
    // drops it and reconnects on demand, but without a listener its 'error' event would crash the
    // process. Queries in flight still fail to their callers. Only the code is reported: messages can
    // quote data.
    pool.on('error', (err: Error & { code?: string }) => {
      process.emitWarning(`An idle PostgreSQL connection was closed (${err.code ?? 'no code'}); it will be replaced.`);
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    try {
      await migrateExclusively(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return {
      db,
      kind: 'postgres',
      pglite: null,
      rawQuery: async (sql, params) => (await pool.query(sql, params)).rows,
      close: () => pool.end(),
    };
  }
  if (target.dataDir !== null) mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
  const extensions = {
    ...(target.amcheck ? { extensions: { amcheck } } : {}),
    // PostgreSQL's default 128 MB of shared buffers is zeroed when PGlite starts, so it is resident
    // from the first second; 32 MB keeps the embedded server small (issue #14: idle resident memory
    // 313 → 208 MB for the database alone). The files stay in the operating system's cache besides.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  };
  const { client, madeEmpty } = await openPglite(target, extensions);
  const pgliteDb = drizzlePglite(client, { schema });
  try {
    await migratePglite(pgliteDb, { migrationsFolder: MIGRATIONS_DIR });
    // Only a cache: a start that cannot keep it (a read-only install) goes on without it.
    await madeEmpty?.write(client).catch(() => undefined);
  } catch (err) {
    await client.close();
    throw err;
  }
  return {
    db: pgliteDb as unknown as Db,
    kind: 'pglite',
    pglite: client,
    rawQuery: async (sql, params) => (await client.query(sql, params)).rows,
    close: () => client.close(),
  };
}

/**
 * The PGlite instance for a target. A new on-disk data directory starts from the cached migrated
 * empty database when there is one (ADR 0049); when there is none, `madeEmpty` says to keep one
 * once the migrations have run.
 */
async function openPglite(
  target: Extract<DatabaseTarget, { kind: 'pglite' }>,
  options: PGliteOptions,
): Promise<{ client: PGlite; madeEmpty: EmptyDatabaseCache | null }> {
  if (target.template) return ready(new PGlite({ loadDataDir: target.template, ...options }));
  if (target.dataDir === null) return ready(new PGlite(options));
  if (!isNewDataDir(target.dataDir)) return ready(new PGlite(target.dataDir, options));
  const cache = emptyDatabaseCache(MIGRATIONS_DIR, target.emptyCacheDir);
  const tarball = cache.read();
  if (tarball) {
    try {
      return await ready(new PGlite(target.dataDir, { loadDataDir: tarball, ...options }));
    } catch {
      // A damaged copy: forgotten, and the directory (new and empty a moment ago) made the long way.
      cache.discard();
      rmSync(target.dataDir, { recursive: true, force: true });
      mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
    }
  }
  return ready(new PGlite(target.dataDir, options), cache);
}

async function ready(
  client: PGlite,
  madeEmpty: EmptyDatabaseCache | null = null,
): Promise<{ client: PGlite; madeEmpty: EmptyDatabaseCache | null }> {
  await client.waitReady;
  return { client, madeEmpty };
}

/** Runs a raw SQL query through Drizzle and returns its rows, the same way on both drivers. */
export async function selectRows<T>(db: Db | Tx, query: import('drizzle-orm').SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
