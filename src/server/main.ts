import type { FastifyBaseLogger } from 'fastify';
import { buildApp, type App } from './http/app';
import type { Config } from './config';
import { systemClock, type Clock } from './platform/clock';
import type { Deps } from './platform/context';
import { openDatabase, type Database } from './platform/database';
import { lockDataDir, type DirLock } from './platform/lock';
import { createLogger, loggableError } from './platform/logger';
import { platformJobs, runTimedJobs, serverName, SWEEP_EVERY_MS, type TimedJob } from './platform/jobs';
import { createMailer } from './platform/mail';
import { createTexter } from './platform/sms';
import { backupEmbedded, isBackupRunning, type BackupResult } from './platform/backup';
import { dbDir, moveLegacyLayout, socketPath } from './platform/datadir';
import { makeFirstDatabase, needsFirstStart } from './platform/first-start';
import { checkDatabase, summarizeCheck } from './platform/dbcheck';
import { serveControl } from './platform/control';
import type { Server as ControlServer } from 'node:net';
import { isDatabaseEmpty, seedDemo } from './demo/seed';
import { engagementJobs } from './features/engagement';
import { loadCurriculum } from './features/curriculum';
import { loadTraining } from './features/volunteers';
import { guideContent, guidanceJobs } from './features/guidance';
import { assessmentJobs } from './features/assessments';
import { plansJobs } from './features/plans';
import { interviewJobs } from './features/interviews';

export interface RunningServer {
  app: App;
  db: Database;
  url: string;
  stop(): Promise<void>;
}

