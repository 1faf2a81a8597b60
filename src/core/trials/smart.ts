import { z } from 'zod';

/**
 * SMART (sequential multiple-assignment randomized trial; ADR 0030): at a decision point (e.g. week 8
 * after randomization) a tailoring rule on live data says who is not responding; non-responders are
 * re-randomized among second-stage options with the same concealed machinery as the first stage
 * (a second seeded stream per decision point, permuted blocks stratified by first-stage arm);
 * responders continue. Pure rules: the design's SMART part, the rule, the strategies, the paths.
 */

const Key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and underscores');
const Label = z.string().trim().min(1).max(120);

/** One condition of non-response. */
export const TailoringCondition = z.discriminatedUnion('kind', [
  /** Fewer than `n` reached contacts from the start up to the decision date. */
  z.object({ kind: z.literal('reached_contacts_below'), n: z.int().min(1).max(52) }),
  /** PEG not lower than at baseline by at least `by` points (lower is better). */
  z.object({ kind: z.literal('peg_not_improved'), by: z.number().min(0.1).max(10) }),
]);
export type TailoringCondition = z.infer<typeof TailoringCondition>;

/** The tailoring rule: a participant is a non-responder when any (or all) of the conditions hold. */
export const TailoringRule = z.object({
  combine: z.enum(['any', 'all']).default('any'),
  conditions: z.array(TailoringCondition).min(1).max(4),
});
export type TailoringRule = z.infer<typeof TailoringRule>;

/** A second-stage option for non-responders (each has an equal share). */
export const SecondStageOption = z.object({ key: Key, label: Label });
export type SecondStageOption = z.infer<typeof SecondStageOption>;

/** The SMART part of a study design. */
export const SmartDesign = z
  .object({
    decisionPoint: z.object({
      key: Key.default('week_8'),
      label: Label.default('Week 8'),
      weeks: z.int().min(1).max(52).default(8),
      /** Counted from the randomization or from the participant's first pairing (coaching arms). */
      from: z.enum(['randomization', 'first_pairing']).default('randomization'),
    }),
    rule: TailoringRule,
    options: z.array(SecondStageOption).min(2).max(4),
  })
  .superRefine((s, ctx) => {
    const keys = s.options.map((o) => o.key);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['options'], message: `Two options share the key ${dup}` });
  });
export type SmartDesign = z.infer<typeof SmartDesign>;
export type SmartDesignInput = z.input<typeof SmartDesign>;

const DAY_MS = 86_400_000;

/** The decision date: the start (randomization or first pairing) plus the decision point's weeks. */
export function decisionDate(smart: Pick<SmartDesign, 'decisionPoint'>, start: Date): Date {
  return new Date(start.getTime() + smart.decisionPoint.weeks * 7 * DAY_MS);
}

/** What the rule is evaluated on, read from the records up to the decision date. */
export interface TailoringFacts {
  start: Date;
  decisionAt: Date;
  /** When each reached contact occurred (any order; those outside [start, decisionAt] are ignored). */
  reachedContacts: readonly Date[];
  /** PEG scores (weekly check-ins and assessments) with when they were taken. */
  peg: readonly { at: Date; score: number }[];
}

/** Baseline PEG: the latest score from 28 days before the start to 14 days after it. */
export const BASELINE_BEFORE_DAYS = 28;
export const BASELINE_AFTER_DAYS = 14;
/** Current PEG: the latest score in the 28 days up to the decision date. */
export const CURRENT_WINDOW_DAYS = 28;

export interface ConditionResult {
  kind: TailoringCondition['kind'];
  /** True when this condition says "not responding". */
  holds: boolean;
  /** True when the data needed were missing (then the condition holds: ADR 0030). */
  missing: boolean;
  /** Plain words for staff. */
  words: string;
}

export interface TailoringResult {
  responder: boolean;
  conditions: ConditionResult[];
}

const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();

function latestIn(peg: TailoringFacts['peg'], from: number, to: number): { at: Date; score: number } | undefined {
  return peg
    .filter((p) => p.at.getTime() >= from && p.at.getTime() <= to)
    .reduce<{ at: Date; score: number } | undefined>((best, p) => (!best || p.at > best.at ? p : best), undefined);
}

function evaluateCondition(c: TailoringCondition, f: TailoringFacts): ConditionResult {
  if (c.kind === 'reached_contacts_below') {
    const n = f.reachedContacts.filter((d) => d.getTime() >= f.start.getTime() && d.getTime() <= f.decisionAt.getTime()).length;
    const holds = n < c.n;
    return {
      kind: c.kind,
      holds,
      missing: false,
      words: `${n} reached contact${n === 1 ? '' : 's'} (fewer than ${c.n}: ${holds ? 'yes' : 'no'})`,
    };
  }
  const s = f.start.getTime();
  const baseline = latestIn(f.peg, s - BASELINE_BEFORE_DAYS * DAY_MS, s + BASELINE_AFTER_DAYS * DAY_MS);
  const d = f.decisionAt.getTime();
  // The current score must come after the baseline one, or there is nothing to compare.
  const current = latestIn(f.peg, Math.max(d - CURRENT_WINDOW_DAYS * DAY_MS, (baseline?.at.getTime() ?? -Infinity) + 1), d);
  if (!baseline || !current) {
    return {
      kind: c.kind,
      holds: true,
      missing: true,
      words: !baseline
        ? 'No PEG at the start, counted as not improved'
        : 'No PEG in the 4 weeks before the decision, counted as not improved',
    };
  }
  const drop = baseline.score - current.score;
  const holds = drop < c.by - 1e-9;
  return {
    kind: c.kind,
    holds,
    missing: false,
    words: `PEG ${fmt(baseline.score)} at the start, ${fmt(current.score)} now (improved by ${fmt(c.by)} or more: ${holds ? 'no' : 'yes'})`,
  };
}

