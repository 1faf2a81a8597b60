import { z } from 'zod';
import { analyzeLongData, type AnalysisResult, type RobustTerm } from './analyze';
import type { CsvTable } from './csv';
import { AnalysisInputError, ModelFitError } from './errors';
import { holm, tTerm, type Term } from './inference';
import { buildDesign, leastSquares } from './linear';
import { readLongData, type AnalysisSpec } from './long-data';
import { MIN_PER_CELL, benefitWording, engagementWording, joinedWording, type Comparison, type Verdict } from './targeting';

/**
 * The outcome report (issue #12, ADR 0029): from the program's own records, per timepoint the
 * means and SDs by arm, change from baseline, the ANCOVA and mixed model of `kindred analyze`
 * (ADR 0022) on the same long table, moderators as a forest plot, dose–response in the coached
 * arm, the missing-data table and "whom to target". Pure: the server passes the rows in.
 */

/** How one participant stands at one timepoint for the chosen instrument (missing-data table). */
export const followUpStates = ['completed', 'missed', 'withdrawn', 'open', 'upcoming'] as const;
export type FollowUpState = (typeof followUpStates)[number];

/**
 * The missing-data state of one participant at one timepoint for the chosen instrument: completed
 * when its total is there; withdrawn when follow-up stopped (a withdrawal from follow-up or data,
 * or leaving the program before the window opened); missed when the window closed without a total
 * (or the timepoint was answered without a scorable total); open while the window is open; else upcoming.
 */
export function followUpState(
  scheduleState: 'upcoming' | 'due' | 'overdue' | 'completed' | 'missed' | 'stopped' | null,
  hasTotal: boolean,
  isWithdrawnFromFollowUp: boolean,
): FollowUpState {
  if (hasTotal) return 'completed';
  if (isWithdrawnFromFollowUp || scheduleState === 'stopped') return 'withdrawn';
  if (scheduleState === 'missed' || scheduleState === 'completed') return 'missed';
  if (scheduleState === 'due' || scheduleState === 'overdue') return 'open';
  return 'upcoming';
}

/** Which way is better on a shipped instrument (imported ones: unknown, and the words stay neutral). */
export function betterDirection(instrumentId: string): 'lower' | 'higher' | null {
  if (['peg', 'bpi', 'phq9', 'gad7', 'pcs'].includes(instrumentId)) return 'lower';
  if (['pseq', 'mos-sss', 'coaching-delivery'].includes(instrumentId)) return 'higher';
  return null;
}

/** A participant-level covariate used as a moderator (and as a predictor of engagement). */
export type ModeratorSpec =
  /** `levels`: phrases for 0 and 1 that follow "participants": "who are men", "who are women". */
  | { key: string; label: string; kind: 'binary'; levels: [string, string] }
  /** `per`: the unit of one step ("10 years"); values are already in that unit. */
  | { key: string; label: string; kind: 'continuous'; per: string }
  /**
   * Three or more levels; values are the level's index, the first level the reference. `levels`:
   * the levels' names ("Clinic"); a subgroup reads "participants with Site: Clinic".
   */
  | { key: string; label: string; kind: 'categorical'; levels: string[] };

export interface OutcomeParticipant {
  code: string;
  /** The allocated arm's key (intention to treat). */
  arm: string;
  coachCode: string | null;
  /** Reached contacts inside the intervention window (coached arms), else null. */
  contacts: number | null;
  covariates: Readonly<Record<string, number | null>>;
  /** The instrument's total at each timepoint key, null when missing. */
  outcomes: Readonly<Record<string, number | null>>;
  /** The missing-data state at each timepoint key. */
  states: Readonly<Record<string, FollowUpState>>;
  /** Withdrew from use of data (ADR 0025): counted as withdrawn, in no model and no mean. */
  isDataWithdrawn: boolean;
}

export interface OutcomeInput {
  instrument: { id: string; title: string };
  /** In display order, the reference first; labels are masked ("Arm A") for a blinded viewer. */
  arms: readonly { key: string; label: string; isCoaching: boolean }[];
  isMasked: boolean;
  timepoints: readonly { key: string; label: string; months: number; isBaseline: boolean }[];
  /** The study's primary timepoint when it is a follow-up; else the first follow-up is used. */
  primaryTimepoint: string | null;
  targetContacts: number;
  moderators: readonly ModeratorSpec[];
  participants: readonly OutcomeParticipant[];
  minPerCell?: number;
  /** The questionnaires the program asks that could be the outcome, for the chooser. */
  choices?: readonly { id: string; title: string }[];
}