/** Composition root: config → curriculum → lock → database (migrated) → demo seed → HTTP, and a clean stop. */
export async function startServer(
  config: Config,
  opts: {
    clock?: Clock;
    webDir?: string | null;
    /**
     * Make a new embedded database (and the demo seed) on an instance of its own and open it anew,
     * so a first start idles like a restart (`kindred serve`; ADR 0049 amendment).
     */
    firstStartApart?: boolean;
  } = {},
): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  // Bad content stops start-up before anything is opened, naming each file and problem.
  const curriculum = loadCurriculum({ extraDir: config.curriculumDir });
  const training = loadTraining();
  guideContent();
  let lock: DirLock | null = null;
  let db: Database;
  try {
    if (config.database.kind === 'pglite') {
      lock = lockDataDir(config.database.dataDir);
      // The database moves into <dataDir>/db, away from backups/ and the lock (ADR 0019).
      if (moveLegacyLayout(config.database.dataDir))
        logger.info('moved the embedded database into db/ inside the data directory');
      if (opts.firstStartApart && needsFirstStart(config.database.dataDir)) {
        logger.info('making the new embedded database');
        const isDemo = config.isDemo;
        await makeFirstDatabase(config.database.dataDir, async (first) => {
          if (isDemo && (await isDatabaseEmpty(first.db))) await seedDemo(first.db, (opts.clock ?? systemClock).now());
        });
      }
    }
    db = await openDatabase(
      config.database.kind === 'pglite'
        ? { kind: 'pglite', dataDir: dbDir(config.database.dataDir), amcheck: lock?.tookOver != null }
        : config.database,
    );
  } catch (err) {
    lock?.release();
    throw err;
  }
  if (lock?.tookOver && db.pglite) {
    // An unclean stop: PGlite runs with fsync off, so a crash can damage more than the last writes.
    const pglite = db.pglite;
    logger.warn({ reason: lock.tookOver }, 'the previous Kindred process did not stop cleanly; checking the database');
    const check = await checkDatabase((sql, params) => pglite.query(sql, params), { amcheck: true });
    if (check.problems.length)
      logger.error(
        { problems: check.problems },
        `database check after an unclean stop: ${summarizeCheck(check)}. Stop Kindred and restore the latest backup (kindred restore).`,
      );
    else logger.info(`database check after an unclean stop: ${summarizeCheck(check)}`);
  }
  if (db.kind === 'pglite' && !config.isDemo)
    logger.warn(
      'This deployment runs on the embedded database (PGlite), which does not fsync: a power cut or crash ' +
        'can corrupt it, not only lose the latest writes. Use PostgreSQL (DATABASE_URL) for production.',
    );
  const clock = opts.clock ?? systemClock;
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const texter = createTexter({
    sms: config.sms,
    onCaptured: (id) => logger.info({ messageId: id }, 'text message captured (log-only provider)'),
  });
  const deps: Deps = { db: db.db, clock, mailer, texter, publicUrl: config.publicUrl, curriculum, training };
  if (config.isDemo && (await isDatabaseEmpty(db.db))) {
    logger.info('seeding the demo program');
    await seedDemo(db.db, clock.now());
  }
  const app = await buildApp({
    deps,
    session: config.session,
    cookieSecure: config.cookieSecure,
    logger: logger as unknown as FastifyBaseLogger,
    isDemo: config.isDemo,
    trustProxy: config.trustProxy,
    oidc: config.oidc,
    audioMaxBytes: config.audioMaxBytes,
    ...(opts.webDir !== undefined ? { webDir: opts.webDir } : {}),
  });
  // What a write request queued (a sign-in code, a reset link) leaves as soon as it has answered;
  // the timer below still delivers the rest and retries.
  app.addHook('onResponse', async (req) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const at = () => clock.now();
    mailer.deliverSoon(deps.db, at, (err) => logger.error({ err: loggableError(err) }, 'mail delivery failed'));
    texter.deliverSoon(deps.db, at, (err) => logger.error({ err: loggableError(err) }, 'text delivery failed'));
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;

  const timers: NodeJS.Timeout[] = [];
  timers.push(
    setInterval(() => {
      mailer
        .deliverPending(deps.db, () => clock.now())
        .catch((err: Error) => logger.error({ err: loggableError(err) }, 'mail delivery failed'));
      texter
        .deliverPending(deps.db, () => clock.now())
        .catch((err: Error) => logger.error({ err: loggableError(err) }, 'text delivery failed'));
    }, 15_000),
  );
  // The features' timed work (issue #14), one job after another in this order, each failure logged with the job's name.
  const jobs: readonly TimedJob[] = [
    ...engagementJobs,
    ...interviewJobs,
    ...guidanceJobs,
    ...assessmentJobs,
    ...plansJobs,
    ...platformJobs,
  ];
  // Each job runs under a lease in job_runs, so of several servers on one database one runs it per interval (ADR 0043).
  const holder = serverName();
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    sweeping = sweeping.then(() =>
      runTimedJobs(deps, jobs, {
        holder,
        onError: (job, err) => logger.error({ err: loggableError(err) }, `${job.name} failed`),
      }),
    );
  };
  sweep();
  timers.push(setInterval(sweep, SWEEP_EVERY_MS));
  let control: ControlServer | null = null;
  let backups: Promise<unknown> = Promise.resolve();
  if (db.kind === 'pglite' && config.database.kind === 'pglite') {
    const dataDir = config.database.dataDir;
    // Wall-clock time names the archives (not the injectable clock: two backups must never share a name).
    const takeBackup = (out: string | null): Promise<BackupResult> => {
      const run = backupEmbedded(db, dataDir, new Date(), { out: out ?? undefined, retention: config.backupRetention }).then(
        (r) => {
          const { file, bytes, heldMs, tookMs, maxBlockMs } = r;
          logger.info({ file, bytes, heldMs, tookMs, maxBlockMs, removed: r.removed.length }, 'backup written');
          return r;
        },
      );
      backups = backups.then(() => run).catch(() => undefined);
      return run;
    };
    if (config.backupHours > 0)
      timers.push(
        setInterval(() => {
          if (isBackupRunning(dataDir)) return logger.warn('backup skipped: the previous one is still running');
          takeBackup(null).catch((err: Error) => logger.error({ err: loggableError(err) }, 'backup failed'));
        }, config.backupHours * 3_600_000),
      );
    // `kindred backup` asks the running server through this socket (mode 0600).
    control = await serveControl(socketPath(dataDir), takeBackup).catch((err: Error) => {
      logger.warn({ err: loggableError(err) }, 'could not open the control socket');
      return null;
    });
    if (!control)
      logger.warn('the data directory path is too long for a control socket; `kindred backup` cannot reach this server');
  }
  for (const t of timers) t.unref();

  let stopped = false;
  return {
    app,
    db,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearInterval(t);
      if (control) await new Promise<void>((resolve) => control!.close(() => resolve()));
      await sweeping;
      // The message in hand is sent and recorded; the rest stays queued for the other servers.
      await Promise.all([mailer.drain(), texter.drain()]);
      await backups;
      await app.close();
      mailer.close();
      await db.close();
      lock?.release();
    },
  };
}
