import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeCsv, mixedModel, parseCsv, readLongData, type AnalysisResult, type AnalysisSpec } from '../src/core/evaluation';
import { seededRandom } from '../src/server/demo/random';
import { projectPath } from '../src/server/platform/paths';

/**
 * The analysis benchmark: `kindred analyze` on a generated trial of N participants × 3 timepoints
 * (baseline, 3 and 6 months), beside R's `lmer` on the same file when Rscript is on the PATH
 * (scripts/r/bench-lmer.R). See docs/BENCHMARKS.md.
 */

export interface AnalysisBenchResult {
  participants: number;
  rows: number;
  fileMiB: number;
  /** Generating and writing the CSV (not part of the comparison). */
  generateMs: number;
  /** Reading the file, parsing and checking it, and every model: what `kindred analyze` does (wall clock). */
  analyzeMs: number;
  /** The same in CPU time of this process (user + system): what a busy machine does not inflate. */
  analyzeCpuMs: number;
  /** The mixed model alone, on data already in memory (the part R's lmer is timed on). */
  mixedMs: number;
  mixedCpuMs: number;
  r: {
    version: string;
    readSeconds: number;
    lmerSeconds: number;
    lmerCpuSeconds: number;
    /** Largest relative difference between R's and Kindred's estimates, SEs, SDs and REML criterion. */
    maxRelativeDifference: number;
  } | null;
  /** R's lmer ÷ Kindred's mixed model, wall clock (higher: Kindred faster). */
  ratio: number | null;
  /** The same in CPU time. */
  cpuRatio: number | null;
}

