import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { ContactInput } from '../src/core/contacts';
import { loadActor } from '../src/server/features/accounts/accounts.service';
import { logContact } from '../src/server/features/contacts/contacts.service';
import { loadCurriculum } from '../src/server/features/curriculum';
import { loadTraining } from '../src/server/features/volunteers';
import { PgDialect } from 'drizzle-orm/pg-core';
import { PairsQuery } from '../src/core/engagement';
import { listPairs } from '../src/server/features/engagement/pairs.service';
import { pairsPageSql } from '../src/server/features/engagement/pairs.repository';
import { loadProgram, taskRulesOf } from '../src/server/features/programs';
import { coachToday } from '../src/server/features/tasks/tasks.service';
import { systemClock } from '../src/server/platform/clock';
import type { Caller, Deps } from '../src/server/platform/context';
import { openDatabase, type Database } from '../src/server/platform/database';
import { createMailer } from '../src/server/platform/mail';
import { createTexter } from '../src/server/platform/sms';
import { generateProgram, type GeneratedProgram } from './generate';
import { analysisMarkdown, runAnalysisBench } from './analysis';
import { fidelityMarkdown, runFidelityBench, type FidelityBenchResult } from './fidelity';
import { matchingMarkdown, runMatchingBench } from './matching';
import * as Q from './sql';

/**
 * `kindred bench`: contact-logging throughput, the coach's "Today" and staff's "Pairs that need
 * help" latency over a generated program, on PGlite and (when a URL is given) PostgreSQL, each next to the same SQL sent straight
 * through the driver. See docs/BENCHMARKS.md for what is measured and how to read it.
 */

export interface BenchOptions {
  participants: number;
  postgresUrl: string | null;
  /** Contacts logged per path (default 2,000). */
  contacts?: number;
  /** "Today" calls per path (default 200). */
  todayCalls?: number;
  /** Run the database benchmarks on PGlite too (default true; `--no-pglite` skips it). */
  pglite?: boolean;
  /** "Pairs that need help" calls per path (default 40). */
  pairsCalls?: number;
  /** Density of the generated contact history (default 2.85: about 250,000 contacts for 10,000 participants). */
  contactIntensity?: number;
  /** Where the JSON goes (default bench-results/ in the working directory). */
  outDir?: string;
  /**
   * Run only the database benchmarks, only matching, only the analysis (default all three), or
   * only the fidelity and engagement reports (never part of the default run: it generates a
   * program of its own).
   */
  only?: 'database' | 'matching' | 'analysis' | 'fidelity';
  /** Timed calls of each report in the fidelity benchmark (default 5). */
  fidelityCalls?: number;
  /** Participants (× 3 timepoints) in the analysis benchmark (default 100,000). */
  analysisParticipants?: number;
  /** Coaches in the matching benchmark (default 3,000; the waiting participants are `participants`). */
  coaches?: number;
}

type Params = unknown[];
type Query = (sql: string, params?: Params) => Promise<unknown[]>;

/** The driver with nothing in between: PGlite's client, or a pg.Pool like the one Kindred opens. */
interface RawDriver {
  query: Query;
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Stats {
  calls: number;
  totalMs: number;
  perSecond: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

interface PathResult extends Stats {
  operation: 'log_contact' | 'coach_today' | 'pairs_need_help';
  path: string;
  label: string;
  /** Use-case time ÷ this path's time, on the total (= mean) and on the median. */
  ratioMean: number;
  ratioP50: number;
}

interface TargetResult {
  database: 'PGlite' | 'PostgreSQL';
  version: string;
  openMs: number;
  generateMs: number;
  counts: GeneratedProgram['counts'];
  paths: PathResult[];
  /** Median of each statement run on its own through the driver, to show where the time goes. */
  statements: { operation: string; statement: string; p50Ms: number; meanMs: number }[];
}

const WARMUP_CONTACTS = 100;
const WARMUP_TODAY = 20;
const WARMUP_PAIRS = 5;
const ROUNDS = 8;
const STATEMENT_SAMPLES = 200;

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const totalMs = samples.reduce((s, x) => s + x, 0);
  return {
    calls: samples.length,
    totalMs,
    perSecond: samples.length / (totalMs / 1000),
    meanMs: totalMs / samples.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: sorted[sorted.length - 1] ?? 0,
  };
}

/** Times `fn(i)` once per index, sequentially; each sample in milliseconds. */
async function timeEach(indexes: number[], fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const i of indexes) {
    const t = process.hrtime.bigint();
    await fn(i);
    out.push(ms(t));
  }
  return out;
}

