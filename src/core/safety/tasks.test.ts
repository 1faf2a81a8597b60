import { describe, expect, it } from 'vitest';
import { compareSafetyTasks, safetyTaskReason, safetyTriggerWords } from './tasks';

const raisedAt = new Date('2026-03-02T15:00:00Z');
const NY = 'America/New_York';

describe('safetyTaskReason', () => {
  it('states the trigger, who raised it, when (program clock) and the next step', () => {
    expect(
      safetyTaskReason(
        {
          trigger: 'coach_concern',
          category: 'self_harm',
          state: 'open',
          raisedAt,
          raisedByRole: 'coach',
          raisedByName: 'James Walker',
          details: {},
        },
        NY,
      ),
    ).toBe(
      'Coach raised a safety concern: talked about suicide or harming themselves; raised by James Walker (coach) on Monday 2 March 2026 at 10:00 AM. Acknowledge it now.',
    );
  });

  it('names the PHQ-9 item and answer, and says when Kindred found it', () => {
    expect(
      safetyTaskReason(
        {
          trigger: 'assessment_flag',
          category: 'self_harm',
          state: 'acknowledged',
          raisedAt,
          raisedByRole: 'system',
          raisedByName: null,
          details: { instrument: 'phq9', itemValue: 2 },
        },
        NY,
      ),
    ).toBe(
      'PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered above 0 (2); found by Kindred on Monday 2 March 2026 at 10:00 AM. Record the follow-up: who, when, what was done, referred to whom.',
    );
  });

  it('lists the phrases a check-in note matched', () => {
    expect(safetyTriggerWords({ trigger: 'risk_words', category: 'self_harm', details: { phrases: ['want to die'] } })).toBe(
      'Words in a check-in note to review: "want to die"',
    );
  });
});

describe('compareSafetyTasks', () => {
  it('puts events waiting for acknowledgement first, then the oldest', () => {
    const e = (state: 'open' | 'acknowledged' | 'followed_up', iso: string) => ({ state, raisedAt: new Date(iso) });
    const list = [
      e('followed_up', '2026-03-01T00:00:00Z'),
      e('open', '2026-03-02T12:00:00Z'),
      e('acknowledged', '2026-03-01T00:00:00Z'),
      e('open', '2026-03-02T09:00:00Z'),
    ].sort(compareSafetyTasks);
    expect(list.map((x) => `${x.state} ${x.raisedAt.toISOString().slice(11, 13)}`)).toEqual([
      'open 09',
      'open 12',
      'acknowledged 00',
      'followed_up 00',
    ]);
  });
});
