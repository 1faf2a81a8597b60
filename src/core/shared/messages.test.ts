import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldWords, plainIssueMessage, usePlainMessages } from './messages';

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

/** What a person must never read in a refusal: the schema library's and the programmer's words. */
const JARGON =
  /(>=|<=|\bexpected\b|\bstring\b|\benum\b|\bundefined\b|\bNaN\b|invalid input|Too (big|small)|\bregex\b|\biso\b|\buuid\b|\bint\b)/i;

describe('every refusal a form can meet is a plain sentence (issue #16)', () => {
  beforeAll(() => usePlainMessages());
  afterAll(() => z.config({ customError: undefined }));

  const form = z.object({
    name: z.string().trim().min(1).max(80),
    note: z.string().max(4000),
    reason: z.string().min(3),
    channel: z.enum(['phone', 'video', 'in_person']),
    on: z.iso.date(),
    at: z.iso.datetime(),
    pain: z.int().min(0).max(10),
    minutes: z.number().positive(),
    share: z.boolean(),
    topics: z.array(z.string()).min(1).max(3),
    id: z.uuid(),
    phone: z.string().regex(/^\d+$/),
    email: z.email(),
  });
  const cases: [string, Record<string, unknown>][] = [
    ['empty text', { name: '' }],
    ['text too long', { name: 'x'.repeat(81) }],
    ['text too short', { reason: 'no' }],
    ['a choice not offered', { channel: 'pigeon' }],
    ['an impossible date', { on: '2026-02-30' }],
    ['a date written another way', { on: '12/08/2026' }],
    ['an impossible date and time', { at: 'tomorrow' }],
    ['a number above the range', { pain: 11 }],
    ['a number below the range', { pain: -1 }],
    ['a fraction where a whole number goes', { pain: 2.5 }],
    ['zero where more is needed', { minutes: 0 }],
    ['words where a number goes', { pain: 'seven' }],
    ['yes or no left out', { share: 'maybe' }],
    ['no choice made', { topics: [] }],
    ['too many chosen', { topics: ['a', 'b', 'c', 'd'] }],
    ['an unknown reference', { id: '42' }],
    ['a pattern not matched', { phone: 'call me' }],
    ['an e-mail address not an address', { email: 'at home' }],
  ];

  it.each(cases)('%s', (_what, input) => {
    const issues = form.partial().safeParse(input).error?.issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.message).not.toMatch(JARGON);
      expect(issue.message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('missing required fields', () => {
    const issues = form.safeParse({}).error?.issues ?? [];
    expect(issues.length).toBe(Object.keys(form.shape).length);
    // A choice left unmade asks for a choice; anything else asks to fill it in.
    for (const issue of issues)
      expect(issue.message).toBe(issue.path[0] === 'channel' ? 'Choose one of the options.' : 'Fill this in.');
  });

  it('the whole body missing or not an object', () => {
    for (const input of [undefined, null, 'text', 42]) {
      for (const issue of form.safeParse(input).error?.issues ?? []) expect(issue.message).not.toMatch(JARGON);
    }
  });
});

describe('fieldWords', () => {
  it('names a refused field in words, never by its path', () => {
    expect(fieldWords('painLocations')).toBe('Pain locations');
    expect(fieldWords('body.givenName')).toBe('Given name');
    expect(fieldWords('items.2.note')).toBe('Note (item 3)');
    expect(fieldWords('preferred_days')).toBe('Preferred days');
    expect(fieldWords('body')).toBe('');
    expect(fieldWords('')).toBe('');
  });
});
