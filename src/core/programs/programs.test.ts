import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER } from '../engagement/ladder';
import { ProgramUpdate } from './index';

/** The words the server refuses a setting with are the ones the settings form shows (ADR 0054). */
function refusals(body: unknown): Record<string, string> {
  const r = ProgramUpdate.safeParse(body);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('program settings, as the server checks them', () => {
  it('refuses a number of days out of range, a fraction or text in one sentence', () => {
    expect(refusals({ cadenceDays: 0 })).toEqual({ cadenceDays: 'Enter a whole number of days from 1 to 90.' });
    expect(refusals({ cadenceDays: 2.5 })).toEqual({ cadenceDays: 'Enter a whole number of days from 1 to 90.' });
    expect(refusals({ lengthDays: 'six months' })).toEqual({ lengthDays: 'Enter a whole number of days from 7 to 1095.' });
    expect(refusals({ ladder: { ...DEFAULT_LADDER, checkInGraceDays: 121, decisionGraceDays: 150 } })).toEqual({
      'ladder.checkInGraceDays': 'Enter a whole number of days from 0 to 120.',
    });
  });

  it('keeps the ladder in order', () => {
    expect(refusals({ ladder: { ...DEFAULT_LADDER, firstContactDays: 10, reminderDays: 5 } })).toEqual({
      'ladder.reminderDays': 'The reminder cannot come before the first contact is due. Use the same number of days or more.',
    });
    expect(refusals({ ladder: { ...DEFAULT_LADDER, checkInGraceDays: 20, decisionGraceDays: 20 } })).toEqual({
      'ladder.decisionGraceDays': 'The decision comes after the staff call. Use more days than for the call.',
    });
    expect(refusals({ cadenceDays: 14, ladder: DEFAULT_LADDER })).toEqual({});
  });
});
