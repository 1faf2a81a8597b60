import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS } from '../../core/outbox';
import { assessmentJobs } from '../features/assessments';
import { loadCurriculum } from '../features/curriculum';
import { engagementJobs } from '../features/engagement';
import { guidanceJobs } from '../features/guidance';
import { loadTraining } from '../features/volunteers';
import { buildApp } from '../http/app';
import { freshDatabase, T0 } from '../testing/harness';
import { dropDatabase } from '../testing/postgres';
import { newId } from './ids';
import { fixedClock } from './clock';
import type { Deps } from './context';
import { openDatabase, type Database } from './database';
import { JOB_LEASE_MS, platformJobs, runTimedJobs, SWEEP_EVERY_MS, type TimedJob } from './jobs';
import { jobRuns } from './jobs.table';
import { createMailer, smtpTransport, type Mailer } from './mail';
import { outboxMessages } from './mail.table';
import type { OutboxTransport } from './outbox';
import { createTexter } from './sms';

const url = process.env.DATABASE_URL;

/**
 * Two Kindred servers on one PostgreSQL database (ADR 0043): each with its own connection pool, its
 * own mailer, its own clock and its own name, as two processes behind a reverse proxy would be. The
 * SMTP stand-in records every message it accepted by Message-ID. PGlite is one process by design
 * (it holds a lock on its data directory), so there is no second server to run against it: on
 * PGlite this file is skipped, and CI runs it on PostgreSQL (`.ci/run`, DATABASE_URL set).
 */
