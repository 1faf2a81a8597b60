import { z } from 'zod';

/**
 * The kinds of refused field Kindred words itself: a stable code the web turns into words in the
 * reader's language (ADR 0051), with the numbers the words need.
 */
export type PlainIssueCode =
  | 'too_long_text'
  | 'too_many_items'
  | 'too_big_number'
  | 'too_long'
  | 'fill_in'
  | 'min_chars'
  | 'at_least_one'
  | 'min_items'
  | 'too_small_number'
  | 'too_short'
  | 'number'
  | 'yes_no'
  | 'bad_form'
  | 'choose_option'
  | 'email'
  | 'date'
  | 'datetime'
  | 'unknown_ref'
  | 'check_format'
  | 'unexpected'
  | 'whole_number'
  | 'invalid';

/**
 * Sentences a schema or a rule words itself for a field a participant fills in, each with a stable
 * code (issue #16): the server sends the code with the words, and the web says them in the reader's
 * language (`refusal.field.<code>` in the catalogs, whose English is exactly these words).
 */
export const wordedRefusals = {
  phone: 'Enter a phone number of 7 to 20 digits',
  text_check_in_hours: 'Choose a time between 7 AM and 9 PM',
  text_check_in_day: 'Choose the day for the check-in text',
  text_check_in_time: 'Choose the time for the check-in text',
  text_check_in_phone: 'Add a phone number to get the check-in by text',
} as const;
export type WordedRefusalCode = keyof typeof wordedRefusals;

/** The code of a sentence in {@link wordedRefusals}, or null for any other words. */
export function wordedRefusalCode(message: string): WordedRefusalCode | null {
  const found = Object.entries(wordedRefusals).find(([, words]) => words === message);
  return found ? (found[0] as WordedRefusalCode) : null;
}

/** A refused field in words: its code, the numbers in it, and the English sentence. */
export interface PlainIssue {
  code: PlainIssueCode;
  values?: { max?: number; min?: number };
  message: string;
}

type IssueLike = {
  code: string;
  origin?: string | undefined;
  minimum?: unknown;
  maximum?: unknown;
  expected?: unknown;
  format?: string | undefined;
  input?: unknown;
};

/**
 * Plain-English words for a refused field, used wherever a schema gives none of its own (issue #10:
 * "Too small: expected string to have >=1 characters" must never reach a person), with a stable
 * code so the web can say them in the reader's language. Pure: the issue in, the words out.
 */
export function plainIssue(issue: IssueLike): PlainIssue {
  const num = (v: unknown): number => Number(v);
  const n = (v: unknown): string => num(v).toLocaleString('en-US');
  const is = (...origins: string[]) => origins.includes(issue.origin ?? '');
  switch (issue.code) {
    case 'too_big':
      if (is('string'))
        return {
          code: 'too_long_text',
          values: { max: num(issue.maximum) },
          message: `Keep this to ${n(issue.maximum)} characters or fewer.`,
        };
      if (is('array', 'set'))
        return {
          code: 'too_many_items',
          values: { max: num(issue.maximum) },
          message: `Choose no more than ${n(issue.maximum)}.`,
        };
      if (is('number', 'int', 'bigint'))
        return {
          code: 'too_big_number',
          values: { max: num(issue.maximum) },
          message: `Use a number no bigger than ${n(issue.maximum)}.`,
        };
      return { code: 'too_long', message: 'This is too long.' };
    case 'too_small':
      if (is('string'))
        return num(issue.minimum) <= 1
          ? { code: 'fill_in', message: 'Fill this in.' }
          : { code: 'min_chars', values: { min: num(issue.minimum) }, message: `Write at least ${n(issue.minimum)} characters.` };
      if (is('array', 'set'))
        return num(issue.minimum) <= 1
          ? { code: 'at_least_one', message: 'Choose at least one.' }
          : { code: 'min_items', values: { min: num(issue.minimum) }, message: `Choose at least ${n(issue.minimum)}.` };
      if (is('number', 'int', 'bigint'))
        return {
          code: 'too_small_number',
          values: { min: num(issue.minimum) },
          message: `Use a number no smaller than ${n(issue.minimum)}.`,
        };
      return { code: 'too_short', message: 'This is too short.' };
    case 'invalid_type':
      if (issue.input === undefined) return { code: 'fill_in', message: 'Fill this in.' };
      if (issue.expected === 'number' || issue.expected === 'int') return { code: 'number', message: 'Enter a number.' };
      if (issue.expected === 'boolean') return { code: 'yes_no', message: 'Choose yes or no.' };
      return { code: 'bad_form', message: 'This answer is not in a form Kindred can use.' };
    case 'invalid_value':
    case 'invalid_union':
      return { code: 'choose_option', message: 'Choose one of the options.' };
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'email', message: 'Enter an e-mail address such as name@example.org.' };
      if (issue.format === 'date') return { code: 'date', message: 'Enter a date such as 15 March 2026.' };
      if (issue.format === 'datetime') return { code: 'datetime', message: 'Enter a date and time.' };
      if (issue.format === 'uuid' || issue.format === 'guid')
        return { code: 'unknown_ref', message: 'This refers to something Kindred does not know.' };
      return { code: 'check_format', message: 'Check how this is written.' };
    case 'unrecognized_keys':
      return { code: 'unexpected', message: 'This includes something Kindred does not expect.' };
    case 'not_multiple_of':
      return { code: 'whole_number', message: 'Use a whole number.' };
    default:
      return { code: 'invalid', message: 'This answer is not valid.' };
  }
}

/**
 * Kindred's own words for an issue zod already worded, when they are its words (not a schema's own
 * message): the code and numbers to say them in the reader's language. A reported issue may lack
 * its input, which tells "Fill this in." from "Enter a number."; the words already chosen decide.
 */
export function plainIssueOf(issue: IssueLike & { message?: string | undefined }): PlainIssue | null {
  return [plainIssue(issue), plainIssue({ ...issue, input: null })].find((p) => p.message === issue.message) ?? null;
}

/** The English words of {@link plainIssue}: zod's message for every issue a schema leaves unworded. */
export function plainIssueMessage(issue: IssueLike): string {
  return plainIssue(issue).message;
}

/**
 * A refused field's name in words, for a summary whose page gave it no label (issue #16: never
 * "painLocations" or "items.2.note"): "painLocations" → "Pain locations", "items.2.note" → "Note
 * (item 3)". Empty for the request as a whole.
 */
export function fieldWords(path: string): string {
  const parts = path.split('.').filter((p) => p !== '' && p !== 'body' && p !== 'query' && p !== 'params');
  const name = [...parts].reverse().find((p) => !/^\d+$/.test(p));
  if (!name) return '';
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  const sentence = words.charAt(0).toUpperCase() + words.slice(1);
  const index = parts.find((p) => /^\d+$/.test(p));
  return index === undefined ? sentence : `${sentence} (item ${Number(index) + 1})`;
}

/** Makes `plainIssueMessage` zod's message for every issue a schema leaves unworded. Call once at start-up. */
export function usePlainMessages(): void {
  z.config({ customError: (issue) => plainIssueMessage(issue as Parameters<typeof plainIssueMessage>[0]) });
}

/**
 * The most characters a text schema allows, looking through `.default()`, `.nullable()` and
 * `.optional()`, so a form can show the limit the server enforces (issue #10). Undefined when none.
 */
export function maxLengthOf(schema: z.ZodType): number | undefined {
  let s: unknown = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodOptional) s = s.unwrap();
  return s instanceof z.ZodString ? (s.maxLength ?? undefined) : undefined;
}
