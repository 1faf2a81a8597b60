import { z } from 'zod';
import type { Parsed, Problem } from './definition';
import type { QuestionnaireItem } from './questionnaire';
import type { Instrument } from './registry';

/** The placeholder a licensed instrument ships instead of an item's text. */
export const licensedPlaceholder = (itemNumber: string | number): string =>
  `Item ${itemNumber} (text loaded from a licensed file)`;
export const isLicensedPlaceholder = (text: string): boolean => /^Item \S+ \(text loaded from a licensed file\)$/.test(text);

/** The file a licensed program provides: linkId → the item's text, exactly as the licence holder supplies it. */
export const LicensedText = z.record(z.string().min(1), z.string().trim().min(1).max(4000));

/**
 * Puts a program's licensed item text into an instrument that ships without it. Every item must be
 * given text and every key must be one of the instrument's linkIds; otherwise the problems are listed
 * and nothing changes.
 */
export function withLicensedText(instrument: Instrument, input: unknown): Parsed<Instrument> {
  if (instrument.hasItemText) {
    return {
      ok: false,
      problems: [{ where: instrument.id, message: 'this instrument ships with its item text; no file is needed' }],
    };
  }
  const parsed = LicensedText.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      where: i.path.length ? String(i.path[0]) : 'file',
      message: i.path.length ? 'must be non-empty text' : 'must be a JSON object of linkId → item text',
    }));
    return { ok: false, problems };
  }
  const texts = parsed.data;
  const linkIds = new Set(instrument.definition.items.map((i) => i.linkId));
  const problems: Problem[] = [];
  for (const key of Object.keys(texts)) {
    if (!linkIds.has(key)) problems.push({ where: key, message: `unknown linkId: not an item of ${instrument.id}` });
  }
  for (const linkId of linkIds) {
    if (texts[linkId] === undefined) problems.push({ where: linkId, message: 'missing: the file gives no text for this item' });
  }
  if (problems.length > 0) return { ok: false, problems };

  const fill = (items: readonly QuestionnaireItem[]): QuestionnaireItem[] =>
    items.map((item) => ({ ...item, text: texts[item.linkId] ?? item.text, ...(item.item ? { item: fill(item.item) } : {}) }));
  const questionnaire = { ...instrument.definition.questionnaire, item: fill(instrument.definition.questionnaire.item ?? []) };
  const items = instrument.definition.items.map((item) => ({ ...item, text: texts[item.linkId] ?? item.text }));
  return {
    ok: true,
    value: { ...instrument, hasItemText: true, definition: { ...instrument.definition, questionnaire, items } },
  };
}