const Num = z.number();
const TermView = z.object({ estimate: Num, se: Num, ci_low: Num, ci_high: Num, p: Num });
const Stat = z.object({ n: z.int(), mean: Num.nullable(), sd: Num.nullable() });
const Unfitted = z.object({ error: z.string() });
const Comparison = z.object({ arm: z.string(), reference: z.string() });
/** A categorical moderator's interaction term: the level compared with the reference level. */
const LevelComparison = Comparison.extend({ level: z.string().optional() });

export const OutcomeReportView = z.object({
  /** Why there is nothing to analyse (no study, no arms yet), in plain words; null when there is. */
  unavailable: z.string().nullable(),
  instrument: z.object({ id: z.string(), title: z.string(), better: z.enum(['lower', 'higher']).nullable() }),
  isMasked: z.boolean(),
  choices: z.array(z.object({ id: z.string(), title: z.string() })),
  arms: z.array(z.object({ label: z.string(), isReference: z.boolean(), participants: z.int() })),
  timepoints: z.array(z.object({ key: z.string(), label: z.string(), months: z.int(), isBaseline: z.boolean() })),
  primaryTimepoint: z.string().nullable(),
  descriptives: z.array(z.object({ timepoint: z.string(), arm: z.string(), score: Stat, change: Stat.nullable() })),
  ancova: z.array(
    z.object({
      timepoint: z.string(),
      fit: z
        .object({
          n: z.int(),
          clusters: z.int(),
          effects: z.array(Comparison.extend({ term: TermView, clustered: TermView.omit({ estimate: true }) })),
        })
        .or(Unfitted),
    }),
  ),
  mixed: z
    .object({
      observations: z.int(),
      participants: z.int(),
      effects: z.array(Comparison.extend({ term: TermView })),
      sdParticipant: Num,
      sdResidual: Num,
    })
    .or(Unfitted),
  moderators: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      timepoint: z.string(),
      fit: z
        .object({
          n: z.int(),
          smallestCell: z.int(),
          pInteraction: Num,
          pAdjusted: Num,
          effects: z.array(LevelComparison.extend({ term: TermView })),
          /** A categorical moderator: the reference level, the joint test's df and the effect within each level. */
          categorical: z
            .object({
              referenceLevel: z.string(),
              df: z.int(),
              levels: z.array(
                z.object({ level: z.string(), n: z.int(), effects: z.array(Comparison.extend({ term: TermView })) }),
              ),
            })
            .optional(),
        })
        .or(Unfitted),
    }),
  ),
  /** Null with a reason while arms are masked (contacts would tell which arm is coached). */
  doseResponse: z
    .object({
      timepoint: z.string(),
      bands: z.array(z.object({ band: z.string(), n: z.int(), meanChange: Num.nullable() })),
      slope: z.object({ n: z.int(), term: TermView }).or(Unfitted),
    })
    .or(Unfitted)
    .nullable(),
  missing: z.array(
    z.object({
      timepoint: z.string(),
      arm: z.string(),
      allocated: z.int(),
      expected: z.int(),
      completed: z.int(),
      missed: z.int(),
      withdrawn: z.int(),
      open: z.int(),
    }),
  ),
  targeting: z.object({
    minPerCell: z.int(),
    /** Why "who engages" is absent (masked arms, no coached arm), else null. */
    engagementNote: z.string().nullable(),
    rows: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        benefit: z.object({ verdict: z.string(), sentence: z.string(), term: TermView, pAdjusted: Num }).nullable(),
        engagement: z.object({ verdict: z.string(), sentence: z.string(), term: TermView, pAdjusted: Num }).nullable(),
        summary: z.string(),
      }),
    ),
  }),
});
export type OutcomeReportView = z.infer<typeof OutcomeReportView>;

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
const sd = (xs: readonly number[]) => {
  if (xs.length < 2) return null;
  const m = mean(xs)!;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};
