import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, T0, type TestApp } from '../testing/harness';
import { fixedClock } from './clock';
import { JOB_LEASE_MS, runExclusive, runTimedJobs, SWEEP_EVERY_MS, type TimedJob } from './jobs';
import { jobRuns } from './jobs.table';
import { databaseRateLimitStore, sweepRateLimits, type RateLimitStore } from './ratelimit';
import { rateLimits } from './ratelimit.table';

/**
 * The single-acting helpers of ADR 0043 on whichever database the run uses (PGlite by default):
 * job leases and the rate-limit store. Two servers on one PostgreSQL are in multi-server.int.test.ts.
 */
describe('job leases and rate-limit counters in the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.db.db.delete(jobRuns);
    await t.db.db.delete(rateLimits);
  });

  it('runs a job for one of two holders claiming at once, then not again within the interval', async () => {
    const clock = fixedClock(T0);
    const at = () => clock.now();
    let runs = 0;
    const job = async () => {
      runs++;
      return 'done';
    };
    const [first, second] = await Promise.all([
      runExclusive(t.db.db, 'sweep', { holder: 'a', at }, job),
      runExclusive(t.db.db, 'sweep', { holder: 'b', at }, job),
    ]);
    expect([first.ran, second.ran].sort()).toEqual([false, true]);
    expect(runs).toBe(1);
    clock.set(new Date(clock.now().getTime() + 5 * 60_000));
    expect(await runExclusive(t.db.db, 'sweep', { holder: 'b', at }, job)).toEqual({ ran: false });
    clock.set(new Date(clock.now().getTime() + SWEEP_EVERY_MS - 5 * 60_000));
    expect(await runExclusive(t.db.db, 'sweep', { holder: 'b', at }, job)).toEqual({ ran: true, result: 'done' });
    expect(runs).toBe(2);
    // Another job's lease is its own.
    expect((await runExclusive(t.db.db, 'other sweep', { holder: 'a', at }, job)).ran).toBe(true);
  });

  it('releases the lease when the job fails, and lets another holder take a lease whose holder died', async () => {
    const clock = fixedClock(T0);
    const at = () => clock.now();
    await expect(runExclusive(t.db.db, 'sweep', { holder: 'a', at }, () => Promise.reject(new Error('broken')))).rejects.toThrow(
      'broken',
    );
    const [failed] = await t.db.db.select().from(jobRuns);
    expect(failed).toMatchObject({ heldBy: 'a', heldUntil: clock.now(), lastFinishedAt: clock.now() });

    // A holder that never finishes (its server was killed) keeps the job until its lease ends.
    clock.set(new Date(clock.now().getTime() + SWEEP_EVERY_MS));
    void runExclusive(t.db.db, 'sweep', { holder: 'a', at }, () => new Promise(() => {}));
    await expect.poll(async () => (await t.db.db.select().from(jobRuns))[0]?.lastFinishedAt).toBeNull();
    clock.set(new Date(clock.now().getTime() + JOB_LEASE_MS - 1));
    expect((await runExclusive(t.db.db, 'sweep', { holder: 'b', at }, async () => 1)).ran).toBe(false);
    clock.set(new Date(clock.now().getTime() + 1));
    expect((await runExclusive(t.db.db, 'sweep', { holder: 'b', at }, async () => 1)).ran).toBe(true);
  });

  it('runs every job of a sweep in order, reporting a failure by name and carrying on', async () => {
    const done: string[] = [];
    const failures: string[] = [];
    const jobs: TimedJob[] = [
      { name: 'first', run: async () => done.push('first') },
      { name: 'broken', run: () => Promise.reject(new Error('no')) },
      { name: 'last', run: async () => done.push('last') },
    ];
    const ran = await runTimedJobs(t.deps, jobs, { holder: 'a', onError: (job) => failures.push(job.name) });
    expect(ran).toEqual(['first', 'last']);
    expect(done).toEqual(['first', 'last']);
    expect(failures).toEqual(['broken']);
    expect(await runTimedJobs(t.deps, jobs, { holder: 'b', onError: (job) => failures.push(job.name) })).toEqual([]);
  });

  const Store = () => new (databaseRateLimitStore(t.db.db))({} as never) as RateLimitStore;
  const call = (store: RateLimitStore, method: 'incr' | 'read', key: string, windowMs = 60_000) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) =>
      store[method](key, (err, res) => (err ? reject(err) : resolve(res!)), windowMs, 5),
    );

  it('counts hits per key and route in one shared window, whichever server (store) counts them', async () => {
    const login = { routeInfo: { method: 'POST', url: '/api/v1/auth/login' } } as never;
    const serverA = Store().child(login) as RateLimitStore;
    const serverB = Store().child(login) as RateLimitStore;
    expect((await call(serverA, 'incr', '203.0.113.9')).current).toBe(1);
    expect((await call(serverB, 'incr', '203.0.113.9')).current).toBe(2);
    const third = await call(serverA, 'incr', '203.0.113.9');
    expect(third.current).toBe(3);
    expect(third.ttl).toBeGreaterThan(0);
    expect(third.ttl).toBeLessThanOrEqual(60_000);
    expect((await call(serverB, 'read', '203.0.113.9')).current).toBe(3);
    // Another caller, and the same caller on another route or the global limit, count apart.
    expect((await call(serverA, 'incr', '203.0.113.10')).current).toBe(1);
    const reset = Store().child({ routeInfo: { method: 'POST', url: '/api/v1/auth/reset' } } as never) as RateLimitStore;
    expect((await call(reset, 'incr', '203.0.113.9')).current).toBe(1);
    expect((await call(Store(), 'incr', '203.0.113.9')).current).toBe(1);
    // Nothing personal is stored: keys are hashes.
    const keys = (await t.db.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
  });

  it('starts a new window once the old one ended, and the sweep deletes ended windows only', async () => {
    const store = Store();
    await call(store, 'incr', 'k');
    await call(store, 'incr', 'k');
    await call(store, 'incr', 'other');
    // The database's clock decides windows: end k's window (the row with two hits) now.
    const endWindowOfTwoHits = () =>
      t.db.db.execute(sql`update ${rateLimits} set window_ends_at = now() - interval '1 second' where hits = 2`);
    await endWindowOfTwoHits();
    expect(await call(store, 'read', 'k')).toEqual({ current: 0, ttl: 0 });
    expect(await sweepRateLimits(t.db.db)).toEqual({ removed: 1 });
    expect((await call(store, 'incr', 'k')).current).toBe(1);
    // Without a sweep in between, a hit after the window starts a new one too.
    expect((await call(store, 'incr', 'other')).current).toBe(2);
    await endWindowOfTwoHits();
    expect((await call(store, 'incr', 'other')).current).toBe(1);
  });
});
