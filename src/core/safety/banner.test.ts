import { describe, expect, it } from 'vitest';
import { OpenSafetyEventsQuery, awaitingAcknowledgement } from './banner';

const at = (s: string) => new Date(`2026-03-02T${s}:00Z`);

describe('awaitingAcknowledgement', () => {
  it('keeps only open events nobody acknowledged: a plea for help first, then the longest wait', () => {
    const events = [
      { id: 'flag-early', trigger: 'risk_words', state: 'open', raisedAt: at('08:00'), acknowledgedAt: null },
      { id: 'coach-late', trigger: 'coach_concern', state: 'open', raisedAt: at('11:00'), acknowledgedAt: null },
      { id: 'coach-early', trigger: 'coach_concern', state: 'open', raisedAt: at('09:00'), acknowledgedAt: null },
      { id: 'help', trigger: 'participant_help', state: 'open', raisedAt: at('12:00'), acknowledgedAt: null },
      { id: 'acked', trigger: 'participant_help', state: 'acknowledged', raisedAt: at('07:00'), acknowledgedAt: at('07:05') },
      { id: 'closed', trigger: 'staff_concern', state: 'closed', raisedAt: at('06:00'), acknowledgedAt: at('06:10') },
    ] as const;
    expect(awaitingAcknowledgement(events).map((e) => e.id)).toEqual(['help', 'coach-early', 'coach-late', 'flag-early']);
  });

  it('returns nothing when every event was acknowledged', () => {
    expect(
      awaitingAcknowledgement([
        { trigger: 'staff_concern', state: 'followed_up', raisedAt: at('06:00'), acknowledgedAt: at('06:10') },
      ]),
    ).toEqual([]);
  });
});

describe('OpenSafetyEventsQuery', () => {
  it('names three events unless asked for between 1 and 10', () => {
    expect(OpenSafetyEventsQuery.parse({})).toEqual({ limit: 3 });
    expect(OpenSafetyEventsQuery.parse({ limit: '5' })).toEqual({ limit: 5 });
    expect(OpenSafetyEventsQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(OpenSafetyEventsQuery.safeParse({ limit: '50' }).success).toBe(false);
    expect(OpenSafetyEventsQuery.safeParse({ limit: 'many' }).success).toBe(false);
  });
});