describe.skipIf(!url)('two servers on one PostgreSQL database (skipped on PGlite: it serves one process only)', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let smtp: SMTPServer;
  let smtpUrl = '';
  /** Message-IDs in the order the stand-in accepted them. */
  const accepted: string[] = [];
  const open: Database[] = [];

  beforeAll(async () => {
    fresh = await freshDatabase();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const id = /^Message-ID:\s*(<[^>]+>)/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1];
          accepted.push(id ?? 'none');
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const db of open) await db.close().catch(() => undefined);
    await fresh?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });
  beforeEach(async () => {
    await fresh.db.db.delete(outboxMessages);
    await fresh.db.db.delete(jobRuns);
    accepted.length = 0;
  });

  /**
   * One server: a pool of its own on the shared database, a mailer whose transport is real SMTP
   * behind `gate` (asked before each send: it may hold the send to simulate a server killed or stopped
   * mid-sweep), its own clock.
   */
  async function server(
    gate: (n: number, send: () => Promise<{ providerRef: string | null }>) => Promise<{ providerRef: string | null }>,
  ) {
    const database = await openDatabase({ kind: 'postgres', url: fresh.url! });
    open.push(database);
    const smtpOut = smtpTransport({ smtpUrl, from: 'Kindred <no-reply@kindred.test>' });
    let n = 0;
    const transport: OutboxTransport = { send: (m) => gate(++n, () => smtpOut.send(m)) };
    const clock = fixedClock(T0);
    const mailer = createMailer({ smtpUrl: null, from: 'Kindred <no-reply@kindred.test>', transport });
    const deps: Deps & { mailer: Mailer } = {
      db: database.db,
      clock,
      mailer,
      texter: createTexter({ sms: null }),
      publicUrl: 'http://kindred.test',
      curriculum: loadCurriculum(),
      training: loadTraining(),
    };
    const at = () => clock.now();
    return {
      database,
      deps,
      clock,
      /** Delivery runs until one finds nothing to send. */
      async deliverAll() {
        let total = 0;
        for (;;) {
          const run = await mailer.deliverPending(database.db, at);
          total += run.sent;
          if (run.sent + run.failed === 0) return total;
        }
      },
      /** A killed process: its pool is gone and its hung send never returns. */
      async kill() {
        smtpOut.close();
        await database.close();
      },
    };
  }
  const direct = (_n: number, send: () => Promise<{ providerRef: string | null }>) => send();

  async function enqueue(count: number) {
    const mailer = createMailer({
      smtpUrl: null,
      from: 'x@kindred.test',
      transport: { send: () => Promise.reject(new Error('unused')) },
    });
    const ids: string[] = [];
    for (let i = 0; i < count; i++)
      await mailer.enqueue(
        fresh.db.db,
        {
          programId: null,
          to: `person${i}@test.org`,
          subject: 'Your next session',
          text: `Message ${i}`,
          idempotencyKey: `multi:${i}`,
        },
        new Date(T0),
      );
    for (const r of await fresh.db.db.select({ id: outboxMessages.id }).from(outboxMessages)) ids.push(`<${r.id}@kindred>`);
    return ids.sort();
  }
  const states = async () => {
    const rows = await fresh.db.db.select({ state: outboxMessages.state }).from(outboxMessages);
    return rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.state]: (acc[r.state] ?? 0) + 1 }), {});
  };
  const later = (s: { clock: ReturnType<typeof fixedClock> }, ms: number) => s.clock.set(new Date(s.clock.now().getTime() + ms));

  it('a server killed mid-sweep before its provider call: after the lease the other sends its message, every message exactly once', async () => {
    const ids = await enqueue(80);
    let killedAt: () => void = () => {};
    const killed = new Promise<void>((resolve) => {
      killedAt = resolve;
    });
    let sentTwo: () => void = () => {};
    const underWay = new Promise<void>((resolve) => {
      sentTwo = resolve;
    });
    // Server A sends five messages, then dies while holding its sixth claim, before SMTP sees it.
    const a = await server(async (n, send) => {
      if (n > 5) {
        killedAt();
        return new Promise(() => {});
      }
      const r = await send();
      if (n === 2) sentTwo();
      return r;
    });
    const b = await server(direct);
    void a.deliverAll();
    // B starts while A is under way, so A still has claims to make when the two run side by side.
    await underWay;
    const bSent = b.deliverAll();
    await killed;
    await a.kill();
    expect(await bSent).toBe(80 - 6);
    expect(await states()).toEqual({ sent: 79, sending: 1 });
    // Before the lease runs out the claim may belong to a live server: B leaves it.
    later(b, CLAIM_LEASE_MS - 1_000);
    expect(await b.deliverAll()).toBe(0);
    later(b, 2_000);
    expect(await b.deliverAll()).toBe(1);
    expect(await states()).toEqual({ sent: 80 });
    expect([...accepted].sort()).toEqual(ids);
  });

  it('a server stopped mid-sweep finishes the message in hand and claims no more; the other sends the rest, each once', async () => {
    const ids = await enqueue(60);
    let inHand: () => void = () => {};
    const holding = new Promise<void>((resolve) => {
      inHand = resolve;
    });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const a = await server(async (n, send) => {
      if (n === 4) {
        inHand();
        await released;
      }
      return send();
    });
    const b = await server(direct);
    const aRun = a.deliverAll();
    await holding;
    // The stop: A claims nothing more, and its stop waits for the message in hand.
    const drained = a.deps.mailer.drain();
    release();
    await drained;
    expect(await aRun).toBe(4);
    await a.kill();
    // No lease to wait for: nothing is left claimed.
    expect(await states()).toEqual({ sent: 4, queued: 56 });
    expect(await b.deliverAll()).toBe(56);
    expect([...accepted].sort()).toEqual(ids);
  });

  it('states the boundary: a server killed after SMTP accepted, before recording it, leaves that one message sent twice under one Message-ID', async () => {
    const ids = await enqueue(10);
    let killedAt: () => void = () => {};
    const killed = new Promise<void>((resolve) => {
      killedAt = resolve;
    });
    const a = await server(async (n, send) => {
      const r = await send();
      if (n < 3) return r;
      killedAt();
      return new Promise(() => {});
    });
    void a.deliverAll();
    await killed;
    await a.kill();
    const b = await server(direct);
    later(b, CLAIM_LEASE_MS + 1);
    // The seven never claimed, and the one A held.
    expect(await b.deliverAll()).toBe(8);
    expect(await states()).toEqual({ sent: 10 });
    // Every message arrived; the one in flight when A died arrived twice, with the same Message-ID,
    // which is what receivers that de-duplicate go by. Neither SMTP nor the outbox can do better.
    const counts = new Map<string, number>();
    for (const id of accepted) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(ids);
    expect([...counts.values()].filter((c) => c > 1)).toEqual([2]);
  });

  it('runs each timed job on one server when both tick, again one interval later, and takes over a job whose server died', async () => {
    const a = await server(direct);
    const b = await server(direct);
    const counted: string[] = [];
    const counting: TimedJob = {
      name: 'counting job',
      run: async (deps) => {
        counted.push(deps === a.deps ? 'a' : 'b');
      },
    };
    const jobs = [...engagementJobs, ...guidanceJobs, ...assessmentJobs, ...platformJobs, counting];
    const tick = (s: typeof a, holder: string) =>
      runTimedJobs(s.deps, jobs, {
        holder,
        onError: (job, err) => {
          throw new Error(`${job.name}: ${err.message}`);
        },
      });
    const [ranA, ranB] = await Promise.all([tick(a, 'server-a'), tick(b, 'server-b')]);
    expect([...ranA, ...ranB].sort()).toEqual(jobs.map((j) => j.name).sort());
    expect(counted).toHaveLength(1);
    // B's timer fires a few minutes after A's: nothing runs twice within the interval.
    later(b, 3 * 60_000);
    expect(await tick(b, 'server-b')).toEqual([]);
    // The next interval: both tick again, and again each job runs once.
    later(a, SWEEP_EVERY_MS);
    later(b, SWEEP_EVERY_MS - 3 * 60_000);
    const [again1, again2] = await Promise.all([tick(a, 'server-a'), tick(b, 'server-b')]);
    expect([...again1, ...again2]).toHaveLength(jobs.length);
    expect(counted).toHaveLength(2);

    // A dies inside the counting job: B does not start it while A's lease lasts, and does after.
    let stuck: () => void = () => {};
    const inJob = new Promise<void>((resolve) => {
      stuck = resolve;
    });
    const dying: TimedJob = {
      name: 'counting job',
      run: () => {
        stuck();
        return new Promise(() => {});
      },
    };
    later(a, SWEEP_EVERY_MS);
    void runTimedJobs(a.deps, [dying], { holder: 'server-a', onError: () => undefined });
    await inJob;
    await a.kill();
    later(b, SWEEP_EVERY_MS);
    expect(await tick(b, 'server-b')).not.toContain('counting job');
    later(b, JOB_LEASE_MS);
    expect(await tick(b, 'server-b')).toContain('counting job');
    expect(counted).toHaveLength(3);
    expect(counted[2]).toBe('b');
    const [row] = await fresh.db.db.select().from(jobRuns).where(eq(jobRuns.name, 'counting job'));
    expect(row).toMatchObject({ heldBy: 'server-b' });
    expect(row!.lastFinishedAt).not.toBeNull();
  });

  it('starts two servers at once on an empty database: one migrates, the other waits for it and starts too', async () => {
    const name = `kindred_test_${newId().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(url!);
    target.pathname = `/${name}`;
    try {
      const started = await Promise.allSettled([0, 1].map(() => openDatabase({ kind: 'postgres', url: target.toString() })));
      for (const s of started) if (s.status === 'fulfilled') await s.value.close();
      expect(started.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
    } finally {
      await dropDatabase(url!, name);
    }
  });

  it('counts a rate limit across both servers: requests spread over the two share one limit', async () => {
    const apps = await Promise.all(
      [await server(direct), await server(direct)].map((s) =>
        buildApp({
          deps: s.deps,
          session: { idleMinutes: 30, maxHours: 12 },
          cookieSecure: false,
          logger: false,
          webDir: null,
          isDemo: false,
          loginRateLimit: 4,
          oidc: null,
        }),
      ),
    );
    try {
      const login = (i: number) =>
        apps[i % 2]!.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'nobody@test.org', password: 'not the password' },
          remoteAddress: '198.51.100.7',
        });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await login(i)).statusCode);
      // Four attempts in the minute, two on each server; the fifth and sixth are refused on either.
      expect(statuses.slice(0, 4).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(4)).toEqual([429, 429]);
    } finally {
      for (const app of apps) await app.close();
    }
  });
});
