import type { SmartDesignInput } from '../../../core/trials';

/** What the study design form checks before sending, in words for the field that needs fixing (empty when fine). */
export function designFormProblems(input: {
  method: 'blocks' | 'minimisation' | 'table';
  /** The minimisation chance as typed, in per cent. */
  percent: number;
  stratumLabel: string;
  levels: readonly string[];
}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (input.method === 'minimisation' && !(Number.isInteger(input.percent) && input.percent >= 50 && input.percent <= 100))
    problems.probability = 'Enter a whole number from 50 to 100';
  if (input.stratumLabel !== '') {
    if (input.stratumLabel.length > 120) problems.stratumLabel = 'Use 120 characters or fewer';
    if (input.levels.length < 2) problems.levels = 'Give at least two answers, one a line';
    else if (input.levels.length > 12) problems.levels = 'Give 12 answers or fewer';
    else if (new Set(input.levels.map((l) => l.toLowerCase())).size !== input.levels.length) problems.levels = 'Each answer once';
    else if (input.levels.some((l) => l.length > 120)) problems.levels = 'Keep each answer to 120 characters or fewer';
  }
  return problems;
}

/** The SMART part of the design form as typed (ADR 0030, 0037). */
export interface SmartFormInput {
  weeks: string;
  from: 'randomization' | 'first_pairing';
  useContacts: boolean;
  contactsBelow: string;
  usePeg: boolean;
  pegBy: string;
  combine: 'any' | 'all';
  /** The second-stage options, one a line as typed. */
  options: string;
}

/**
 * Checks the SMART fields and builds the design's `smart` part: the decision point ("Week 8"), the
 * rule (fewer reached contacts than N, and/or PEG not improved by so many points) and the options
 * for those not responding (keys option_1…, in the order typed). Problems are in words, by field.
 */
export function smartFormDesign(
  v: SmartFormInput,
): { smart: SmartDesignInput; problems?: undefined } | { smart?: undefined; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const whole = (s: string, lo: number, hi: number): number | null => {
    const n = Number(s.trim());
    return s.trim() !== '' && Number.isInteger(n) && n >= lo && n <= hi ? n : null;
  };
  const weeks = whole(v.weeks, 1, 52);
  if (weeks === null) problems.weeks = 'Enter a whole number of weeks from 1 to 52';
  const contactsBelow = v.useContacts ? whole(v.contactsBelow, 1, 52) : null;
  if (v.useContacts && contactsBelow === null) problems.contactsBelow = 'Enter a whole number from 1 to 52';
  const pegBy = Number(v.pegBy.trim().replace(',', '.'));
  const pegOk = v.pegBy.trim() !== '' && Number.isFinite(pegBy) && pegBy >= 0.1 && pegBy <= 10;
  if (v.usePeg && !pegOk) problems.pegBy = 'Enter the points from 0.1 to 10, such as 1';
  if (!v.useContacts && !v.usePeg) problems.conditions = 'Choose at least one sign of not responding';
  const options = v.options
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
  if (options.length < 2) problems.options = 'Give at least two options, one a line';
  else if (options.length > 4) problems.options = 'Give four options or fewer';
  else if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) problems.options = 'Each option once';
  else if (options.some((o) => o.length > 120)) problems.options = 'Keep each option to 120 characters or fewer';
  if (Object.keys(problems).length > 0 || weeks === null) return { problems };
  const conditions: SmartDesignInput['rule']['conditions'] = [];
  if (v.useContacts && contactsBelow !== null) conditions.push({ kind: 'reached_contacts_below', n: contactsBelow });
  if (v.usePeg) conditions.push({ kind: 'peg_not_improved', by: Math.round(pegBy * 10) / 10 });
  return {
    smart: {
      decisionPoint: { key: `week_${weeks}`, label: `Week ${weeks}`, weeks, from: v.from },
      rule: { combine: conditions.length > 1 ? v.combine : 'any', conditions },
      options: options.map((label, i) => ({ key: `option_${i + 1}`, label })),
    },
  };
}

type CriterionLine = { key: string; text: string; kind: 'inclusion' | 'exclusion' };

/**
 * The eligibility checklist after an amendment, from the two boxes (one line each): a line whose
 * words are unchanged keeps its key, so screenings already answered still match it; a new line gets
 * a key not used before (`in_<n>`, `ex_<n>`). Lines are in the order typed, inclusion first.
 */
export function amendedCriteria(existing: readonly CriterionLine[], inclusion: string, exclusion: string): CriterionLine[] {
  const used = new Set(existing.map((c) => c.key));
  const next = (prefix: string): string => {
    let n = 1;
    while (used.has(`${prefix}_${n}`)) n++;
    used.add(`${prefix}_${n}`);
    return `${prefix}_${n}`;
  };
  const taken = new Set<string>();
  const lines = (text: string, kind: CriterionLine['kind']): CriterionLine[] =>
    text
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => {
        const same = existing.find((c) => c.kind === kind && c.text === t && !taken.has(c.key));
        if (same) {
          taken.add(same.key);
          return { key: same.key, text: t, kind };
        }
        return { key: next(kind === 'inclusion' ? 'in' : 'ex'), text: t, kind };
      });
  return [...lines(inclusion, 'inclusion'), ...lines(exclusion, 'exclusion')];
}
