/**
 * "Whom to target" (issue #12, ADR 0029): the wording rules that turn a subgroup's estimate and
 * interval into plain words. Pure. A sentence never claims more than its interval supports:
 * too few people → "too few to say"; an interval that includes no difference → "no clear
 * difference"; an interval that excludes it → the direction, always with "may", the Holm-adjusted
 * p beside it, and a caution when the interval is wide or the adjustment leaves it to chance.
 */

/** The fewest participants in any cell (arm × level, or level × reached the target) before we say anything. */
export const MIN_PER_CELL = 10;

export type Verdict = 'too_few' | 'no_clear_difference' | 'may_differ';

export interface Estimate {
  estimate: number;
  ci_low: number;
  ci_high: number;
  p: number;
  /** Holm-adjusted across the subgroups looked at together. */
  p_adjusted: number;
}

/** Who is compared: coaching against its comparison (with which way is better), or two arms by label. */
export type Comparison =
  | { kind: 'coaching'; better: 'lower' | 'higher' | null; outcome: string }
  | { kind: 'arms'; arm: string; reference: string; outcome: string };

export interface BenefitClaim extends Estimate {
  /** Fits "Among …": "women (compared with men)", "older participants (per 10 years of age)". */
  subgroup: string;
  /** The fewest participants in a cell of the model's rows. */
  smallestCell: number;
  comparison: Comparison;
}

export interface EngagementClaim extends Estimate {
  subgroup: string;
  smallestCell: number;
  /** The program's target of reached contacts. */
  target: number;
}

export interface Wording {
  verdict: Verdict;
  sentence: string;
}

const MINUS = '\u2212';

/** A number for people: two decimals below 10, one above, a real minus sign. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const text = Math.abs(x) < 10 ? Math.abs(x).toFixed(2) : Math.abs(x).toFixed(1);
  return x < 0 && Number(text) !== 0 ? `${MINUS}${text}` : text;
}

/** A p-value for people: "< 0.001", else three decimals. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** "−1.20 (95% CI −2.30 to −0.10; p 0.030, Holm-adjusted 0.060)". */
export function numbersOf(e: Estimate, transform: (x: number) => number = (x) => x): string {
  return `${formatNumber(transform(e.estimate))} (95% CI ${formatNumber(transform(e.ci_low))} to ${formatNumber(
    transform(e.ci_high),
  )}; p ${formatP(e.p)}, Holm-adjusted ${formatP(e.p_adjusted)})`;
}

/** The verdict alone: too few people, an interval that includes 0, or one that excludes it. */
export function verdictOf(e: Pick<Estimate, 'ci_low' | 'ci_high'>, smallestCell: number, minPerCell = MIN_PER_CELL): Verdict {
  if (smallestCell < minPerCell) return 'too_few';
  if (!(e.ci_low > 0 || e.ci_high < 0)) return 'no_clear_difference';
  return 'may_differ';
}

/** Cautions after a "may": a wide interval, and a Holm-adjusted p that leaves it to chance. */
function cautions(e: Estimate): string {
  let out = '';
  if (e.ci_high - e.ci_low > Math.abs(e.estimate))
    out += ' The interval is wide, so the true difference could be much smaller or much larger than this.';
  if (e.p_adjusted >= 0.05) out += ' After allowing for the number of subgroups looked at (Holm), this could be chance.';
  return out;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Who benefits: an arm × subgroup interaction in words. */
export function benefitWording(c: BenefitClaim, minPerCell = MIN_PER_CELL): Wording {
  const verdict = verdictOf(c, c.smallestCell, minPerCell);
  const numbers = `difference ${numbersOf(c)}`;
  const cmp = c.comparison;
  const between = cmp.kind === 'coaching' ? 'how much coaching helped' : `the gap between ${cmp.arm} and ${cmp.reference}`;
  if (verdict === 'too_few')
    return {
      verdict,
      sentence: `Among ${c.subgroup}: too few to say (${c.smallestCell} in the smallest group; at least ${minPerCell} are needed). For the record: ${numbers}.`,
    };
  if (verdict === 'no_clear_difference')
    return {
      verdict,
      sentence: `Among ${c.subgroup}, there was no clear difference in ${between} on ${cmp.outcome}: ${numbers}. The interval includes no difference at all.`,
    };
  let claim: string;
  if (cmp.kind === 'coaching' && cmp.better !== null) {
    const helpsMore = cmp.better === 'lower' ? c.estimate < 0 : c.estimate > 0;
    claim = `coaching may help ${helpsMore ? 'more' : 'less'} on ${cmp.outcome}`;
  } else {
    const who = cmp.kind === 'coaching' ? 'coaching and its comparison' : `${cmp.arm} and ${cmp.reference}`;
    claim = `the difference between ${who} may be ${c.estimate > 0 ? 'higher' : 'lower'} on ${cmp.outcome}`;
  }
  return { verdict, sentence: `Among ${c.subgroup}, ${claim}: ${numbers}.${cautions(c)}` };
}

/** Who engages: a predictor of reaching the target of contacts (log-odds in, odds ratio out) in words. */
export function engagementWording(c: EngagementClaim, minPerCell = MIN_PER_CELL): Wording {
  const verdict = verdictOf(c, c.smallestCell, minPerCell);
  const numbers = `odds ratio ${numbersOf(c, Math.exp)}`;
  const goal = `reaching ${c.target} contacts`;
  if (verdict === 'too_few')
    return {
      verdict,
      sentence: `Among ${c.subgroup}: too few to say about ${goal} (${c.smallestCell} in the smallest group; at least ${minPerCell} are needed). For the record: ${numbers}.`,
    };
  if (verdict === 'no_clear_difference')
    return {
      verdict,
      sentence: `Among ${c.subgroup}, there was no clear difference in ${goal}: ${numbers}. The interval includes no difference at all.`,
    };
  return {
    verdict,
    sentence: `Among ${c.subgroup}, ${goal} may be ${c.estimate > 0 ? 'more' : 'less'} likely: ${numbers}.${cautions(c)}`,
  };
}

/**
 * The two joined for one subgroup, in one sentence that claims nothing either side does not: only
 * when both are "may" does it say what the pair suggests, and then still as a question to test.
 */
export function joinedWording(
  subgroup: string,
  benefit: { verdict: Verdict; helpsMore: boolean | null } | null,
  engagement: { verdict: Verdict; moreLikely: boolean } | null,
): string {
  const b = benefit?.verdict === 'may_differ' && benefit.helpsMore !== null ? benefit.helpsMore : null;
  const e = engagement?.verdict === 'may_differ' ? engagement.moreLikely : null;
  const who = capitalise(subgroup);
  if (b !== null && e !== null) {
    if (b && e) return `${who} may both gain more and keep in touch more: worth testing whether to reach them first.`;
    if (b && !e) return `${who} may gain more but keep in touch less: they may need extra support to stay in touch.`;
    if (!b && e) return `${who} may keep in touch more but gain less: contacts alone may not be enough for them.`;
    return `${who} may both gain less and keep in touch less: worth asking what would suit them better.`;
  }
  if (b !== null) return `${who} may gain ${b ? 'more' : 'less'}; nothing clear about keeping in touch.`;
  if (e !== null) return `${who} may keep in touch ${e ? 'more' : 'less'}; nothing clear about how much coaching helps them.`;
  return `Nothing here is firm enough to target by this.`;
}

/** The warning that heads every subgroup finding. */
export const EXPLORATORY_WARNING =
  'Subgroup findings are exploratory: they come from looking at many groups, and some differences will appear by chance. Use them to ask better questions, not to decide who gets coaching.';
