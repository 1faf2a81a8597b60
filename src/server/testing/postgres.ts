import pg from 'pg';

/**
 * Drops a test database on the server named by `url`. A pool's end() returns before its sockets
 * close, and dropping while they close would cut them with an error, so it first waits (a few
 * milliseconds) until nobody is connected. The same wait makes a template copyable: PostgreSQL
 * refuses `CREATE DATABASE … TEMPLATE` while anyone is connected to the template.
 */
export async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await waitUntilUnused(admin, name);
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

export async function waitUntilUnused(admin: pg.Client, name: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [
      name,
    ]);
    if (rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
