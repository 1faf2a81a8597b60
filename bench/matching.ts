import os from 'node:os';
import {
  greedyMatches,
  MatchingSettings,
  proposeMatches,
  type MatchCoach,
  type MatchParticipant,
  type MatchResult,
} from '../src/core/matching';
import type { Channel, Gender, PainLocation, TimeOfDay } from '../src/core/shared/vocab';
import { pick, seededRandom } from '../src/server/demo/random';

/**
 * The matching benchmark: the optimal matcher (`proposeMatches`) beside the greedy baseline
 * (first come, best available) on generated programs of N waiting participants and M coaches, in
 * memory (no database: the matcher is pure). See docs/BENCHMARKS.md.
 */

/**
 * `stored`: only what the foundation recorded (before the volunteer journey and ADR 0016 added
 * training, availability, background, town, languages and coaches' birth years; all optional, so a
 * program may still hold only these); `all`: every attribute known (training, availability,
 * background, town, language); `roomy`: every attribute known and coaches offering about as many
 * places as there are waiting participants, so the hard rules, not the places, decide who is left.
 */
export type MatchingScenario = 'stored' | 'all' | 'roomy';

export interface MatchingBenchOptions {
  participants: number;
  coaches: number;
  scenarios?: MatchingScenario[];
  seed?: number;
}

type Rand = () => number;

/** Picks from weighted choices. */
function weighted<T>(r: Rand, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of choices) {
    x -= w;
    if (x < 0) return v;
  }
  return choices[choices.length - 1]![0];
}

const GENDER: readonly (readonly [Gender, number])[] = [
  ['man', 85],
  ['woman', 13],
  ['nonbinary', 1],
  ['not_stated', 1],
];
// Rough shares of chronic pain sites among veterans with musculoskeletal pain (back and knee lead).
const PAIN: readonly (readonly [PainLocation, number])[] = [
  ['low_back', 50],
  ['knee', 35],
  ['shoulder', 20],
  ['neck', 18],
  ['hip', 15],
  ['foot', 8],
  ['hand', 7],
  ['widespread', 6],
  ['other', 4],
];
const BRANCH: readonly (readonly [string, number])[] = [
  ['Army', 40],
  ['Navy', 20],
  ['Air Force', 18],
  ['Marine Corps', 15],
  ['Coast Guard', 4],
  ['Space Force', 1],
];
const ERA: readonly (readonly [string, number])[] = [
  ['Korea', 3],
  ['Vietnam', 30],
  ['Gulf War', 30],
  ['Post-9/11', 30],
  ['Peacetime', 7],
];
const TOWNS = Array.from({ length: 25 }, (_, k) => `Town ${k + 1}`);
const TIMES: TimeOfDay[] = ['morning', 'afternoon', 'evening'];

function painOf(r: Rand): PainLocation[] {
  const n = weighted(r, [
    [1, 50],
    [2, 35],
    [3, 15],
  ] as const);
  const out = new Set<PainLocation>();
  while (out.size < n) out.add(weighted(r, PAIN));
  return [...out];
}

function languagesOf(r: Rand): string[] {
  const x = r();
  return x < 0.85 ? ['English'] : x < 0.95 ? ['English', 'Spanish'] : ['Spanish'];
}

/** A generated program; `all` also fills the attributes Kindred does not store yet. */
export function generateMatchingProgram(
  n: number,
  m: number,
  scenario: MatchingScenario,
  seed = 6,
): { participants: MatchParticipant[]; coaches: MatchCoach[] } {
  const r = seededRandom(seed);
  const all = scenario !== 'stored';
  const participants: MatchParticipant[] = Array.from({ length: n }, (_, k) => {
    const modality = weighted<Channel>(r, [
      ['phone', 60],
      ['in_person', 20],
      ['video', 15],
      ['text', 5],
    ]);
    const day = 1 + Math.floor(r() * 90);
    return {
      id: `p-${String(k).padStart(6, '0')}`,
      gender: weighted(r, GENDER),
      genderMatters: r() < 0.7,
      canShareContact: r() < 0.95,
      modalities: [modality],
      times: r() < 0.3 ? [] : TIMES.filter(() => r() < 0.5),
      painLocations: painOf(r),
      birthYear: r() < 0.05 ? null : 1940 + Math.floor(r() * 56),
      waitingSince: new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10),
      ...(all
        ? {
            serviceBranch: weighted(r, BRANCH),
            serviceEra: weighted(r, ERA),
            town: pick(r, TOWNS),
            languages: languagesOf(r),
          }
        : {}),
    };
  });
  const coaches: MatchCoach[] = Array.from({ length: m }, (_, k) => {
    // ECLIPSE: 47% of coaches chose to coach one participant.
    const caseload =
      scenario === 'roomy'
        ? weighted(r, [
            [3, 30],
            [4, 40],
            [5, 30],
          ] as const)
        : weighted(r, [
            [1, 47],
            [2, 30],
            [3, 15],
            [4, 5],
            [5, 3],
          ] as const);
    const modalities = (['phone', 'video', 'in_person', 'text'] as const).filter((c, i) => r() < [0.9, 0.4, 0.4, 0.3][i]!);
    return {
      id: `c-${String(k).padStart(6, '0')}`,
      gender: weighted(r, GENDER),
      status: weighted(r, [
        ['active', 90],
        ['paused', 7],
        ['retired', 3],
      ] as const),
      capacityLeft: caseload,
      modalities: modalities.length > 0 ? modalities : ['phone'],
      painLocations: painOf(r),
      ...(all
        ? {
            isTrained: r() < 0.9,
            times: TIMES.filter(() => r() < 0.6),
            birthYear: 1940 + Math.floor(r() * 50),
            serviceBranch: weighted(r, BRANCH),
            serviceEra: weighted(r, ERA),
            town: pick(r, TOWNS),
            languages: languagesOf(r),
          }
        : {}),
    };
  });
  return { participants, coaches };
}

