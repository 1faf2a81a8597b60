import { z } from 'zod';

/**
 * Plain-English words for a refused field, used wherever a schema gives none of its own (issue #10:
 * "Too small: expected string to have >=1 characters" must never reach a person). A schema's own
 * message (`.min(3, 'Say why')`) still wins. Pure: the issue in, a sentence out.
 */
export function plainIssueMessage(issue: {
  code: string;
  origin?: string | undefined;
  minimum?: unknown;
  maximum?: unknown;
  expected?: unknown;
  format?: string | undefined;
  input?: unknown;
}): string {
  const n = (v: unknown): string =>
    typeof v === 'number' || typeof v === 'bigint' ? Number(v).toLocaleString('en-US') : String(v);
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `Keep this to ${n(issue.maximum)} characters or fewer.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose no more than ${n(issue.maximum)}.`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return `Use a number no bigger than ${n(issue.maximum)}.`;
      return 'This is too long.';
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'Fill this in.' : `Write at least ${n(issue.minimum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return Number(issue.minimum) <= 1 ? 'Choose at least one.' : `Choose at least ${n(issue.minimum)}.`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return `Use a number no smaller than ${n(issue.minimum)}.`;
      return 'This is too short.';
    case 'invalid_type':
      if (issue.input === undefined) return 'Fill this in.';
      if (issue.expected === 'number' || issue.expected === 'int') return 'Enter a number.';
      if (issue.expected === 'boolean') return 'Choose yes or no.';
      return 'This answer is not in a form Kindred can use.';
    case 'invalid_value':
    case 'invalid_union':
      return 'Choose one of the options.';
    case 'invalid_format':
      if (issue.format === 'email') return 'Enter an e-mail address such as name@example.org.';
      if (issue.format === 'date') return 'Enter a date such as 15 March 2026.';
      if (issue.format === 'datetime') return 'Enter a date and time.';
      if (issue.format === 'uuid' || issue.format === 'guid') return 'This refers to something Kindred does not know.';
      return 'Check how this is written.';
    case 'unrecognized_keys':
      return 'This includes something Kindred does not expect.';
    case 'not_multiple_of':
      return 'Use a whole number.';
    default:
      return 'This answer is not valid.';
  }
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