const stat = (xs: readonly number[]) => ({ n: xs.length, mean: mean(xs), sd: sd(xs) });
const isNum = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** A table held in memory, read like a CSV file (`readLongData` takes either). */
export function tableOf(header: string[], rows: readonly string[][]): CsvTable {
  return {
    header,
    rows: rows.length,
    column(name) {
      const at = header.indexOf(name);
      if (at < 0) throw new AnalysisInputError(`There is no column "${name}"`);
      return rows.map((r) => r[at]!);
    },
  };
}

const cell = (x: number | null | undefined) => (isNum(x) ? String(x) : '');
/** A categorical level in the long table: text that sorts in level order ("L00", "L01", …). */
const levelCode = (index: number) => `L${String(index).padStart(2, '0')}`;
const levelIndex = (code: string) => Number(code.slice(1));
const moderatorCell = (m: ModeratorSpec, x: number | null | undefined) =>
  m.kind === 'categorical' ? (isNum(x) ? levelCode(x) : '') : cell(x);

/**
 * The long table `kindred analyze` reads (one row per participant × timepoint), built from the
 * participants who enter the models: every allocated participant except those who withdrew from
 * use of data; the outcome is empty where it is missing. Time is the timepoint's months.
 */
export function longTable(
  input: Pick<OutcomeInput, 'participants' | 'moderators'>,
  timepoints: readonly { key: string; time: string }[],
): CsvTable {
  const header = ['participant', 'arm', 'time', 'outcome', 'coach', 'contacts', ...input.moderators.map((m) => `m:${m.key}`)];
  const rows: string[][] = [];
  for (const p of input.participants) {
    if (p.isDataWithdrawn) continue;
    for (const t of timepoints)
      rows.push([
        p.code,
        p.arm,
        t.time,
        cell(p.outcomes[t.key]),
        p.coachCode ?? '',
        cell(p.contacts),
        ...input.moderators.map((m) => moderatorCell(m, p.covariates[m.key])),
      ]);
  }
  return tableOf(header, rows);
}

/** The dose bands: `width` = target ÷ 3 (12 → 0–3, 4–7, 8–11, 12+). */
export function doseBands(target: number): { label: string; from: number; to: number }[] {
  const width = Math.max(1, Math.round(target / 3));
  const out: { label: string; from: number; to: number }[] = [];
  for (let from = 0; from < target; from += width) {
    const to = Math.min(target - 1, from + width - 1);
    out.push({ label: from === to ? String(from) : `${from}–${to}`, from, to });
  }
  out.push({ label: `${target}+`, from: target, to: Infinity });
  return out;
}

const plain = (err: unknown): string => {
  if (err instanceof ModelFitError || err instanceof AnalysisInputError) return `cannot be fitted: ${err.message}`;
  throw err;
};