/** Standard normal deviates by Box–Muller from a seeded uniform source. */
function normal(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** A long CSV: two arms, 500 coaches as clusters (control: none), 10% of follow-ups missing. */
export function generateTrialCsv(participants: number, seed = 12): string {
  const rand = seededRandom(seed);
  const z = normal(rand);
  const lines = ['participant,arm,month,bpi,coach,age,sex,contacts'];
  for (let i = 0; i < participants; i++) {
    const coached = rand() < 0.5;
    const coach = coached ? `C${Math.floor(rand() * 500)}` : '';
    const age = Math.round(60 + 10 * z());
    const sex = rand() < 0.8 ? 'man' : 'woman';
    const u = 1.1 * z();
    const contacts = coached ? Math.floor(rand() * 12) : '';
    for (const month of [0, 3, 6]) {
      const effect = coached && month > 0 ? -0.8 : 0;
      const y = 6 + u + effect - 0.1 * month + z();
      const cell = month > 0 && rand() < 0.1 ? '' : y.toFixed(2);
      const first = month === 0;
      lines.push(
        `P${i},${coached ? 'coached' : 'control'},${month},${cell},${first ? coach : ''},${first ? age : ''},${first ? sex : ''},${first ? contacts : ''}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export const ANALYSIS_SPEC: AnalysisSpec = {
  id: 'participant',
  arm: 'arm',
  control: 'control',
  time: 'month',
  baseline: '0',
  outcome: 'bpi',
  cluster: 'coach',
  moderators: ['age', 'sex'],
  predictors: ['age', 'sex'],
  contacts: 'contacts',
  target: 6,
};

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

function hasRscript(): boolean {
  return spawnSync('Rscript', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs the benchmark once; each time is the best of `repeats` runs (R: one run). */
export function runAnalysisBench(participants: number, say: (s: string) => void, repeats = 3): AnalysisBenchResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kindred-analysis-bench-'));
  try {
    let t = process.hrtime.bigint();
    const csv = generateTrialCsv(participants);
    const file = path.join(dir, 'trial.csv');
    writeFileSync(file, csv);
    const generateMs = ms(t);
    const rows = participants * 3;
    const fileMiB = Buffer.byteLength(csv) / 2 ** 20;
    say(
      `Analysis: generated ${participants} participants × 3 timepoints (${rows} rows, ${fileMiB.toFixed(1)} MiB) in ${(generateMs / 1000).toFixed(1)} s`,
    );

    let analyzeMs = Infinity;
    let analyzeCpuMs = Infinity;
    let result: AnalysisResult | null = null;
    for (let r = 0; r < repeats; r++) {
      t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      result = analyzeCsv(readFileSync(file, 'utf8'), ANALYSIS_SPEC);
      analyzeMs = Math.min(analyzeMs, ms(t));
      analyzeCpuMs = Math.min(analyzeCpuMs, cpuMs(cpu));
    }
    // The mixed model alone, on the data already read (as R's lmer is timed after read.csv).
    const data = readLongData(parseCsv(csv), ANALYSIS_SPEC);
    let mixedMs = Infinity;
    let mixedCpuMs = Infinity;
    for (let r = 0; r < repeats; r++) {
      t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      mixedModel(data);
      mixedMs = Math.min(mixedMs, ms(t));
      mixedCpuMs = Math.min(mixedCpuMs, cpuMs(cpu));
    }
    say(
      `Analysis: kindred analyze ${(analyzeMs / 1000).toFixed(2)} s in all (CPU ${(analyzeCpuMs / 1000).toFixed(2)} s); ` +
        `the mixed model alone ${(mixedMs / 1000).toFixed(2)} s (CPU ${(mixedCpuMs / 1000).toFixed(2)} s)`,
    );

    let r: AnalysisBenchResult['r'] = null;
    if (hasRscript()) {
      const script = projectPath('scripts', 'r', 'bench-lmer.R');
      const out = JSON.parse(execFileSync('Rscript', [script, file], { encoding: 'utf8', maxBuffer: 1 << 24 })) as {
        version: string;
        read_seconds: number;
        lmer_seconds: number;
        lmer_cpu_seconds: number;
        estimates: Record<string, number>;
        se: Record<string, number>;
        sd_participant: number;
        sd_residual: number;
        reml_criterion: number;
      };
      const mixed = result!.mixed;
      let maxRelativeDifference = NaN;
      if (!('error' in mixed)) {
        const rel = (a: number, b: number) => Math.abs(a / b - 1);
        const diffs = Object.entries(out.estimates).flatMap(([k, v]) => [
          rel(mixed.terms[k]!.estimate, v),
          rel(mixed.terms[k]!.se, out.se[k]!),
        ]);
        diffs.push(
          rel(mixed.sd_participant, out.sd_participant),
          rel(mixed.sd_residual, out.sd_residual),
          rel(mixed.reml_criterion, out.reml_criterion),
        );
        maxRelativeDifference = Math.max(...diffs);
      }
      r = {
        version: out.version,
        readSeconds: out.read_seconds,
        lmerSeconds: out.lmer_seconds,
        lmerCpuSeconds: out.lmer_cpu_seconds,
        maxRelativeDifference,
      };
      say(
        `Analysis: R ${out.version}: read.csv ${out.read_seconds.toFixed(2)} s, lmer ${out.lmer_seconds.toFixed(2)} s (CPU ${out.lmer_cpu_seconds.toFixed(2)} s); ` +
          `largest relative difference from Kindred ${maxRelativeDifference.toExponential(1)}`,
      );
    } else {
      say('Analysis: R skipped (Rscript not on the PATH)');
    }
    return {
      participants,
      rows,
      fileMiB,
      generateMs,
      analyzeMs,
      analyzeCpuMs,
      mixedMs,
      mixedCpuMs,
      r,
      ratio: r ? (r.lmerSeconds * 1000) / mixedMs : null,
      cpuRatio: r ? (r.lmerCpuSeconds * 1000) / mixedCpuMs : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Markdown table for docs/BENCHMARKS.md: wall clock, and CPU time in brackets. */
export function analysisMarkdown(r: AnalysisBenchResult): string {
  const s = (wall: number, cpu: number) => `${(wall / 1000).toFixed(2)} (${(cpu / 1000).toFixed(2)})`;
  const x = (v: number | null) => (v ? `${v.toFixed(1)}×` : '–');
  return [
    '| Participants × timepoints | Rows | File MiB | kindred analyze, all models, s (CPU) | Kindred mixed model, s (CPU) | R read.csv, s | R lmer, s (CPU) | lmer ÷ Kindred mixed (CPU) | Largest relative difference from lmer |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    `| ${r.participants.toLocaleString('en')} × 3 | ${r.rows.toLocaleString('en')} | ${r.fileMiB.toFixed(1)} | ${s(r.analyzeMs, r.analyzeCpuMs)} | ${s(r.mixedMs, r.mixedCpuMs)} | ${r.r ? r.r.readSeconds.toFixed(2) : '–'} | ${r.r ? s(r.r.lmerSeconds * 1000, r.r.lmerCpuSeconds * 1000) : '–'} | ${x(r.ratio)} (${x(r.cpuRatio)}) | ${r.r ? r.r.maxRelativeDifference.toExponential(1) : '–'} |`,
  ].join('\n');
}
