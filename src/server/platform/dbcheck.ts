/** Runs one SQL statement and returns its rows (PGlite's query or a transaction's). */
export type RunQuery = (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;

export interface DatabaseCheck {
  /** Migrations recorded as applied (drizzle.__drizzle_migrations). */
  migrations: number;
  /** Rows per table of the public schema, by table name. */
  tables: Record<string, number>;
  /** B-tree indexes verified with amcheck (heap tuples included); null when amcheck is not loaded. */
  indexesChecked: number | null;
  /** What failed, by table or index and SQLSTATE: never row data. */
  problems: string[];
}

/** SQLSTATE and the first line of a database error: corruption reports name files and blocks, not values. */
function describe(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const first = typeof e.message === 'string' ? e.message.split('\n')[0]!.slice(0, 200) : 'unknown error';
  return `${typeof e.code === 'string' ? `${e.code} ` : ''}${first}`;
}

/** The migration level and rows per table, read in one go (also what a backup's manifest records). */
export async function countRows(run: RunQuery): Promise<{ migrations: number; tables: Record<string, number> }> {
  const hasMigrations = (await run(`select to_regclass('drizzle.__drizzle_migrations') is not null as present`)).rows[0] as {
    present: boolean;
  };
  const migrations = hasMigrations.present
    ? (((await run('select count(*)::int as n from drizzle.__drizzle_migrations')).rows[0] as { n: number }).n ?? 0)
    : 0;
  const names = (
    await run(
      `select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )
  ).rows as { name: string }[];
  const tables: Record<string, number> = {};
  for (const { name } of names)
    tables[name] = (
      (await run(`select count(*)::int as n from public."${name.replaceAll('"', '""')}"`)).rows[0] as { n: number }
    ).n;
  return { migrations, tables };
}

/**
 * Checks an embedded database after an unclean stop or a restore: every table is read in full
 * (count(*) visits every heap page, so a damaged page fails), and, when PGlite was opened with the
 * amcheck extension, every b-tree index is verified against its table (bt_index_check with
 * heapallindexed). The extension is created for the check and dropped after.
 */
export async function checkDatabase(run: RunQuery, opts: { amcheck: boolean }): Promise<DatabaseCheck> {
  const problems: string[] = [];
  let migrations = 0;
  const tables: Record<string, number> = {};
  try {
    const counted = await countRows(async (sql, params) => {
      try {
        return await run(sql, params);
      } catch (err) {
        const table = /public\."(.+)"$/.exec(sql)?.[1];
        if (!table) throw err;
        problems.push(`table ${table}: ${describe(err)}`);
        return { rows: [{ n: -1 }] };
      }
    });
    migrations = counted.migrations;
    Object.assign(tables, counted.tables);
  } catch (err) {
    problems.push(`catalog: ${describe(err)}`);
  }
  let indexesChecked: number | null = null;
  if (opts.amcheck) {
    try {
      const existed =
        ((await run(`select count(*)::int as n from pg_extension where extname = 'amcheck'`)).rows[0] as { n: number }).n > 0;
      if (!existed) await run('create extension amcheck');
      const indexes = (
        await run(
          `select c.oid::int as oid, c.relname as name from pg_index i
             join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
            where am.amname = 'btree' and c.relpersistence <> 't' and i.indisvalid and i.indisready`,
        )
      ).rows as { oid: number; name: string }[];
      indexesChecked = 0;
      for (const { oid, name } of indexes) {
        try {
          await run('select bt_index_check($1::oid::regclass, true)', [oid]);
          indexesChecked++;
        } catch (err) {
          problems.push(`index ${name}: ${describe(err)}`);
        }
      }
      if (!existed) await run('drop extension amcheck');
    } catch (err) {
      problems.push(`amcheck: ${describe(err)}`);
    }
  }
  return { migrations, tables, indexesChecked, problems };
}

/** One line for a log or the terminal: counts only. */
export function summarizeCheck(check: DatabaseCheck): string {
  const rows = Object.values(check.tables).reduce((a, b) => a + Math.max(b, 0), 0);
  const idx = check.indexesChecked === null ? '' : `, ${check.indexesChecked} indexes verified`;
  const verdict = check.problems.length
    ? `${check.problems.length} problem(s): ${check.problems.join('; ')}`
    : 'no problems found';
  return `${Object.keys(check.tables).length} tables, ${rows} rows, migration level ${check.migrations}${idx}; ${verdict}`;
}
