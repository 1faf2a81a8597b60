import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import {
  checkFollowUpTime,
  ConcernInput,
  FollowUpInput,
  nextSafetyState,
  possibleSteps,
  safetyStates,
  type SafetyState,
  type SafetyStep,
} from './events';

/** The refusal's reason, or the new state. */
function attempt(state: SafetyState, step: SafetyStep): string {
  try {
    return nextSafetyState(state, step);
  } catch (err) {
    if (err instanceof DomainError) return `${err.code}:${err.reason}`;
    throw err;
  }
}

describe('nextSafetyState', () => {
  it('moves an event from open through acknowledged and followed up to closed', () => {
    expect(attempt('open', 'acknowledge')).toBe('acknowledged');
    expect(attempt('acknowledged', 'follow_up')).toBe('followed_up');
    expect(attempt('followed_up', 'follow_up')).toBe('followed_up');
    expect(attempt('followed_up', 'close')).toBe('closed');
  });

  it('closes only once a follow-up is recorded', () => {
    expect(attempt('open', 'close')).toBe('conflict:no_follow_up');
    expect(attempt('acknowledged', 'close')).toBe('conflict:no_follow_up');
  });

  it('asks for acknowledgement before a follow-up, and acknowledges only once', () => {
    expect(attempt('open', 'follow_up')).toBe('conflict:not_acknowledged');
    expect(attempt('acknowledged', 'acknowledge')).toBe('conflict:already_acknowledged');
    expect(attempt('followed_up', 'acknowledge')).toBe('conflict:already_acknowledged');
  });

  it('changes nothing on a closed event', () => {
    for (const step of ['acknowledge', 'follow_up', 'close'] as const)
      expect(attempt('closed', step)).toBe('conflict:event_closed');
  });

  it('lists the possible steps from the same rule', () => {
    expect(Object.fromEntries(safetyStates.map((s) => [s, possibleSteps(s)]))).toEqual({
      open: ['acknowledge'],
      acknowledged: ['follow_up'],
      followed_up: ['follow_up', 'close'],
      closed: [],
    });
  });
});

describe('checkFollowUpTime', () => {
  const raisedAt = new Date('2026-03-02T15:00:00Z');
  const now = new Date('2026-03-03T15:00:00Z');
  const reason = (doneAt: string): string | null => {
    try {
      checkFollowUpTime(new Date(doneAt), { raisedAt }, now);
      return null;
    } catch (err) {
      return (err as DomainError).reason ?? 'unknown';
    }
  };

  it('accepts a follow-up between the event and now (a few minutes of clock skew allowed)', () => {
    expect(reason('2026-03-02T15:00:00Z')).toBeNull();
    expect(reason('2026-03-03T15:04:00Z')).toBeNull();
    expect(reason('2026-03-02T14:56:00Z')).toBeNull();
  });

  it('refuses a follow-up in the future or before the event', () => {
    expect(reason('2026-03-03T16:00:00Z')).toBe('follow_up_in_future');
    expect(reason('2026-03-01T15:00:00Z')).toBe('follow_up_before_event');
  });
});

describe('input schemas', () => {
  it('fills the defaults of a concern and refuses a short client key', () => {
    const ok = ConcernInput.parse({ participantId: '00000000-0000-4000-8000-000000000001', clientKey: 'abcdefgh' });
    expect(ok).toEqual({
      participantId: '00000000-0000-4000-8000-000000000001',
      clientKey: 'abcdefgh',
      category: null,
      note: '',
    });
    expect(ConcernInput.safeParse({ participantId: '00000000-0000-4000-8000-000000000001', clientKey: 'x' }).success).toBe(false);
  });

  it('asks a follow-up for what was done and an instant with its offset', () => {
    expect(FollowUpInput.safeParse({ doneAt: '2026-03-02T15:00:00Z', action: 'Called' }).success).toBe(true);
    expect(FollowUpInput.safeParse({ doneAt: '2026-03-02T15:00:00Z', action: ' ' }).success).toBe(false);
    expect(FollowUpInput.safeParse({ doneAt: 'yesterday', action: 'Called him' }).success).toBe(false);
  });
});