/** The whole outcome report from the program's rows (see OutcomeReportView). */
export function outcomeReport(input: OutcomeInput): OutcomeReportView {
  const minPerCell = input.minPerCell ?? MIN_PER_CELL;
  const better = input.isMasked ? null : betterDirection(input.instrument.id);
  const included = input.participants.filter((p) => !p.isDataWithdrawn);
  const armLabel = new Map(input.arms.map((a) => [a.key, a.label]));
  const reference = input.arms[0];
  const baseline = input.timepoints.find((t) => t.isBaseline) ?? null;
  const followUps = input.timepoints.filter((t) => !t.isBaseline);
  const primary = followUps.find((t) => t.key === input.primaryTimepoint) ?? followUps[0] ?? null;
  // Time is the timepoint's months, or its key where two timepoints share a month.
  const timeOf = (t: { key: string; months: number }) =>
    input.timepoints.filter((x) => x.months === t.months).length > 1 ? t.key : String(t.months);

  const descriptives = input.timepoints.flatMap((t) =>
    input.arms.map((a) => {
      const inArm = included.filter((p) => p.arm === a.key);
      const scores = inArm.map((p) => p.outcomes[t.key]).filter(isNum);
      const changes =
        baseline && !t.isBaseline
          ? inArm
              .filter((p) => isNum(p.outcomes[t.key]) && isNum(p.outcomes[baseline.key]))
              .map((p) => p.outcomes[t.key]! - p.outcomes[baseline.key]!)
          : null;
      return { timepoint: t.key, arm: a.label, score: stat(scores), change: changes ? stat(changes) : null };
    }),
  );

  const missing = input.timepoints.flatMap((t) =>
    input.arms.map((a) => {
      const row = { timepoint: t.key, arm: a.label, allocated: 0, expected: 0, completed: 0, missed: 0, withdrawn: 0, open: 0 };
      for (const p of input.participants) {
        if (p.arm !== a.key) continue;
        row.allocated++;
        const s: FollowUpState = p.isDataWithdrawn ? 'withdrawn' : (p.states[t.key] ?? 'upcoming');
        if (s === 'upcoming') continue;
        row.expected++;
        row[s]++;
      }
      return row;
    }),
  );

  const armsView = input.arms.map((a, i) => ({
    label: a.label,
    isReference: i === 0,
    participants: included.filter((p) => p.arm === a.key).length,
  }));
  const base = {
    instrument: { ...input.instrument, better },
    isMasked: input.isMasked,
    choices: [...(input.choices ?? [])],
    arms: armsView,
    timepoints: input.timepoints.map((t) => ({ key: t.key, label: t.label, months: t.months, isBaseline: t.isBaseline })),
    primaryTimepoint: primary?.key ?? null,
    descriptives,
    missing,
  };

  // ---- Whether any model can be tried: plain reasons first ----------------------------------------
  const armsWithPeople = input.arms.filter((a) => included.some((p) => p.arm === a.key)).length;
  const reason = !reference
    ? 'The study has no arms yet.'
    : armsWithPeople < 2
      ? 'No model can be fitted yet: at least two arms need participants.'
      : !baseline
        ? 'No model can be fitted: the program has no baseline timepoint.'
        : !primary
          ? 'No model can be fitted: the program has no follow-up timepoint.'
          : null;
  const engagementNote = input.isMasked
    ? 'Who engages and dose–response are shown once the study is unblinded: contacts happen only in the coached arm, so they would tell which arm is which.'
    : input.arms.some((a) => a.isCoaching)
      ? null
      : 'No arm of this study is coaching, so there are no contacts to look at.';
  if (reason)
    return {
      ...base,
      unavailable: reason,
      ancova: followUps.map((t) => ({ timepoint: t.key, fit: { error: reason } })),
      mixed: { error: reason },
      moderators: input.moderators.map((m) => ({
        key: m.key,
        label: m.label,
        timepoint: primary?.key ?? '',
        fit: { error: reason },
      })),
      doseResponse: input.isMasked ? null : { error: reason },
      targeting: { minPerCell, engagementNote, rows: [] },
    };
  const ref = reference!;
  const bl = baseline!;
  const pr = primary!;

  const spec = (extra: Partial<AnalysisSpec>): AnalysisSpec => ({
    id: 'participant',
    arm: 'arm',
    control: ref.key,
    time: 'time',
    baseline: timeOf(bl),
    outcome: 'outcome',
    cluster: 'coach',
    ...extra,
  });
  const comparisonOf = (term: string): { arm: string; reference: string } => {
    const key = term === 'arm' ? input.arms.find((a) => a !== ref && included.some((p) => p.arm === a.key))!.key : term.slice(4);
    return { arm: armLabel.get(key) ?? key, reference: ref.label };
  };
  const armTermsOf = (terms: Record<string, Term>) =>
    Object.keys(terms).filter((k) => k === 'arm' || (k.startsWith('arm:') && !k.endsWith(':moderator')));

  // ---- ANCOVA at each follow-up and the mixed model: all timepoints ------------------------------
  const all = [bl, ...followUps].map((t) => ({ key: t.key, time: timeOf(t) }));
  let full: AnalysisResult | { error: string };
  try {
    const s = spec({});
    full = analyzeLongData(readLongData(longTable(input, all), s), s);
  } catch (err) {
    full = { error: plain(err) };
  }
  const byTime = new Map(all.map((t) => [t.time, t.key]));
  const ancova = followUps.map((t) => {
    if ('error' in full) return { timepoint: t.key, fit: { error: full.error } };
    const a = full.ancova.find((x) => byTime.get(x.timepoint) === t.key);
    if (!a) return { timepoint: t.key, fit: { error: 'cannot be fitted: no data at this timepoint' } };
    if ('error' in a) return { timepoint: t.key, fit: { error: a.error } };
    const names = armTermsOf(a.terms);
    const robust = (name: string): RobustTerm =>
      names.length === 1 ? (a.arm_clustered as RobustTerm) : (a.arm_clustered as Record<string, RobustTerm>)[name]!;
    return {
      timepoint: t.key,
      fit: {
        n: a.n,
        clusters: a.clusters,
        effects: names.map((name) => ({ ...comparisonOf(name), term: a.terms[name]!, clustered: robust(name) })),
      },
    };
  });
  const fm = 'error' in full ? full : full.mixed;
  const mixed =
    'error' in fm
      ? { error: fm.error }
      : {
          observations: fm.n_obs,
          participants: fm.participants,
          effects: armTermsOf(fm.terms).map((name) => ({ ...comparisonOf(name), term: fm.terms[name]! })),
          sdParticipant: fm.sd_participant,
          sdResidual: fm.sd_residual,
        };

  // ---- Moderators and adherence at the primary follow-up ------------------------------------------
  const usable = input.moderators.filter((m) => new Set(included.map((p) => p.covariates[m.key]).filter(isNum)).size >= 2);
  const coached = new Set(input.arms.filter((a) => a.isCoaching && a !== ref).map((a) => a.key));
  const showEngagement = !input.isMasked && coached.size > 0;
  let atPrimary: AnalysisResult | { error: string };
  try {
    const s = spec({
      moderators: usable.map((m) => `m:${m.key}`),
      ...(showEngagement
        ? { contacts: 'contacts', target: input.targetContacts, predictors: usable.map((m) => `m:${m.key}`) }
        : {}),
    });
    const withContacts = showEngagement
      ? input.participants.map((p) => ({ ...p, contacts: coached.has(p.arm) ? (p.contacts ?? 0) : null }))
      : input.participants;
    atPrimary = analyzeLongData(
      readLongData(
        longTable({ ...input, participants: withContacts, moderators: usable }, [
          { key: bl.key, time: timeOf(bl) },
          { key: pr.key, time: timeOf(pr) },
        ]),
        s,
      ),
      s,
    );
  } catch (err) {
    atPrimary = { error: plain(err) };
  }

  const hasPrimaryAndBaseline = (p: OutcomeParticipant) => isNum(p.outcomes[pr.key]) && isNum(p.outcomes[bl.key]);
  /** The fewest people in a cell of the moderator model: arm × level (binary, categorical) or arm (continuous). */
  const benefitCell = (m: ModeratorSpec): number => {
    const rows = included.filter((p) => hasPrimaryAndBaseline(p) && isNum(p.covariates[m.key]));
    const groups = input.arms.filter((a) => rows.some((p) => p.arm === a.key));
    const levels = m.kind === 'continuous' ? null : [...new Set(rows.map((p) => p.covariates[m.key]!))];
    const counts = groups.flatMap((a) => {
      const inArm = rows.filter((p) => p.arm === a.key);
      return levels ? levels.map((v) => inArm.filter((p) => p.covariates[m.key] === v).length) : [inArm.length];
    });
    return counts.length ? Math.min(...counts) : 0;
  };
  /** A level's phrase from its code in the long table ("L02"), for a categorical moderator. */
  const levelPhrase = (m: ModeratorSpec, code: string) =>
    m.kind === 'categorical' ? (m.levels[levelIndex(code)] ?? code) : code;
  /** A categorical moderator's term suffix: "moderator:L02" → the level phrase; a binary-coded one (two levels present) → its level coded 1. */
  const levelOfTerm = (m: ModeratorSpec, name: string): string | undefined => {
    if (m.kind !== 'categorical' || 'error' in atPrimary) return undefined;
    const at = name.indexOf(':moderator:');
    if (at >= 0) return levelPhrase(m, name.slice(at + ':moderator:'.length));
    const one = atPrimary.coding[`m:${m.key}`];
    return one === undefined ? undefined : levelPhrase(m, one);
  };
  const armOfTerm = (name: string) => name.slice(0, name.indexOf(':moderator'));
  const moderators = input.moderators.map((m) => {
    const head = { key: m.key, label: m.label, timepoint: pr.key };
    if (!usable.includes(m))
      return { ...head, fit: { error: 'cannot be fitted: everyone has the same value (or none is recorded)' } };
    if ('error' in atPrimary) return { ...head, fit: { error: atPrimary.error } };
    const r = atPrimary.moderators.find((x) => x.variable === `m:${m.key}`)!;
    if ('error' in r) return { ...head, fit: { error: r.error } };
    const names = Object.keys(r.terms).filter((k) => k.endsWith(':moderator') || k.includes(':moderator:'));
    const categorical =
      m.kind === 'categorical' && r.levels && r.reference_level !== undefined && r.df_interaction !== undefined
        ? {
            referenceLevel: levelPhrase(m, r.reference_level),
            df: r.df_interaction,
            levels: r.levels.map((l) => ({
              level: levelPhrase(m, l.level),
              n: l.n,
              effects: Object.entries(l.effects).map(([name, term]) => ({ ...comparisonOf(name), term })),
            })),
          }
        : undefined;
    return {
      ...head,
      fit: {
        n: r.n,
        smallestCell: benefitCell(m),
        pInteraction: r.p_interaction,
        pAdjusted: r.p_adjusted,
        effects: names.map((name) => {
          const level = levelOfTerm(m, name);
          return { ...comparisonOf(armOfTerm(name)), ...(level === undefined ? {} : { level }), term: r.terms[name]! };
        }),
        ...(categorical ? { categorical } : {}),
      },
    };
  });

  // ---- Dose–response in the coached arm ------------------------------------------------------------
  const doseResponse = input.isMasked ? null : doseResponseOf(input, included, coached, bl.key, pr.key);

  // ---- Whom to target -------------------------------------------------------------------------------
  const adherence =
    showEngagement && !('error' in atPrimary) ? (atPrimary.adherence ?? []).find((h) => coached.has(h.arm)) : undefined;
  const logistic = adherence && !('error' in adherence.logistic) ? adherence.logistic : null;
  const predictorTerms = logistic ? Object.keys(logistic.terms).filter((n) => n !== 'intercept') : [];
  const predictorHolm = new Map(
    logistic ? holm(predictorTerms.map((n) => logistic.terms[n]!.p)).map((p, i) => [predictorTerms[i]!, p] as const) : [],
  );
  const engagementRows = included.filter((p) => coached.has(p.arm) && usable.every((m) => isNum(p.covariates[m.key])));
  const reached = (p: OutcomeParticipant) => (p.contacts ?? 0) >= input.targetContacts;
  const outcomeName = input.instrument.title;
  /**
   * The subgroups of a characteristic: one for a binary or continuous one; for a categorical one,
   * each level present after the first, compared with the first (the reference).
   */
  const subgroupsOf = (m: ModeratorSpec) => {
    if (m.kind !== 'categorical') {
      const subgroup =
        m.kind === 'binary'
          ? `participants ${m.levels[1]} (compared with those ${m.levels[0]})`
          : `participants with higher ${m.label.toLowerCase()} (per ${m.per})`;
      const values: number[] | null = m.kind === 'binary' ? [0, 1] : null;
      return [{ key: m.key, subgroup, level: undefined as string | undefined, predictor: `m:${m.key}`, values }];
    }
    const present = [...new Set(included.map((p) => p.covariates[m.key]).filter(isNum))].sort((a, b) => a - b);
    const ref = present[0]!;
    return present.slice(1).map((v) => ({
      key: `${m.key}.${v}`,
      subgroup: `participants with ${m.label}: ${m.levels[v] ?? v} (compared with those with ${m.label}: ${m.levels[ref] ?? ref})`,
      level: m.levels[v] ?? String(v),
      predictor: present.length === 2 ? `m:${m.key}` : `m:${m.key}:${levelCode(v)}`,
      values: [ref, v],
    }));
  };
  const rows = usable.flatMap((m) => {
    const mod = moderators.find((x) => x.key === m.key)!;
    return subgroupsOf(m).map(({ key, subgroup, level, predictor, values }) => {
      let benefit: OutcomeReportView['targeting']['rows'][number]['benefit'] = null;
      let helpsMore: boolean | null = null;
      const effects = 'error' in mod.fit ? [] : mod.fit.effects.filter((e) => level === undefined || e.level === level);
      if (!('error' in mod.fit) && effects.length === 1) {
        const e = effects[0]!;
        const comparison: Comparison =
          !input.isMasked && coached.size === 1 && coached.has(input.arms.find((a) => a.label === e.arm)?.key ?? '')
            ? { kind: 'coaching', better, outcome: outcomeName }
            : { kind: 'arms', arm: e.arm, reference: e.reference, outcome: outcomeName };
        const w = benefitWording(
          { ...e.term, p_adjusted: mod.fit.pAdjusted, subgroup, smallestCell: mod.fit.smallestCell, comparison },
          minPerCell,
        );
        benefit = { verdict: w.verdict, sentence: w.sentence, term: e.term, pAdjusted: mod.fit.pAdjusted };
        if (comparison.kind === 'coaching' && better) helpsMore = better === 'lower' ? e.term.estimate < 0 : e.term.estimate > 0;
      }
      let engagement: OutcomeReportView['targeting']['rows'][number]['engagement'] = null;
      const term = logistic?.terms[predictor];
      if (term) {
        const cells = values
          ? values.flatMap((v) => {
              const g = engagementRows.filter((p) => p.covariates[m.key] === v);
              return [g.filter(reached).length, g.filter((p) => !reached(p)).length];
            })
          : [engagementRows.filter(reached).length, engagementRows.filter((p) => !reached(p)).length];
        const pAdjusted = predictorHolm.get(predictor)!;
        const w = engagementWording(
          { ...term, p_adjusted: pAdjusted, subgroup, smallestCell: Math.min(...cells), target: input.targetContacts },
          minPerCell,
        );
        engagement = { verdict: w.verdict, sentence: w.sentence, term, pAdjusted };
      }
      const summary = joinedWording(
        subgroup,
        benefit ? { verdict: benefit.verdict as Verdict, helpsMore } : null,
        engagement ? { verdict: engagement.verdict as Verdict, moreLikely: engagement.term.estimate > 0 } : null,
      );
      return { key, label: level === undefined ? m.label : `${m.label}: ${level}`, benefit, engagement, summary };
    });
  });
  const note =
    engagementNote ??
    (showEngagement && !logistic
      ? `Who engages cannot be estimated: ${
          'error' in atPrimary
            ? atPrimary.error
            : adherence && 'error' in adherence.logistic
              ? adherence.logistic.error
              : 'no participant of the coached arm has a contact count'
        }.`
      : null);

  return {
    ...base,
    unavailable: null,
    ancova,
    mixed,
    moderators,
    doseResponse,
    targeting: { minPerCell, engagementNote: note, rows },
  };
}