/**
 * Runs every path in interleaved rounds (A, B, C, A, B, C, ...) after a warm-up, so a busy machine
 * slows all paths alike instead of whichever happened to run during the disturbance.
 */
async function interleaved(
  paths: { key: string; run: (i: number) => Promise<unknown> }[],
  calls: number,
  warmup: number,
): Promise<Map<string, number[]>> {
  const samples = new Map(paths.map((p) => [p.key, [] as number[]]));
  // Each path counts its own calls 0, 1, 2, ... (warm-up included), so it never repeats an index.
  const next = new Map(paths.map((p) => [p.key, 0]));
  const take = (key: string, k: number) => {
    const from = next.get(key)!;
    next.set(key, from + k);
    return Array.from({ length: k }, (_, j) => from + j);
  };
  for (const p of paths) await timeEach(take(p.key, warmup), p.run);
  const perRound = Math.ceil(calls / ROUNDS);
  for (let done = 0; done < calls; done += perRound) {
    const k = Math.min(perRound, calls - done);
    for (const p of paths) samples.get(p.key)!.push(...(await timeEach(take(p.key, k), p.run)));
  }
  return samples;
}

function pgliteDriver(db: Database): RawDriver {
  const client = db.pglite!;
  const query: Query = async (sql, params) => (await client.query(sql, params)).rows;
  return {
    query,
    transaction: (fn) => client.transaction((tx) => fn(async (sql, params) => (await tx.query(sql, params)).rows)),
    close: async () => undefined,
  };
}