export interface MatchingBenchResult {
  scenario: MatchingScenario;
  participants: number;
  coaches: number;
  places: number;
  optimal: {
    ms: number;
    matched: number;
    totalQuality: number;
    /** How much the process's peak resident set grew while the matcher ran (a lower bound on its peak need). */
    peakRssGrowthMiB: number;
    stats: MatchResult['stats'];
    unmatchedByCode: Record<string, number>;
  };
  greedy: { ms: number; matched: number; totalQuality: number };
  /** Peak resident set size of the whole process so far (getrusage maxrss). */
  peakRssMiB: number;
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

/** Runs one scenario: the optimal matcher once, then the greedy baseline once, each timed on its own. */
export function benchMatchingScenario(n: number, m: number, scenario: MatchingScenario, seed?: number): MatchingBenchResult {
  const { participants, coaches } = generateMatchingProgram(n, m, scenario, seed);
  const settings = MatchingSettings.parse({});
  const peakBefore = process.resourceUsage().maxRSS;
  let t = process.hrtime.bigint();
  const result = proposeMatches(participants, coaches, settings);
  const optimalMs = ms(t);
  const peakAfter = process.resourceUsage().maxRSS;
  const unmatchedByCode: Record<string, number> = {};
  for (const u of result.unmatched) unmatchedByCode[u.code] = (unmatchedByCode[u.code] ?? 0) + 1;

  t = process.hrtime.bigint();
  const greedy = greedyMatches(participants, coaches, settings);
  const greedyMs = ms(t);
  return {
    scenario,
    participants: n,
    coaches: m,
    places: coaches.filter((c) => c.status === 'active' && c.isTrained !== false).reduce((s, c) => s + c.capacityLeft, 0),
    optimal: {
      ms: optimalMs,
      matched: result.matched,
      totalQuality: result.totalQuality,
      peakRssGrowthMiB: mib((peakAfter - peakBefore) * 1024),
      stats: result.stats,
      unmatchedByCode,
    },
    greedy: { ms: greedyMs, matched: greedy.matched, totalQuality: greedy.totalQuality },
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
  };
}

const SCENARIO_LABEL: Record<MatchingScenario, string> = {
  stored: 'foundation attributes only',
  all: 'every attribute known',
  roomy: 'every attribute known, places ≈ waiting',
};

export function matchingMarkdown(results: MatchingBenchResult[]): string {
  const lines = [
    '| Data | Participants × coaches (places) | Matcher | ms | Matched | Total quality | Quality per match |',
    '|---|---|---|--:|--:|--:|--:|',
  ];
  for (const r of results) {
    const size = `${r.participants.toLocaleString('en')} × ${r.coaches.toLocaleString('en')} (${r.places.toLocaleString('en')})`;
    const row = (name: string, x: { ms: number; matched: number; totalQuality: number }) =>
      `| ${SCENARIO_LABEL[r.scenario]} | ${size} | ${name} | ${x.ms.toFixed(0)} | ${x.matched} | ${x.totalQuality} | ${(x.totalQuality / Math.max(1, x.matched)).toFixed(2)} |`;
    lines.push(row('optimal (min-cost flow)', r.optimal));
    lines.push(row('greedy baseline', r.greedy));
  }
  lines.push('');
  lines.push('| Data | Classes (participants / coaches) | Edges | Phases | Peak RSS growth MiB | Process peak RSS MiB |');
  lines.push('|---|--:|--:|--:|--:|--:|');
  for (const r of results) {
    const s = r.optimal.stats;
    lines.push(
      `| ${SCENARIO_LABEL[r.scenario]} | ${s.participantClasses} / ${s.coachClasses} | ${s.edges.toLocaleString('en')} | ${s.phases} | ${r.optimal.peakRssGrowthMiB} | ${r.peakRssMiB} |`,
    );
  }
  return lines.join('\n');
}

/** Runs the matching benchmark for each scenario and returns the results (the caller prints and saves them). */
export function runMatchingBench(opts: MatchingBenchOptions, say: (s: string) => void): MatchingBenchResult[] {
  if (!Number.isInteger(opts.coaches) || opts.coaches < 1) throw new Error('--coaches must be a whole number of at least 1');
  const scenarios = opts.scenarios ?? ['stored', 'all', 'roomy'];
  const results: MatchingBenchResult[] = [];
  for (const scenario of scenarios) {
    say(`Matching: ${opts.participants} waiting participants × ${opts.coaches} coaches, ${SCENARIO_LABEL[scenario]}...`);
    const r = benchMatchingScenario(opts.participants, opts.coaches, scenario, opts.seed);
    say(
      `Matching: optimal ${r.optimal.ms.toFixed(0)} ms (${r.optimal.matched} matched, quality ${r.optimal.totalQuality}); ` +
        `greedy ${r.greedy.ms.toFixed(0)} ms (${r.greedy.matched} matched, quality ${r.greedy.totalQuality}); load ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
    );
    results.push(r);
  }
  return results;
}