/** Change at the primary follow-up by reached contacts, in bands and as a straight line (change ~ contacts). */
function doseResponseOf(
  input: OutcomeInput,
  included: readonly OutcomeParticipant[],
  coached: ReadonlySet<string>,
  baselineKey: string,
  primaryKey: string,
): OutcomeReportView['doseResponse'] {
  if (coached.size === 0) return { error: 'No arm of this study is coaching.' };
  const rows = included
    .filter((p) => coached.has(p.arm) && isNum(p.outcomes[primaryKey]) && isNum(p.outcomes[baselineKey]))
    .map((p) => ({ contacts: p.contacts ?? 0, change: p.outcomes[primaryKey]! - p.outcomes[baselineKey]! }));
  const bands = doseBands(input.targetContacts).map((b) => {
    const changes = rows.filter((r) => r.contacts >= b.from && r.contacts <= b.to).map((r) => r.change);
    return { band: b.label, n: changes.length, meanChange: mean(changes) };
  });
  let slope: { n: number; term: Term } | { error: string };
  try {
    const d = buildDesign(rows.length, ['intercept', 'contacts'], [() => 1, (i) => rows[i]!.contacts]);
    const fit = leastSquares(
      d,
      Float64Array.from(rows, (r) => r.change),
    );
    slope = {
      n: rows.length,
      term: tTerm(fit.coefficients[1]!, fit.sigma * Math.sqrt(fit.unscaled.get(1, 1)), fit.dfResidual),
    };
  } catch (err) {
    slope = { error: plain(err) };
  }
  return { timepoint: primaryKey, bands, slope };
}