/**
 * Evaluates the tailoring rule: the participant is a non-responder when any (or, with `all`, every)
 * condition holds. Missing PEG data count as "not improved" (ADR 0030): a participant we cannot show
 * is improving gets the second stage rather than being left as he or she is.
 */
export function evaluateTailoring(rule: TailoringRule, facts: TailoringFacts): TailoringResult {
  const conditions = rule.conditions.map((c) => evaluateCondition(c, facts));
  const nonResponder = rule.combine === 'all' ? conditions.every((c) => c.holds) : conditions.some((c) => c.holds);
  return { responder: !nonResponder, conditions };
}

/** The rule in words: "fewer than 4 reached contacts, or PEG not improved by 1 point". */
export function describeRule(rule: TailoringRule): string {
  const parts = rule.conditions.map((c) =>
    c.kind === 'reached_contacts_below'
      ? `fewer than ${c.n} reached contacts`
      : `PEG not improved by ${fmt(c.by)} point${c.by === 1 ? '' : 's'} or more`,
  );
  return parts.join(rule.combine === 'all' ? ', and ' : ', or ');
}

/** One embedded adaptive treatment strategy: a first-stage arm and the option for non-responders. */
export interface EmbeddedStrategy {
  key: string;
  firstArm: string;
  option: string;
  words: string;
}

/**
 * The embedded adaptive treatment strategies: every first-stage arm × every second-stage option
 * (2 arms × 2 options → 4), in words.
 */
export function embeddedStrategies(
  arms: readonly { key: string; label: string }[],
  smart: Pick<SmartDesign, 'decisionPoint' | 'options'>,
): EmbeddedStrategy[] {
  const when = smart.decisionPoint.label.toLowerCase();
  return arms.flatMap((a) =>
    smart.options.map((o) => ({
      key: `${a.key}>${o.key}`,
      firstArm: a.key,
      option: o.key,
      words: `Start with ${a.label.toLowerCase()}; if not responding by ${when}, ${o.label.toLowerCase()}; if responding, continue`,
    })),
  );
}

/** Where a participant stands on the path: first arm, then responder or not at the decision, then the option. */
export interface ParticipantPath {
  firstArm: string;
  stage: 'waiting' | 'responder' | 'non_responder';
  /** The second-stage option, for a non-responder. */
  option: string | null;
  /** The strategies this path is consistent with (a responder is consistent with every option of the arm). */
  strategies: string[];
}

export function participantPath(
  firstArm: string,
  decision: { responder: boolean; option: string | null } | null,
  smart: Pick<SmartDesign, 'options'>,
): ParticipantPath {
  if (!decision)
    return { firstArm, stage: 'waiting', option: null, strategies: smart.options.map((o) => `${firstArm}>${o.key}`) };
  if (decision.responder) {
    return { firstArm, stage: 'responder', option: null, strategies: smart.options.map((o) => `${firstArm}>${o.key}`) };
  }
  return {
    firstArm,
    stage: 'non_responder',
    option: decision.option,
    strategies: decision.option ? [`${firstArm}>${decision.option}`] : [],
  };
}

/** The stratum of the second-stage randomization: the first-stage arm (ADR 0030). */
export const SECOND_STAGE_FACTOR = 'first_arm';

/** The random stream label of a decision point's re-randomization, apart from the first stage's. */
export const secondStageStreamLabel = (decisionPointKey: string, label: string): string => `smart:${decisionPointKey}:${label}`;

/** What the Study page shows of a SMART: the decision point, the rule, the strategies, each path. */
export const SmartView = z.object({
  decisionPoint: z.object({
    key: z.string(),
    label: z.string(),
    weeks: z.number(),
    from: z.enum(['randomization', 'first_pairing']),
  }),
  rule: z.string(),
  /** Option keys with their labels (masked "Option A" for evaluators until unblinding). */
  options: z.record(z.string(), z.string()),
  /** First-arm keys with their labels (masked for evaluators). */
  arms: z.record(z.string(), z.string()),
  strategies: z.array(z.object({ key: z.string(), words: z.string() })),
  /** How many are due for the decision now (their date has come, not yet decided). */
  due: z.number(),
  /** Per participant (staff only; evaluators get counts in `paths`). */
  participants: z.array(
    z.object({
      participantId: z.uuid(),
      name: z.string(),
      firstArm: z.string(),
      decisionOn: z.string(),
      stage: z.enum(['waiting', 'due', 'responder', 'non_responder', 'withdrawn']),
      option: z.string().nullable(),
      reasons: z.array(z.string()),
    }),
  ),
  /** Counts per path: first arm, stage, option. */
  paths: z.array(z.object({ firstArm: z.string(), stage: z.string(), option: z.string().nullable(), count: z.number() })),
});
export type SmartView = z.infer<typeof SmartView>;

export const SmartRunResult = z.object({
  decided: z.number(),
  responders: z.number(),
  nonResponders: z.number(),
  alreadyDecided: z.number(),
});
export type SmartRunResult = z.infer<typeof SmartRunResult>;
