import { z } from 'zod';
import {
  Questionnaire,
  ext,
  findExtension,
  ordinalExtensionUrls,
  type AnswerOption,
  type QuestionnaireItem,
} from './questionnaire';

/**
 * May Kindred show the item text? `free`: no permission needed; `free_with_attribution`: free, the
 * source must be cited; `licence_required`: the copyright holder's permission (and maybe fees) is
 * needed, so only structure and scoring ship; `unverified`: terms not confirmed, treated like
 * `licence_required` until someone checks.
 */
export const licenceStatuses = ['free', 'free_with_attribution', 'licence_required', 'unverified'] as const;
export const LicenceStatus = z.enum(licenceStatuses);
export type LicenceStatus = z.infer<typeof LicenceStatus>;

/** Whether Kindred may ship an instrument's item text under this licence status. */
export const mayShipText = (licence: LicenceStatus): boolean => licence === 'free' || licence === 'free_with_attribution';

/** One answer a choice item offers: its stable code, its label, and the number it scores as (null: not scorable). */
export interface AnswerChoice {
  code: string;
  display: string;
  value: number | null;
}

export type ItemKind = 'choice' | 'integer' | 'decimal' | 'text';

/** An answerable item, flattened out of its groups. */
export interface InstrumentItem {
  linkId: string;
  prefix: string | null;
  text: string;
  kind: ItemKind;
  /** Choice items only. */
  options: AnswerChoice[];
  /** The smallest and largest value an answer may take (for choice items: over the options). */
  min: number | null;
  max: number | null;
  /** Counts toward a score; false for free text and items marked `item-scored: false`. */
  isScored: boolean;
}

/** Simple scoring a program declares for its own instrument. */
export interface DeclaredScoring {
  method: 'sum' | 'mean';
  /** Scored items that must be answered; fewer and the response is unscorable. */
  minAnswered: number;
}

/** An instrument as Kindred uses it: the FHIR Questionnaire plus what was read out of it. */
export interface InstrumentDefinition {
  id: string;
  title: string;
  version: string | null;
  licence: LicenceStatus;
  source: string;
  copyright: string | null;
  items: InstrumentItem[];
  scoring: DeclaredScoring | null;
  questionnaire: Questionnaire;
}

