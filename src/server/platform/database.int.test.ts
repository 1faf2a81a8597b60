import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness';

/** Only PostgreSQL has a connection pool whose idle connections the server can cut. */
describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL connection pool', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('survives the server cutting its idle connections, and reconnects', async () => {
    expect((await t.anonymous.request('GET', '/health')).status).toBe(200);
    const [{ name }] = (await t.db.rawQuery('select current_database() as name')) as [{ name: string }];
    const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ ok: boolean }>(
        'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1',
        [name],
      );
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    const warning = await warned;
    expect(warning.message).toBe('An idle PostgreSQL connection was closed (57P01); it will be replaced.');
    expect((await t.anonymous.request('GET', '/health')).status).toBe(200);
  });
});
