import { describe, expect, it } from 'vitest';
import { followUpDueAt, median, safetyTimings, summarizeSafetyLog } from './timings';

const NY = 'America/New_York';
const at = (s: string) => new Date(s);

describe('followUpDueAt: the end of the next business day on the program clock', () => {
  it('gives Monday morning until the end of Tuesday (local midnight)', () => {
    // Monday 2 March 2026, 10:00 in New York (UTC-5).
    expect(followUpDueAt(at('2026-03-02T15:00:00Z'), NY).toISOString()).toBe('2026-03-04T05:00:00.000Z');
  });

  it('skips the weekend: Friday until the end of Monday, across the change to daylight-saving time', () => {
    // Friday 6 March; clocks go forward on Sunday 8 March, so Tuesday midnight is UTC-4.
    expect(followUpDueAt(at('2026-03-06T15:00:00Z'), NY).toISOString()).toBe('2026-03-10T04:00:00.000Z');
    expect(followUpDueAt(at('2026-03-07T15:00:00Z'), NY).toISOString()).toBe('2026-03-10T04:00:00.000Z');
  });

  it('reads the day on the program clock, not in UTC', () => {
    // 03:00 UTC on Saturday is still Friday evening in New York.
    expect(followUpDueAt(at('2026-03-07T03:00:00Z'), NY).toISOString()).toBe('2026-03-10T04:00:00.000Z');
    expect(followUpDueAt(at('2026-03-07T03:00:00Z'), 'Europe/London').toISOString()).toBe('2026-03-10T00:00:00.000Z');
  });
});

describe('safetyTimings', () => {
  const raisedAt = at('2026-03-02T15:00:00Z');

  it('counts whole minutes to acknowledgement and to the first follow-up', () => {
    const t = safetyTimings(
      { raisedAt, acknowledgedAt: at('2026-03-02T15:12:29Z'), firstFollowUpAt: at('2026-03-03T14:00:00Z') },
      at('2026-03-05T00:00:00Z'),
      NY,
    );
    expect(t).toEqual({
      minutesToAcknowledge: 12,
      minutesToFollowUp: 23 * 60,
      followUpDueAt: at('2026-03-04T05:00:00Z'),
      followUpStatus: 'on_time',
    });
  });

  it('says pending, overdue or late for the follow-up', () => {
    const open = { raisedAt, acknowledgedAt: null, firstFollowUpAt: null };
    expect(safetyTimings(open, at('2026-03-03T20:00:00Z'), NY)).toMatchObject({
      minutesToAcknowledge: null,
      minutesToFollowUp: null,
      followUpStatus: 'pending',
    });
    expect(safetyTimings(open, at('2026-03-04T05:00:01Z'), NY).followUpStatus).toBe('overdue');
    const late = { ...open, acknowledgedAt: raisedAt, firstFollowUpAt: at('2026-03-04T06:00:00Z') };
    expect(safetyTimings(late, at('2026-03-09T00:00:00Z'), NY)).toMatchObject({
      minutesToAcknowledge: 0,
      followUpStatus: 'late',
    });
  });

  it('never counts a follow-up recorded a clock-skew before the event as negative', () => {
    const t = safetyTimings({ raisedAt, acknowledgedAt: raisedAt, firstFollowUpAt: at('2026-03-02T14:58:00Z') }, raisedAt, NY);
    expect(t.minutesToFollowUp).toBe(0);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
  });
});

describe('summarizeSafetyLog', () => {
  it('counts what is open and overdue and gives the median times', () => {
    const now = at('2026-03-06T12:00:00Z');
    const raisedAt = at('2026-03-02T15:00:00Z');
    const summary = summarizeSafetyLog(
      [
        // Acknowledged in 10 minutes, followed up in 2 hours, closed.
        { state: 'closed', raisedAt, acknowledgedAt: at('2026-03-02T15:10:00Z'), firstFollowUpAt: at('2026-03-02T17:00:00Z') },
        // Acknowledged in 30 minutes, followed up late (after Wednesday 05:00 UTC).
        {
          state: 'followed_up',
          raisedAt,
          acknowledgedAt: at('2026-03-02T15:30:00Z'),
          firstFollowUpAt: at('2026-03-04T15:00:00Z'),
        },
        // Acknowledged in 50 minutes, no follow-up yet and past due.
        { state: 'acknowledged', raisedAt, acknowledgedAt: at('2026-03-02T15:50:00Z'), firstFollowUpAt: null },
        // Raised this morning, not acknowledged yet.
        { state: 'open', raisedAt: at('2026-03-06T11:00:00Z'), acknowledgedAt: null, firstFollowUpAt: null },
      ],
      now,
      NY,
    );
    expect(summary).toEqual({
      total: 4,
      notClosed: 3,
      awaitingAcknowledgement: 1,
      followUpOverdue: 1,
      followUpsOnTime: 1,
      followUpsLate: 1,
      medianMinutesToAcknowledge: 30,
      medianMinutesToFollowUp: (120 + 48 * 60) / 2,
    });
  });

  it('has no medians for an empty log', () => {
    expect(summarizeSafetyLog([], at('2026-03-06T12:00:00Z'), NY)).toMatchObject({
      total: 0,
      medianMinutesToAcknowledge: null,
      medianMinutesToFollowUp: null,
    });
  });
});
