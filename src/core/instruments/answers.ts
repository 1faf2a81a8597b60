import { z } from 'zod';
import { DomainError } from '../shared/errors';
import { formatPath, type InstrumentDefinition, type InstrumentItem, type Parsed, type Problem } from './definition';

/** One answer as given: a number (the scored value), an answer code, free text, or null for "not answered". */
export const AnswerValue = z.union([z.number(), z.string().max(2000), z.null()]);

/** The answers to one instrument as given: linkId → answer. Items left out are unanswered. */
export const AnswersInput = z.record(z.string(), AnswerValue);
export type AnswersInput = z.infer<typeof AnswersInput>;

/** Checked answers: choice and number items hold their scored value, text items their text; unanswered items are absent. */
export type Answers = Readonly<Record<string, number | string>>;

function describeAllowed(item: InstrumentItem): string {
  if (item.kind === 'choice') {
    const values = item.options.map((o) => o.value).filter((v): v is number => v !== null);
    const codes = item.options.map((o) => o.code).join(', ');
    return values.length ? `a number from ${item.min} to ${item.max} or an answer code (${codes})` : `an answer code (${codes})`;
  }
  const range =
    item.min !== null && item.max !== null
      ? ` from ${item.min} to ${item.max}`
      : item.min !== null
        ? ` of at least ${item.min}`
        : '';
  return item.kind === 'integer' ? `a whole number${range}` : `a number${range}`;
}

function checkOne(item: InstrumentItem, value: number | string): { value: number | string } | { problem: string } {
  switch (item.kind) {
    case 'text':
      return typeof value === 'string' ? { value } : { problem: 'must be text' };
    case 'choice': {
      const option =
        typeof value === 'number' ? item.options.find((o) => o.value === value) : item.options.find((o) => o.code === value);
      if (!option) return { problem: `out of range: must be ${describeAllowed(item)}` };
      // An unscorable option (a code without a number) is kept as its code.
      return { value: option.value ?? option.code };
    }
    case 'integer':
    case 'decimal': {
      if (typeof value !== 'number') return { problem: `wrong type: must be ${describeAllowed(item)}` };
      const isWhole = Number.isInteger(value);
      const inRange = (item.min === null || value >= item.min) && (item.max === null || value <= item.max);
      if ((item.kind === 'integer' && !isWhole) || !inRange) return { problem: `out of range: must be ${describeAllowed(item)}` };
      return { value };
    }
  }
}

/**
 * Checks answers against an instrument: every linkId must be one of its items and every value one
 * the item allows. Problems name the item and what is allowed, never the value given.
 */
export function checkAnswers(definition: InstrumentDefinition, input: unknown): Parsed<Answers> {
  const shape = AnswersInput.safeParse(input);
  if (!shape.success) {
    const problems = shape.error.issues.map((i) => ({
      where: formatPath(i.path) || 'answers',
      message: i.path.length
        ? 'wrong type: must be a number, an answer code or null'
        : 'must be a JSON object of linkId → answer',
    }));
    return { ok: false, problems };
  }
  const byLinkId = new Map(definition.items.map((i) => [i.linkId, i]));
  const problems: Problem[] = [];
  const answers: Record<string, number | string> = {};
  for (const [linkId, value] of Object.entries(shape.data)) {
    const item = byLinkId.get(linkId);
    if (!item) {
      problems.push({ where: linkId, message: `unknown linkId: not an item of ${definition.id}` });
      continue;
    }
    if (value === null) continue;
    const checked = checkOne(item, value);
    if ('problem' in checked) problems.push({ where: linkId, message: checked.problem });
    else answers[linkId] = checked.value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: answers };
}

/** Like `checkAnswers`, but throws a DomainError (`invalid_answers`) whose message lists every problem. */
export function parseAnswers(definition: InstrumentDefinition, input: unknown): Answers {
  const checked = checkAnswers(definition, input);
  if (!checked.ok) {
    const list = checked.problems.map((p) => `${p.where}: ${p.message}`).join('; ');
    throw new DomainError('invalid_state', 'invalid_answers', `Invalid answers for ${definition.id}: ${list}`);
  }
  return checked.value;
}