function postgresDriver(url: string): RawDriver {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined); // an idle connection closed under us is not a benchmark failure
  return {
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(async (sql, params) => (await client.query(sql, params)).rows);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback');
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function benchTarget(
  database: TargetResult['database'],
  open: () => Promise<{ db: Database; raw: RawDriver }>,
  opts: Required<Pick<BenchOptions, 'participants' | 'contacts' | 'todayCalls' | 'pairsCalls' | 'contactIntensity'>>,
  say: (s: string) => void,
): Promise<TargetResult> {
  let t = process.hrtime.bigint();
  const { db, raw } = await open();
  const openMs = ms(t);
  const mailer = createMailer({ smtpUrl: null, from: 'Kindred <bench@example.org>' });
  try {
    const [{ version } = { version: '?' }] = (await raw.query('select version() as version')) as { version: string }[];
    say(`${database}: opened and migrated in ${(openMs / 1000).toFixed(1)} s (${version.split(' on ')[0]})`);

    t = process.hrtime.bigint();
    const gen = await generateProgram(db.db, {
      participants: opts.participants,
      now: new Date(),
      contactIntensity: opts.contactIntensity,
    });
    const generateMs = ms(t);
    say(
      `${database}: generated ${gen.counts.participants} participants, ${gen.counts.coaches} coaches, ` +
        `${gen.counts.pairings} pairings, ${gen.counts.contacts} contacts in ${(generateMs / 1000).toFixed(1)} s`,
    );
    await raw.query('analyze');

    const deps: Deps = {
      db: db.db,
      clock: systemClock,
      mailer,
      texter: createTexter({ sms: null }),
      publicUrl: 'http://bench.invalid',
      curriculum: loadCurriculum(),
      training: loadTraining(),
    };
    const coordinator = await loadActor(db.db, gen.coordinatorPersonId);
    const coach = await loadActor(db.db, gen.coachPersonId);
    if (!coordinator || !coach) throw new Error('benchmark accounts missing');
    const asCoordinator: Caller = { actor: coordinator, requestId: 'bench', ip: null };
    const asCoach: Caller = { actor: coach, requestId: 'bench', ip: null };
    const { programId } = gen;

    // ---- Contact logging -------------------------------------------------------------------
    // Each path logs into its own slice of distinct participants (cycling when N is small).
    const pool = gen.loggableParticipantIds;
    const pairingOf = new Map(
      (
        (await raw.query('select participant_id, id, coach_id from pairings where program_id = $1 and ended_at is null', [
          programId,
        ])) as { participant_id: string; id: string; coach_id: string }[]
      ).map((r) => [r.participant_id, r]),
    );
    const slice = (k: number) => (i: number) => pool[(k * (opts.contacts + WARMUP_CONTACTS) + i) % pool.length]!;
    const occurredAt = () => new Date(Date.now() - 3_600_000).toISOString();
    const input = (participantId: string): ContactInput => ({
      participantId,
      clientKey: randomUUID(),
      occurredAt: occurredAt(),
      channel: 'phone',
      outcome: 'reached',
      minutes: 20,
      topics: ['pacing'],
      discussedStrategies: true,
      gaveEncouragement: true,
      discussedAdjusting: false,
      discussedGoals: true,
      note: 'Benchmark contact.',
    });
    const insertParams = (c: ContactInput, pairing: { id: string; coach_id: string }, contactId: string, now: string): Params => [
      contactId,
      programId,
      pairing.id,
      c.participantId,
      pairing.coach_id,
      c.clientKey,
      new Date(c.occurredAt).toISOString(),
      c.channel,
      c.outcome,
      c.outcome === 'reached',
      c.minutes,
      JSON.stringify(c.topics),
      c.discussedStrategies,
      c.gaveEncouragement,
      c.discussedAdjusting,
      c.discussedGoals,
      c.note,
      coordinator.personId,
      now,
    ];
    const auditParams = (contactId: string, now: string): Params => [
      now,
      coordinator.personId,
      'contact:create',
      'contact',
      contactId,
      programId,
      null,
      'bench',
    ];
    const rawInsert = async (c: ContactInput, pairing: { id: string; coach_id: string }) => {
      const now = new Date().toISOString();
      const id = randomUUID();
      await raw.transaction(async (q) => {
        const [inserted] = await q(Q.INSERT_CONTACT, insertParams(c, pairing, id, now));
        if (inserted) await q(Q.INSERT_AUDIT, auditParams(id, now));
      });
    };
    const contactPaths = [
      {
        key: 'use_case',
        label: 'Kindred use case (logContact)',
        run: async (i: number) => {
          const { isNew } = await logContact(deps, asCoordinator, programId, input(slice(0)(i)));
          if (!isNew) throw new Error('contact was not new');
        },
      },
      {
        key: 'raw_same_statements',
        label: 'Raw SQL, same statements',
        run: async (i: number) => {
          const c = input(slice(1)(i));
          await raw.query(Q.SELECT_CONTACT_TARGET, [c.participantId, c.clientKey, programId]);
          const now = new Date().toISOString();
          const id = randomUUID();
          await raw.query(Q.INSERT_CONTACT_AUDITED, [
            ...insertParams(c, pairingOf.get(c.participantId)!, id, now),
            0,
            ...auditParams(id, now),
          ]);
        },
      },
      {
        key: 'raw_inserts_only',
        label: 'Raw SQL, insert + audit only',
        run: async (i: number) => {
          const c = input(slice(2)(i));
          await rawInsert(c, pairingOf.get(c.participantId)!);
        },
      },
    ];
    say(`${database}: logging ${opts.contacts} contacts on each of ${contactPaths.length} paths...`);
    const contactSamples = await interleaved(contactPaths, opts.contacts, WARMUP_CONTACTS);

    // ---- The coach's "Today" ---------------------------------------------------------------
    const today = await coachToday(deps, asCoach, programId);
    const todayPaths = [
      {
        key: 'use_case',
        label: 'Kindred use case (coachToday)',
        run: () => coachToday(deps, asCoach, programId),
      },
      {
        key: 'raw_same_statements',
        label: 'Raw SQL, same statements',
        run: async () => {
          const at = Date.now();
          const iso = (ms: number) => new Date(ms).toISOString();
          await raw.query(Q.SELECT_PROGRAM, [programId]);
          await Promise.all([
            raw.query(Q.SELECT_PAIRING_ACTIVITY_OF_COACH, [programId, gen.coachId]),
            raw.query(Q.SELECT_PARTICIPANTS_OF_COACH, [programId, gen.coachId]),
            raw.query(Q.SELECT_UPCOMING_SESSIONS_OF_COACH, [
              programId,
              gen.coachId,
              'scheduled',
              iso(at - 3 * 3_600_000),
              iso(at + 14 * 86_400_000),
            ]),
          ]);
          await Promise.all([
            raw.query(Q.SELECT_NEXT_SESSIONS_OF_COACH, [programId, gen.coachId, 'scheduled', iso(at - 7 * 86_400_000)]),
            raw.query(Q.SELECT_AGREED_NEXT_CONTACTS_OF_COACH, [gen.coachId, programId]),
          ]);
          const row = (action: string, entityType: string) => [
            iso(at),
            coach.personId,
            action,
            entityType,
            null,
            programId,
            null,
            'bench',
          ];
          const ids = today.participants.map((p) => p.id);
          await raw.query(Q.selectSharedCheckInsOf(ids.length), [programId, ...ids, iso(at - 120 * 86_400_000).slice(0, 10)]);
          await raw.query(Q.INSERT_AUDIT_THREE, [
            ...row('participant:list', 'participant'),
            ...row('scheduled_session:list', 'scheduled_session'),
            ...row('pain_check_in:list', 'pain_check_in'),
          ]);
        },
      },
    ];
    say(
      `${database}: "Today" for a coach with ${today.participants.length} participants and ${today.tasks.length} open tasks, ${opts.todayCalls} calls on each path...`,
    );
    const todaySamples = await interleaved(todayPaths, opts.todayCalls, WARMUP_TODAY);

    // ---- "Pairs that need help" (issue #3, paged in SQL since issue #14): one page of 50 ------
    const firstPage = PairsQuery.parse({});
    const filteredPage = PairsQuery.parse({ step: 'needs_help', sort: 'days_quiet', offset: 50 });
    const pairsFirst = await listPairs(deps, asCoordinator, programId, firstPage);
    const pairsFiltered = await listPairs(deps, asCoordinator, programId, filteredPage);
    const pairsPaths = [
      {
        key: 'use_case',
        label: 'First page, most urgent first (listPairs)',
        run: () => listPairs(deps, asCoordinator, programId, firstPage),
      },
      {
        key: 'filtered_page',
        label: 'Second page of "needs help" by days quiet (listPairs)',
        run: () => listPairs(deps, asCoordinator, programId, filteredPage),
      },
    ];
    const program = await loadProgram(db.db, asCoordinator, programId);
    const pairsRank = (q: typeof firstPage) => {
      const now = new Date();
      const scope = { programId, rules: taskRulesOf(program), now, coachSince: new Date(now.getTime() - 14 * 86_400_000) };
      return new PgDialect().sqlToQuery(pairsPageSql(scope, q));
    };
    const pairsRankRun = (statement: string, page: typeof firstPage) => ({
      operation: 'pairs_need_help',
      statement,
      run: () =>
        raw.transaction(async (q) => {
          await q(Q.SET_LOCAL_JIT_OFF);
          const { sql: text, params } = pairsRank(page);
          await q(text, params);
        }),
    });
    say(
      `${database}: "Pairs that need help" over ${pairsFirst.total} active pairs (${pairsFiltered.total} need help), pages of ${firstPage.limit}, ${opts.pairsCalls} calls on each path...`,
    );
    const pairsSamples = await interleaved(pairsPaths, opts.pairsCalls, WARMUP_PAIRS);

    // ---- Where the time goes: each statement alone -----------------------------------------
    const someone = slice(1)(0);
    const statementRuns: { operation: string; statement: string; run: () => Promise<unknown> }[] = [
      {
        operation: 'log_contact',
        statement: 'select program, pairing and client key together',
        run: () => raw.query(Q.SELECT_CONTACT_TARGET, [someone, randomUUID(), programId]),
      },
      {
        operation: 'log_contact',
        statement: 'transaction: insert contact + audit row',
        run: () => rawInsert(input(someone), pairingOf.get(someone)!),
      },
      {
        operation: 'log_contact',
        statement: 'insert contact + audit row in one statement',
        run: () => {
          const now = new Date().toISOString();
          const id = randomUUID();
          return raw.query(Q.INSERT_CONTACT_AUDITED, [
            ...insertParams(input(someone), pairingOf.get(someone)!, id, now),
            0,
            ...auditParams(id, now),
          ]);
        },
      },
      {
        operation: 'coach_today',
        statement: 'select pairing activity of coach',
        run: () => raw.query(Q.SELECT_PAIRING_ACTIVITY_OF_COACH, [programId, gen.coachId]),
      },
      {
        operation: 'coach_today',
        statement: 'select participant records of coach',
        run: () => raw.query(Q.SELECT_PARTICIPANTS_OF_COACH, [programId, gen.coachId]),
      },
      {
        operation: 'coach_today',
        statement: 'insert audit row',
        run: () =>
          raw.query(Q.INSERT_AUDIT, [
            new Date().toISOString(),
            coach.personId,
            'participant:list',
            'participant',
            null,
            programId,
            null,
            'bench',
          ]),
      },
      pairsRankRun('transaction: JIT off + rank every active pair, count the steps, one page of ids (first page)', firstPage),
      pairsRankRun(
        'transaction: JIT off + rank, count, one page of ids (second page of "needs help" by days quiet)',
        filteredPage,
      ),
    ];
    const statements: TargetResult['statements'] = [];
    for (const s of statementRuns) {
      await timeEach(
        Array.from({ length: 20 }, (_, i) => i),
        s.run,
      );
      const st = stats(
        await timeEach(
          Array.from({ length: STATEMENT_SAMPLES }, (_, i) => i),
          s.run,
        ),
      );
      statements.push({ operation: s.operation, statement: s.statement, p50Ms: st.p50Ms, meanMs: st.meanMs });
    }

    const results = (
      operation: PathResult['operation'],
      paths: { key: string; label: string }[],
      samples: Map<string, number[]>,
    ) => {
      const base = stats(samples.get('use_case')!);
      return paths.map((p) => {
        const s = stats(samples.get(p.key)!);
        return {
          operation,
          path: p.key,
          label: p.label,
          ...s,
          ratioMean: base.meanMs / s.meanMs,
          ratioP50: base.p50Ms / s.p50Ms,
        };
      });
    };
    return {
      database,
      version,
      openMs,
      generateMs,
      counts: gen.counts,
      paths: [
        ...results('log_contact', contactPaths, contactSamples),
        ...results('coach_today', todayPaths, todaySamples),
        ...results('pairs_need_help', pairsPaths, pairsSamples),
      ],
      statements,
    };
  } finally {
    mailer.close();
    await raw.close();
    await db.close();
  }
}

const f = (x: number, digits = 2) => x.toFixed(digits);
const OPERATION = {
  log_contact: 'Log a contact',
  coach_today: 'Coach "Today"',
  pairs_need_help: '"Pairs that need help"',
} as const;

export function markdownTable(targets: TargetResult[]): string {
  const lines = [
    '| Database | Operation | Path | Calls | Per second | Mean ms | p50 ms | p95 ms | Use case ÷ path |',
    '|---|---|---|--:|--:|--:|--:|--:|--:|',
  ];
  for (const t of targets) {
    for (const p of t.paths) {
      lines.push(
        `| ${t.database} | ${OPERATION[p.operation]} | ${p.label} | ${p.calls} | ${f(p.perSecond, 0)} | ${f(p.meanMs)} | ${f(p.p50Ms)} | ${f(p.p95Ms)} | ${p.path === 'use_case' ? '1' : `${f(p.ratioMean)}×`} |`,
      );
    }
  }
  return lines.join('\n');
}

export function markdownStatements(targets: TargetResult[]): string {
  const lines = [
    `| Statement (raw, alone) | ${targets.map((t) => `${t.database} p50 ms`).join(' | ')} |`,
    `|---|${targets.map(() => '--:').join('|')}|`,
  ];
  const first = targets[0];
  if (!first) return '';
  first.statements.forEach((s, i) => {
    lines.push(
      `| ${OPERATION[s.operation as keyof typeof OPERATION]}: ${s.statement} | ${targets.map((t) => f(t.statements[i]?.p50Ms ?? NaN, 3)).join(' | ')} |`,
    );
  });
  return lines.join('\n');
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/**
 * Drops the run's database. pg.Pool#end() resolves before its sockets have closed, and DROP ... WITH
 * (FORCE) would then kill a closing connection, which the pool reports as an unhandled 'error'
 * event; so wait (up to five seconds) until the server sees no session on the database first.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
      if (Number(rows[0]?.n ?? 0) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

export async function runBenchmarks(options: BenchOptions): Promise<void> {
  const opts = { contacts: 2000, todayCalls: 200, pairsCalls: 40, contactIntensity: 2.85, outDir: 'bench-results', ...options };
  if (!Number.isInteger(opts.participants) || opts.participants < 10)
    throw new Error('--participants must be a whole number of at least 10');
  const say = (s: string) => process.stdout.write(`${s}\n`);
  const started = new Date();
  const before = machine();
  say(
    `Kindred benchmarks: ${opts.participants} participants; ${before.cpus} CPUs, ${before.memoryGiB} GiB, node ${before.node}, load ${before.loadAverage.join(' ')}`,
  );

  // Matching is pure and runs first, so its memory is measured before the databases fill the heap.
  const matching =
    opts.only === undefined || opts.only === 'matching'
      ? runMatchingBench({ participants: opts.participants, coaches: opts.coaches ?? 3000 }, say)
      : [];
  const analysis =
    opts.only === undefined || opts.only === 'analysis' ? runAnalysisBench(opts.analysisParticipants ?? 100_000, say) : null;
  const databases = opts.only === undefined || opts.only === 'database';
  const fidelity: FidelityBenchResult[] = [];
  if (opts.only === 'fidelity') {
    const fopts = { participants: opts.participants, contactIntensity: opts.contactIntensity, calls: opts.fidelityCalls ?? 5 };
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      fidelity.push(await runFidelityBench('PGlite', db, fopts, say));
    } finally {
      await db.close();
    }
    if (opts.postgresUrl) {
      const name = `kindred_bench_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: opts.postgresUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(opts.postgresUrl);
      url.pathname = `/${name}`;
      try {
        const pgDb = await openDatabase({ kind: 'postgres', url: url.toString() });
        try {
          fidelity.push(await runFidelityBench('PostgreSQL', pgDb, fopts, say));
        } finally {
          await pgDb.close();
        }
      } finally {
        await dropDatabase(opts.postgresUrl, name);
      }
    } else say('PostgreSQL: skipped (give --postgres URL or set DATABASE_URL)');
  }

  const targets: TargetResult[] = [];
  if (databases && opts.pglite !== false)
    targets.push(
      await benchTarget(
        'PGlite',
        async () => {
          const db = await openDatabase({ kind: 'pglite', dataDir: null });
          return { db, raw: pgliteDriver(db) };
        },
        opts,
        say,
      ),
    );

  if (opts.postgresUrl && databases) {
    // A database of its own for the run, dropped afterwards, so nothing is written into the one named.
    const name = `kindred_bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: opts.postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(opts.postgresUrl);
    url.pathname = `/${name}`;
    try {
      targets.push(
        await benchTarget(
          'PostgreSQL',
          async () => {
            const db = await openDatabase({ kind: 'postgres', url: url.toString() });
            return { db, raw: postgresDriver(url.toString()) };
          },
          opts,
          say,
        ),
      );
    } finally {
      await dropDatabase(opts.postgresUrl, name);
    }
  } else if (databases) {
    say('PostgreSQL: skipped (give --postgres URL or set DATABASE_URL)');
  }

  const finished = new Date();
  const table = markdownTable(targets);
  const breakdown = markdownStatements(targets);
  say('');
  say(
    `Results (${finished.toISOString().slice(0, 10)}, ${opts.participants} participants, ${((finished.getTime() - started.getTime()) / 1000).toFixed(0)} s in all):`,
  );
  if (targets.length > 0) {
    say('');
    say(table);
    say('');
    say('Where the time goes (each statement alone through the driver, median):');
    say('');
    say(breakdown);
  }
  if (matching.length > 0) {
    say('');
    say('Matching (optimal beside the greedy baseline):');
    say('');
    say(matchingMarkdown(matching));
  }
  if (analysis) {
    say('');
    say("Analysis (kindred analyze beside R's lmer):");
    say('');
    say(analysisMarkdown(analysis));
  }
  if (fidelity.length > 0) {
    say('');
    say('Fidelity and engagement reports (contacts counted in the database) beside reading every contact:');
    say('');
    say(fidelityMarkdown(fidelity));
  }

  mkdirSync(opts.outDir, { recursive: true });
  const file = path.join(opts.outDir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const json = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    participants: opts.participants,
    contactsPerPath: opts.contacts,
    todayCallsPerPath: opts.todayCalls,
    pairsCallsPerPath: opts.pairsCalls,
    contactIntensity: opts.contactIntensity,
    machine: { ...before, loadAverageAfter: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    targets,
    matching,
    analysis,
    fidelity,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  say('');
  say(`JSON written to ${file}`);
}