/** What is wrong with an imported file, and where (a path, row or field). */
export interface Problem {
  where: string;
  message: string;
}
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Formats a zod issue path the way FHIR paths read: `item[2].answerOption[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;
const TEXT_TYPES = new Set(['string', 'text', 'date', 'dateTime', 'time', 'url']);

function ordinalOf(option: AnswerOption): number | null {
  for (const url of ordinalExtensionUrls) {
    const found = findExtension(option.valueCoding?.extension, url) ?? findExtension(option.extension, url);
    const v = found?.valueDecimal ?? found?.valueInteger;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  if (option.valueInteger !== undefined) return option.valueInteger;
  const code = option.valueCoding?.code ?? option.valueString;
  return code !== undefined && NUMERIC.test(code) ? Number(code) : null;
}

function numberExtension(item: QuestionnaireItem, url: string): number | null {
  const found = findExtension(item.extension, url);
  const v = found?.valueInteger ?? found?.valueDecimal;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Reads a FHIR Questionnaire into an instrument definition, or says everything that is wrong with
 * it. With `requireScoring`, the file must declare sum or mean scoring (program-defined instruments).
 */
export function readQuestionnaire(input: unknown, opts: { requireScoring: boolean }): Parsed<InstrumentDefinition> {
  const parsed = Questionnaire.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ where: formatPath(i.path) || 'Questionnaire', message: i.message })),
    };
  }
  const q = parsed.data;
  const problems: Problem[] = [];

  const id = q.id ?? q.name;
  if (id === undefined) problems.push({ where: 'Questionnaire.id', message: 'an id (or a name) is required' });
  else if (!FHIR_ID.test(id))
    problems.push({ where: 'Questionnaire.id', message: 'use 1-64 letters, digits, "-" or "." (a FHIR id)' });

  const licenceExt = findExtension(q.extension, ext.licence);
  const licence = LicenceStatus.safeParse(licenceExt?.valueCode ?? 'unverified');
  if (!licence.success)
    problems.push({
      where: 'Questionnaire.extension(licence)',
      message: `valueCode must be one of ${licenceStatuses.join(', ')}`,
    });

  const items: InstrumentItem[] = [];
  const seen = new Set<string>();
  const walk = (list: readonly QuestionnaireItem[], path: string) => {
    list.forEach((item, index) => {
      const where = `${path}[${index}] (linkId "${item.linkId}")`;
      if (seen.has(item.linkId)) problems.push({ where, message: 'linkId is used by another item; linkIds must be unique' });
      seen.add(item.linkId);
      if (item.type === 'group') {
        if (!item.item?.length) problems.push({ where, message: 'a group needs at least one item' });
        walk(item.item ?? [], `${path}[${index}].item`);
        return;
      }
      if (item.item?.length) problems.push({ where, message: 'only group items may contain items' });
      if (item.type === 'display') return;
      const read = readItem(item, where, problems);
      if (read) items.push(read);
    });
  };
  walk(q.item ?? [], 'item');

  if (items.length === 0) problems.push({ where: 'Questionnaire.item', message: 'there are no questions to answer' });

  let scoring: DeclaredScoring | null = null;
  const scoringExt = findExtension(q.extension, ext.scoring);
  const scoredCount = items.filter((i) => i.isScored).length;
  if (scoringExt) {
    const method = scoringExt.valueCode;
    if (method !== 'sum' && method !== 'mean') {
      problems.push({ where: 'Questionnaire.extension(scoring)', message: 'valueCode must be "sum" or "mean"' });
    } else if (scoredCount === 0) {
      problems.push({ where: 'Questionnaire.item', message: 'scoring is declared but no item is scored' });
    } else {
      const min = findExtension(q.extension, ext.scoringMinAnswered);
      const minAnswered = min?.valueInteger ?? scoredCount;
      if (min && (min.valueInteger === undefined || minAnswered < 1 || minAnswered > scoredCount)) {
        problems.push({
          where: 'Questionnaire.extension(scoring-min-answered)',
          message: `valueInteger must be a whole number from 1 to ${scoredCount} (the scored items)`,
        });
      } else if (method === 'sum' && minAnswered < scoredCount && !onOneScale(items.filter((i) => i.isScored))) {
        // Mean substitution puts the mean of the answered items in place of each missing one; that is
        // only a possible answer when every item runs over the same values.
        problems.push({
          where: 'Questionnaire.extension(scoring-min-answered)',
          message: 'a sum that allows missing items needs every scored item on the same scale (same lowest and highest value)',
        });
      } else {
        scoring = { method, minAnswered };
      }
    }
  } else if (opts.requireScoring) {
    problems.push({
      where: 'Questionnaire.extension',
      message: `declare the score: an extension with url "${ext.scoring}" and valueCode "sum" or "mean"`,
    });
  }

  if (problems.length > 0 || id === undefined || !licence.success) return { ok: false, problems };
  return {
    ok: true,
    value: {
      id,
      title: q.title ?? q.name ?? id,
      version: q.version ?? null,
      licence: licence.data,
      source: findExtension(q.extension, ext.source)?.valueString ?? '',
      copyright: q.copyright ?? null,
      items,
      scoring,
      questionnaire: q,
    },
  };
}

const onOneScale = (items: readonly InstrumentItem[]): boolean =>
  items.every((i) => i.min === items[0]!.min && i.max === items[0]!.max);

function readItem(item: QuestionnaireItem, where: string, problems: Problem[]): InstrumentItem | null {
  const markedUnscored = findExtension(item.extension, ext.itemScored)?.valueBoolean === false;
  const base = { linkId: item.linkId, prefix: item.prefix ?? null, text: item.text ?? '' };

  if (TEXT_TYPES.has(item.type)) {
    return { ...base, kind: 'text', options: [], min: null, max: null, isScored: false };
  }
  if (item.type === 'integer' || item.type === 'decimal') {
    const min = numberExtension(item, ext.minValue);
    const max = numberExtension(item, ext.maxValue);
    const isScored = !markedUnscored;
    if (isScored && (min === null || max === null))
      problems.push({ where, message: 'a scored number item needs minValue and maxValue extensions' });
    if (min !== null && max !== null && min > max) problems.push({ where, message: 'minValue is greater than maxValue' });
    return { ...base, kind: item.type, options: [], min, max, isScored };
  }
  if (item.type === 'boolean') {
    const options = [
      { code: 'true', display: 'Yes', value: 1 },
      { code: 'false', display: 'No', value: 0 },
    ];
    return { ...base, kind: 'choice', options, min: 0, max: 1, isScored: !markedUnscored };
  }
  if (item.type === 'choice' || item.type === 'open-choice') {
    if (!item.answerOption?.length) {
      problems.push({ where, message: 'a choice item needs answerOption entries (answerValueSet is not supported)' });
      return null;
    }
    const isScored = !markedUnscored;
    const codes = new Set<string>();
    const options: AnswerChoice[] = [];
    item.answerOption.forEach((option, i) => {
      const at = `${where}.answerOption[${i}]`;
      const code =
        option.valueCoding?.code ?? (option.valueInteger !== undefined ? String(option.valueInteger) : option.valueString);
      if (code === undefined || code === '') {
        problems.push({ where: at, message: 'needs valueCoding with a code, valueInteger or valueString' });
        return;
      }
      if (codes.has(code)) problems.push({ where: at, message: `answer code "${code}" is used twice in this item` });
      codes.add(code);
      const value = ordinalOf(option);
      if (isScored && value === null)
        problems.push({ where: at, message: `answer "${code}" has no number to score (add an ordinalValue extension)` });
      options.push({ code, display: option.valueCoding?.display ?? option.valueString ?? code, value });
    });
    const values = options.map((o) => o.value).filter((v): v is number => v !== null);
    return {
      ...base,
      kind: 'choice',
      options,
      min: values.length ? Math.min(...values) : null,
      max: values.length ? Math.max(...values) : null,
      isScored,
    };
  }
  problems.push({ where, message: `item type "${item.type}" is not supported` });
  return null;
}
