import { z } from 'zod';
import { SmartDesign } from './smart';

/** A key a study uses for arms, strata, levels and criteria: short, lower-case, stable. */
const Key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and underscores');
const Label = z.string().trim().min(1).max(120);

export const studyDesigns = ['none', 'parallel', 'smart'] as const;
export const StudyDesignKind = z.enum(studyDesigns);
export type StudyDesignKind = z.infer<typeof StudyDesignKind>;

export const armKinds = ['coaching', 'class', 'usual_care', 'waitlist', 'other'] as const;
export const ArmKind = z.enum(armKinds);
export type ArmKind = z.infer<typeof ArmKind>;

/** One arm: what is delivered (its kind) and its integer share of the allocation ratio (5:4 → 5 and 4). */
export const Arm = z.object({
  key: Key,
  label: Label,
  kind: ArmKind,
  ratio: z.int().min(1).max(20),
});
export type Arm = z.infer<typeof Arm>;

/** A stratification factor: a field recorded at randomization with a fixed list of levels. */
export const StratumField = z.object({
  key: Key,
  label: Label,
  levels: z
    .array(z.object({ key: Key, label: Label }))
    .min(2)
    .max(12),
});
export type StratumField = z.infer<typeof StratumField>;

/** One line of the eligibility checklist: inclusion criteria must be met, exclusion criteria must not. */
export const Criterion = z.object({
  key: Key,
  text: z.string().trim().min(1).max(400),
  kind: z.enum(['inclusion', 'exclusion']),
});
export type Criterion = z.infer<typeof Criterion>;

/** What must be true before a participant may be randomized (ADR 0024); by default all three. */
export const Gate = z.object({
  eligible: z.boolean().default(true),
  consented: z.boolean().default(true),
  baselineComplete: z.boolean().default(true),
});
export type Gate = z.infer<typeof Gate>;

/**
 * How allocations are made: stratified permuted blocks whose sizes are the ratio's sum times one of
 * `blockMultipliers` chosen at random; Pocock–Simon minimisation with the minimising arm taken with
 * `probability`; or an uploaded allocation table (REDCap's format) whose arm column is `field`.
 */
export const Method = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('blocks'),
    blockMultipliers: z.array(z.int().min(1).max(5)).min(1).max(5).default([1, 2, 3]),
  }),
  z.object({ kind: z.literal('minimisation'), probability: z.number().min(0.5).max(1).default(0.8) }),
  z.object({ kind: z.literal('table'), field: Key.default('arm') }),
]);
export type Method = z.infer<typeof Method>;

/** A study's design as a coordinator writes it. */
export const StudyDesign = z
  .object({
    design: StudyDesignKind,
    title: Label,
    arms: z.array(Arm).max(8).default([]),
    primaryTimepoint: Key,
    /** The questionnaire whose total is the primary outcome (an instrument id); absent: the PEG (ADR 0034). */
    primaryOutcome: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/i, 'Choose one of the program’s questionnaires')
      .optional(),
    strata: z.array(StratumField).max(4).default([]),
    criteria: z.array(Criterion).max(40).default([]),
    gate: Gate.default({ eligible: true, consented: true, baselineComplete: true }),
    method: Method.default({ kind: 'blocks', blockMultipliers: [1, 2, 3] }),
    /** The decision point, tailoring rule and second-stage options of a SMART (ADR 0030). */
    smart: SmartDesign.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.design === 'none' && d.arms.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['arms'], message: 'A study without randomization has no arms' });
    }
    if (d.design !== 'none' && d.arms.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['arms'], message: 'A randomized study needs at least two arms' });
    }
    if (d.design === 'smart' && !d.smart) {
      ctx.addIssue({
        code: 'custom',
        path: ['smart'],
        message: 'A SMART needs its decision point, rule and second-stage options',
      });
    }
    if (d.design !== 'smart' && d.smart) {
      ctx.addIssue({ code: 'custom', path: ['smart'], message: 'Only a SMART has a decision point' });
    }
    const dup = (keys: string[]): string | undefined => keys.find((k, i) => keys.indexOf(k) !== i);
    const armDup = dup(d.arms.map((a) => a.key));
    if (armDup) ctx.addIssue({ code: 'custom', path: ['arms'], message: `Two arms share the key ${armDup}` });
    const strataDup = dup(d.strata.map((s) => s.key));
    if (strataDup) ctx.addIssue({ code: 'custom', path: ['strata'], message: `Two strata share the key ${strataDup}` });
    d.strata.forEach((s, i) => {
      const levelDup = dup(s.levels.map((l) => l.key));
      if (levelDup)
        ctx.addIssue({ code: 'custom', path: ['strata', i, 'levels'], message: `Two levels share the key ${levelDup}` });
    });
    const critDup = dup(d.criteria.map((c) => c.key));
    if (critDup) ctx.addIssue({ code: 'custom', path: ['criteria'], message: `Two criteria share the key ${critDup}` });
  });
export type StudyDesign = z.infer<typeof StudyDesign>;
export type StudyDesignInput = z.input<typeof StudyDesign>;

/** The participant's values for the study's strata, by factor key. */
export const StratumValues = z.record(z.string(), z.string());
export type StratumValues = z.infer<typeof StratumValues>;

/** Checks a participant's stratum values against the design; returns the problems in words (empty when fine). */
export function checkStratumValues(strata: readonly StratumField[], values: StratumValues): string[] {
  const problems: string[] = [];
  for (const f of strata) {
    const v = values[f.key];
    if (v === undefined) problems.push(`${f.label} is missing`);
    else if (!f.levels.some((l) => l.key === v)) problems.push(`${f.label} has no level "${v}"`);
  }
  for (const k of Object.keys(values)) {
    if (!strata.some((f) => f.key === k)) problems.push(`"${k}" is not a stratum of this study`);
  }
  return problems;
}

/** The canonical key of a stratum (factor=level joined in design order), `all` for an unstratified study. */
export function stratumKey(strata: readonly StratumField[], values: StratumValues): string {
  if (strata.length === 0) return 'all';
  return strata.map((f) => `${f.key}=${values[f.key] ?? ''}`).join('|');
}

/** The outcome the report uses when the design names none: the PEG, the program's pain measure. */
export const DEFAULT_PRIMARY_OUTCOME = 'peg';

/**
 * Whether the primary timepoint and outcome are ones the program asks (ADR 0034): the timepoint is
 * one of its follow-ups (not the baseline), and the questionnaire (the PEG when none is named) is
 * asked at it. Answers the problems in words; empty when fine. A study without randomization has
 * no outcome to compare, so nothing is checked.
 */
export function primaryOutcomeProblems(
  design: Pick<StudyDesign, 'design' | 'primaryTimepoint' | 'primaryOutcome'>,
  timepoints: readonly { key: string; label: string; isBaseline: boolean; instruments: readonly string[] }[],
): string[] {
  if (design.design === 'none') return [];
  const tp = timepoints.find((t) => t.key === design.primaryTimepoint);
  if (!tp) return ['The primary timepoint is not one of the program’s assessment timepoints'];
  if (tp.isBaseline) return ['The primary timepoint must be a follow-up, not the baseline'];
  const outcome = design.primaryOutcome ?? DEFAULT_PRIMARY_OUTCOME;
  if (!tp.instruments.includes(outcome))
    return [`The primary outcome questionnaire is not asked at ${tp.label}: choose one that is, or add it to that timepoint`];
  return [];
}

/** The sum of the arms' ratios: every block is a multiple of it. */
export function ratioSum(arms: readonly Pick<Arm, 'ratio'>[]): number {
  return arms.reduce((s, a) => s + a.ratio, 0);
}
