import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainIssueMessage, usePlainMessages } from './messages';

describe('plainIssueMessage', () => {
  beforeAll(() => usePlainMessages());
  afterAll(() => z.config({ customError: undefined }));
  const messages = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => i.message);

  it('words the refusals people meet in forms without the schema library’s jargon', () => {
    const form = z.object({
      note: z.string().max(4000),
      name: z.string().trim().min(1),
      days: z.int().min(1).max(7),
      channel: z.enum(['phone', 'video']),
      email: z.email(),
      on: z.iso.date(),
      topics: z.array(z.string()).min(1),
    });
    expect(
      messages(form, {
        note: 'x'.repeat(4001),
        name: ' ',
        days: 9,
        channel: 'pigeon',
        email: 'no',
        on: '2026-13-45',
        topics: [],
      }),
    ).toEqual([
      'Keep this to 4,000 characters or fewer.',
      'Fill this in.',
      'Use a number no bigger than 7.',
      'Choose one of the options.',
      'Enter an e-mail address such as name@example.org.',
      'Enter a date such as 15 March 2026.',
      'Choose at least one.',
    ]);
    expect(messages(form.pick({ days: true }), {})).toEqual(['Fill this in.']);
    expect(messages(form.pick({ days: true }), { days: 'three' })).toEqual(['Enter a number.']);
  });

  it('keeps a schema’s own words', () => {
    expect(messages(z.string().trim().min(3, 'Say why the pair pauses'), '')).toEqual(['Say why the pair pauses']);
  });

  it('never says "expected", "Too big" or "Invalid"', () => {
    for (const code of ['too_big', 'too_small', 'invalid_type', 'invalid_value', 'invalid_format', 'custom', 'unrecognized_keys'])
      expect(plainIssueMessage({ code, origin: 'string', minimum: 2, maximum: 5, expected: 'string', input: 1 })).not.toMatch(
        /expected|Too (big|small)|Invalid/i,
      );
  });
});
