import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import { checkContact, ContactInput } from './index';

const NOW = new Date('2026-03-20T12:00:00.000Z');
const PAIRED = new Date('2026-03-02T15:00:00.000Z');
const MINUTE = 60_000;
const ctx = { now: NOW, pairingStartedAt: PAIRED, programTopics: ['pacing', 'sleep', 'relaxation'] };

const input = (o: Record<string, unknown> = {}): ContactInput =>
  ContactInput.parse({
    participantId: '00000000-0000-4000-8000-000000000001',
    clientKey: '00000000-0000-4000-8000-000000000002',
    occurredAt: '2026-03-19T10:00:00.000Z',
    channel: 'phone',
    outcome: 'reached',
    minutes: 25,
    topics: ['pacing', 'sleep'],
    discussedStrategies: true,
    gaveEncouragement: true,
    ...o,
  });

function reasonOf(i: ContactInput): string | undefined {
  try {
    checkContact(i, ctx);
  } catch (err) {
    if (err instanceof DomainError) {
      expect(err.code).toBe('invalid_state');
      return err.reason;
    }
    throw err;
  }
  return undefined;
}

describe('checkContact', () => {
  it('accepts a reached contact with topics from the curriculum', () => {
    expect(reasonOf(input())).toBeUndefined();
  });

  it('refuses a contact in the future, allowing 10 minutes of clock skew', () => {
    expect(reasonOf(input({ occurredAt: new Date(NOW.getTime() + 10 * MINUTE).toISOString() }))).toBeUndefined();
    expect(reasonOf(input({ occurredAt: new Date(NOW.getTime() + 10 * MINUTE + 1000).toISOString() }))).toBe('contact_in_future');
    expect(reasonOf(input({ occurredAt: '2026-04-01T00:00:00.000Z' }))).toBe('contact_in_future');
  });

  it('compares instants, not the written offset', () => {
    // 13:05 at +02:00 is 11:05Z, before NOW.
    expect(reasonOf(input({ occurredAt: '2026-03-20T13:05:00+02:00' }))).toBeUndefined();
  });

  it('refuses a contact dated before the pairing began (beyond the skew allowance)', () => {
    expect(reasonOf(input({ occurredAt: new Date(PAIRED.getTime() - 10 * MINUTE).toISOString() }))).toBeUndefined();
    expect(reasonOf(input({ occurredAt: new Date(PAIRED.getTime() - 11 * MINUTE).toISOString() }))).toBe(
      'contact_before_pairing',
    );
    expect(reasonOf(input({ occurredAt: '2026-02-01T00:00:00.000Z' }))).toBe('contact_before_pairing');
  });

  it('refuses a topic that is not in the program curriculum', () => {
    expect(reasonOf(input({ topics: ['pacing', 'astrology'] }))).toBe('unknown_topic');
  });

  it('accepts an unreached attempt with no content', () => {
    for (const outcome of ['no_answer', 'voicemail', 'wrong_number', 'declined']) {
      expect(
        reasonOf(input({ outcome, minutes: null, topics: [], discussedStrategies: false, gaveEncouragement: false })),
      ).toBeUndefined();
      expect(
        reasonOf(input({ outcome, minutes: 0, topics: [], discussedStrategies: false, gaveEncouragement: false })),
      ).toBeUndefined();
    }
  });

  it('refuses session content on an unreached attempt: topics, minutes or any essential element', () => {
    const empty = { outcome: 'voicemail', minutes: null, topics: [], discussedStrategies: false, gaveEncouragement: false };
    expect(reasonOf(input({ ...empty, topics: ['pacing'] }))).toBe('unreached_with_content');
    expect(reasonOf(input({ ...empty, minutes: 5 }))).toBe('unreached_with_content');
    for (const element of ['discussedStrategies', 'gaveEncouragement', 'discussedAdjusting', 'discussedGoals']) {
      expect([element, reasonOf(input({ ...empty, [element]: true }))]).toEqual([element, 'unreached_with_content']);
    }
  });

  it('allows a note on an unreached attempt', () => {
    expect(
      reasonOf(
        input({
          outcome: 'no_answer',
          minutes: null,
          topics: [],
          discussedStrategies: false,
          gaveEncouragement: false,
          note: 'Left no message',
        }),
      ),
    ).toBeUndefined();
  });
});
