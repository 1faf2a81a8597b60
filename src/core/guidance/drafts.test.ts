import { describe, expect, it } from 'vitest';
import { DRAFT_KEEP_DAYS, draftKeptMessage, GuideDraftAnswers, isDraftKept } from './drafts';

const NOW = new Date('2026-12-08T23:50:00Z'); // 6:50 PM in New York
const NY = 'America/New_York';

describe('draftKeptMessage', () => {
  it('names the time in words on the same day, in the given zone', () => {
    expect(draftKeptMessage(new Date('2026-12-08T23:42:00Z'), NOW, NY)).toBe('We kept what you had entered at 6:42 PM.');
    expect(draftKeptMessage(new Date('2026-12-08T15:05:00Z'), NOW, NY)).toBe('We kept what you had entered at 10:05 AM.');
  });

  it('says "yesterday" and otherwise the day, never an ISO date', () => {
    expect(draftKeptMessage(new Date('2026-12-07T23:42:00Z'), NOW, NY)).toBe(
      'We kept what you had entered yesterday at 6:42 PM.',
    );
    expect(draftKeptMessage(new Date('2026-12-03T14:00:00Z'), NOW, NY)).toBe(
      'We kept what you had entered on Thu 3 Dec at 9:00 AM.',
    );
  });

  it('uses the zone for the day too: 1:30 AM UTC is still the same evening in New York', () => {
    const now = new Date('2026-12-09T01:30:00Z');
    expect(draftKeptMessage(new Date('2026-12-08T23:42:00Z'), now, NY)).toBe('We kept what you had entered at 6:42 PM.');
    expect(draftKeptMessage(new Date('2026-12-08T23:42:00Z'), now, 'UTC')).toBe(
      'We kept what you had entered yesterday at 11:42 PM.',
    );
  });
});

describe('isDraftKept', () => {
  it('keeps a draft for two weeks and not a moment longer', () => {
    const limit = new Date(NOW.getTime() - DRAFT_KEEP_DAYS * 86_400_000);
    expect(isDraftKept(new Date(limit.getTime() + 1), NOW)).toBe(true);
    expect(isDraftKept(limit, NOW)).toBe(false);
    expect(isDraftKept(new Date(NOW.getTime() - 60_000), NOW)).toBe(true);
  });
});

describe('GuideDraftAnswers', () => {
  const answers = {
    openedAt: '2026-12-08T23:00:00.000Z',
    pain: 6,
    mood: null,
    outcome: '',
    barrier: '',
    change: '',
    encouraged: false,
    topics: [],
    plan: 'none',
    overrides: { gaveEncouragement: false },
    channel: 'phone',
    minutes: '',
    note: '',
    nextOn: '',
    nextTime: '',
    nextHow: 'video',
    nextMinutes: '30',
    nextPlace: '',
  };
  it('takes what the page holds, half-filled included', () => {
    expect(GuideDraftAnswers.safeParse(answers).success).toBe(true);
    expect(GuideDraftAnswers.safeParse({ ...answers, nextTime: '18:30', nextOn: '2026-12-22' }).success).toBe(true);
  });
  it('refuses what the guide could not have held', () => {
    expect(GuideDraftAnswers.safeParse({ ...answers, pain: 11 }).success).toBe(false);
    expect(GuideDraftAnswers.safeParse({ ...answers, nextTime: '6pm' }).success).toBe(false);
    expect(GuideDraftAnswers.safeParse({ ...answers, plan: 'maybe' }).success).toBe(false);
    expect(GuideDraftAnswers.safeParse({ ...answers, topics: Array.from({ length: 13 }, () => 'sleep') }).success).toBe(false);
  });
});
