import { z } from 'zod';
import type { Criterion, Gate } from './design';

/** What the gate can find missing, as codes the server names in its 409 and the page words. */
export const gateItems = ['eligible', 'consented', 'baselineComplete'] as const;
export const GateItem = z.enum(gateItems);
export type GateItem = z.infer<typeof GateItem>;

export interface GateFacts {
  /** The latest screening found the participant eligible (and he or she did not decline). */
  isEligible: boolean;
  /** A consent is signed or attested and not withdrawn. */
  hasConsented: boolean;
  /** The baseline assessment is complete. */
  isBaselineComplete: boolean;
}

/** The gate items the study requires that are not yet met (empty: the participant may be randomized). */
export function gateMissing(gate: Gate, facts: GateFacts): GateItem[] {
  const missing: GateItem[] = [];
  if (gate.eligible && !facts.isEligible) missing.push('eligible');
  if (gate.consented && !facts.hasConsented) missing.push('consented');
  if (gate.baselineComplete && !facts.isBaselineComplete) missing.push('baselineComplete');
  return missing;
}

/** The gate's items in words, for the 409 message and the page. */
export const gateWords: Record<GateItem, string> = {
  eligible: 'screened and eligible',
  consented: 'consent signed or attested',
  baselineComplete: 'baseline assessment complete',
};

export const screeningOutcomes = ['eligible', 'not_eligible', 'declined', 'other'] as const;
export const ScreeningOutcome = z.enum(screeningOutcomes);
export type ScreeningOutcome = z.infer<typeof ScreeningOutcome>;

/** A screening as staff record it: an answer to every criterion, and whether the person declined or left for another reason. */
export const ScreeningInput = z.object({
  participantId: z.uuid(),
  answers: z.record(z.string(), z.boolean()),
  decision: z.enum(['proceed', 'declined', 'other']).default('proceed'),
  reason: z.string().trim().max(300).default(''),
});
export type ScreeningInput = z.infer<typeof ScreeningInput>;

/**
 * The screening's outcome: `not_eligible` when an inclusion criterion is unmet or an exclusion
 * criterion is met (the reason lists which); otherwise `declined` or `other` as staff recorded,
 * with a reason required; otherwise `eligible`. Throws on an unanswered or unknown criterion.
 */
export function screeningOutcome(
  criteria: readonly Criterion[],
  input: Pick<ScreeningInput, 'answers' | 'decision' | 'reason'>,
): { outcome: ScreeningOutcome; reason: string } | { problems: string[] } {
  const problems: string[] = [];
  for (const c of criteria) if (input.answers[c.key] === undefined) problems.push(`"${c.text}" is not answered`);
  for (const k of Object.keys(input.answers))
    if (!criteria.some((c) => c.key === k)) problems.push(`"${k}" is not on the checklist`);
  if (problems.length > 0) return { problems };
  const failed = criteria.filter((c) => (c.kind === 'inclusion' ? !input.answers[c.key] : input.answers[c.key]));
  if (failed.length > 0) return { outcome: 'not_eligible', reason: failed.map((c) => c.key).join(', ') };
  if (input.decision !== 'proceed') {
    if (input.reason === '') return { problems: ['Say why, in a few words'] };
    return { outcome: input.decision, reason: input.reason };
  }
  return { outcome: 'eligible', reason: '' };
}
