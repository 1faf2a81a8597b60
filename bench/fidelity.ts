import { sql } from 'drizzle-orm';
import v8 from 'node:v8';
import vm from 'node:vm';
import { reportForOperator } from '../src/server/features/fidelity';
import { selectRows, type Database } from '../src/server/platform/database';
import { generateProgram, type GeneratedProgram } from './generate';

/**
 * The fidelity and engagement reports over a generated program (issue #12): time and the growth of
 * the JavaScript heap while each runs, beside what the reports read before they counted contacts
 * in the database (every reached contact of the program as a row). See docs/BENCHMARKS.md.
 */

export interface FidelityPathResult {
  key: 'fidelity_report' | 'engagement_report' | 'every_contact';
  label: string;
  calls: number;
  p50Ms: number;
  meanMs: number;
  maxMs: number;
  /** Highest heap used while the call ran, above the heap before it (after a full collection), MB. */
  peakHeapMb: number;
}

export interface FidelityBenchResult {
  database: 'PGlite' | 'PostgreSQL';
  generateMs: number;
  counts: GeneratedProgram['counts'];
  reachedContacts: number;
  paths: FidelityPathResult[];
}

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;

/** A full garbage collection between calls, so each call's peak starts from the same floor. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Runs `fn` once, sampling heapUsed every 2 ms; the time and the peak above the starting heap. */
async function measured(fn: () => Promise<unknown>, gc: () => void): Promise<{ ms: number; peakMb: number; result: unknown }> {
  gc();
  const floor = process.memoryUsage().heapUsed;
  let peak = floor;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 2);
  const t = process.hrtime.bigint();
  try {
    const result = await fn();
    const took = ms(t);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { ms: took, peakMb: (peak - floor) / 2 ** 20, result };
  } finally {
    clearInterval(timer);
  }
}

export async function runFidelityBench(
  database: FidelityBenchResult['database'],
  db: Database,
  opts: { participants: number; contactIntensity: number; calls: number },
  say: (s: string) => void,
): Promise<FidelityBenchResult> {
  const gc = collector();
  const t = process.hrtime.bigint();
  const gen = await generateProgram(db.db, {
    participants: opts.participants,
    now: new Date(),
    contactIntensity: opts.contactIntensity,
  });
  const generateMs = ms(t);
  await db.db.execute(sql`analyze`);
  const [{ n } = { n: 0 }] = await selectRows<{ n: number | string }>(
    db.db,
    sql`select count(*) as n from contacts where program_id = ${gen.programId} and is_reached`,
  );
  const reachedContacts = Number(n);
  say(
    `${database}: generated ${gen.counts.participants} participants, ${gen.counts.contacts} contacts (${reachedContacts} reached) in ${(generateMs / 1000).toFixed(1)} s`,
  );

  const paths: {
    key: FidelityPathResult['key'];
    label: string;
    run: () => Promise<unknown>;
  }[] = [
    {
      key: 'fidelity_report',
      label: 'Fidelity report (reportForOperator)',
      run: () => reportForOperator(db.db, new Date(), gen.programId, 'fidelity'),
    },
    {
      key: 'engagement_report',
      label: 'Engagement report (reportForOperator)',
      run: () => reportForOperator(db.db, new Date(), gen.programId, 'engagement'),
    },
    {
      key: 'every_contact',
      label: 'Before: every reached contact read into memory',
      run: () =>
        selectRows(
          db.db,
          sql`select participant_id, coach_id, occurred_at, discussed_strategies, gave_encouragement, discussed_adjusting,
                     discussed_goals
              from contacts where program_id = ${gen.programId} and is_reached
              order by occurred_at`,
        ),
    },
  ];

  const samples = new Map(paths.map((p) => [p.key, { ms: [] as number[], peak: 0 }]));
  for (const p of paths) await p.run(); // warm-up
  for (let round = 0; round < opts.calls; round++)
    for (const p of paths) {
      const m = await measured(p.run, gc);
      const s = samples.get(p.key)!;
      s.ms.push(m.ms);
      s.peak = Math.max(s.peak, m.peakMb);
    }
  const results = paths.map((p): FidelityPathResult => {
    const s = samples.get(p.key)!;
    const sorted = [...s.ms].sort((a, b) => a - b);
    return {
      key: p.key,
      label: p.label,
      calls: sorted.length,
      p50Ms: sorted[Math.floor(sorted.length / 2)]!,
      meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
      maxMs: sorted[sorted.length - 1]!,
      peakHeapMb: s.peak,
    };
  });
  for (const r of results) say(`${database}: ${r.label}: p50 ${r.p50Ms.toFixed(0)} ms, peak heap +${r.peakHeapMb.toFixed(1)} MB`);
  return { database, generateMs, counts: gen.counts, reachedContacts, paths: results };
}

export function fidelityMarkdown(results: readonly FidelityBenchResult[]): string {
  const lines = [
    '| Database | Participants | Reached contacts | Path | Calls | p50 ms | Mean ms | Max ms | Peak heap growth MB |',
    '|---|--:|--:|---|--:|--:|--:|--:|--:|',
  ];
  for (const r of results)
    for (const p of r.paths)
      lines.push(
        `| ${r.database} | ${r.counts.participants} | ${r.reachedContacts} | ${p.label} | ${p.calls} | ${p.p50Ms.toFixed(0)} | ${p.meanMs.toFixed(0)} | ${p.maxMs.toFixed(0)} | ${p.peakHeapMb.toFixed(1)} |`,
      );
  return lines.join('\n');
}
