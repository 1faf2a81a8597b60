import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import { zonedInstant } from '../shared/time';
import {
  reminderAt,
  reminderChannels,
  remindersDue,
  ScheduleSessionInput,
  SchedulingSettings,
  sessionStart,
  sessionWhenWords,
  videoLinkFor,
  videoRoomTemplateProblem,
  type ReminderSession,
} from './scheduling';

const NY = 'America/New_York';

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.reason;
    throw e;
  }
  return undefined;
}

describe('video-room templates', () => {
  it('accepts an https address with a known placeholder and fills it in', () => {
    const t = 'https://meet.example.org/kindred-{pairing}';
    expect(videoRoomTemplateProblem(t)).toBeNull();
    expect(videoLinkFor(t, { pairingId: 'abc', sessionId: 'xyz' })).toBe('https://meet.example.org/kindred-abc');
    expect(videoLinkFor('https://v.example.org/{pairing}/{session}', { pairingId: 'a', sessionId: 's' })).toBe(
      'https://v.example.org/a/s',
    );
  });

  it('refuses unknown placeholders, no placeholder, other schemes and credentials', () => {
    expect(videoRoomTemplateProblem('https://meet.example.org/{participant}')).toMatch(/Unknown placeholder \{participant\}/);
    expect(videoRoomTemplateProblem('https://meet.example.org/shared-room')).toMatch(/each pair gets its own room/);
    expect(videoRoomTemplateProblem('http://meet.example.org/{pairing}')).toMatch(/https/);
    expect(videoRoomTemplateProblem('javascript:alert({pairing})')).toMatch(/https/);
    expect(videoRoomTemplateProblem('https://u:p@meet.example.org/{pairing}')).toMatch(/password/);
    expect(videoRoomTemplateProblem('not a url {pairing}')).toMatch(/full web address/);
  });

  it('is checked by the settings schema', () => {
    const ok = { videoRoomTemplate: 'https://meet.example.org/k-{session}', reminderLeadHours: 24, textReminders: true };
    expect(SchedulingSettings.safeParse(ok).success).toBe(true);
    expect(SchedulingSettings.safeParse({ ...ok, videoRoomTemplate: null }).success).toBe(true);
    expect(SchedulingSettings.safeParse({ ...ok, videoRoomTemplate: 'https://x.org/{name}' }).success).toBe(false);
    expect(SchedulingSettings.safeParse({ ...ok, reminderLeadHours: 0 }).success).toBe(false);
    expect(SchedulingSettings.safeParse({ ...ok, reminderLeadHours: 169 }).success).toBe(false);
  });
});

describe('the session input', () => {
  it('needs a place for an in-person session and defaults the duration', () => {
    expect(ScheduleSessionInput.safeParse({ date: '2026-03-10', time: '10:00', modality: 'in_person' }).success).toBe(false);
    const parsed = ScheduleSessionInput.parse({ date: '2026-03-10', time: '10:00', modality: 'in_person', place: ' Library ' });
    expect(parsed).toEqual({ date: '2026-03-10', time: '10:00', modality: 'in_person', place: 'Library', durationMinutes: 30 });
    expect(ScheduleSessionInput.safeParse({ date: '2026-03-10', time: '25:00', modality: 'phone' }).success).toBe(false);
  });
});

describe('sessionStart', () => {
  const now = new Date('2026-03-02T15:00:00Z'); // Monday 10:00 in New York (EST)
  const ctx = { timeZone: NY, now, participantPausedUntil: null };

  it('reads the local date and time in the program zone, on either side of the daylight-saving change', () => {
    expect(sessionStart({ date: '2026-03-06', time: '10:00' }, ctx).toISOString()).toBe('2026-03-06T15:00:00.000Z');
    // New York moves to daylight time on Sunday 8 March 2026.
    expect(sessionStart({ date: '2026-03-09', time: '10:00' }, ctx).toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  it('refuses a wall time the clocks skip, the past, too far ahead and a paused participant', () => {
    expect(reasonOf(() => sessionStart({ date: '2026-03-08', time: '02:30' }, ctx))).toBe('time_does_not_exist');
    expect(reasonOf(() => sessionStart({ date: '2026-03-02', time: '10:00' }, ctx))).toBe('session_in_past');
    expect(reasonOf(() => sessionStart({ date: '2026-03-01', time: '18:00' }, ctx))).toBe('session_in_past');
    expect(reasonOf(() => sessionStart({ date: '2026-07-01', time: '10:00' }, ctx))).toBe('session_too_far');
    expect(reasonOf(() => sessionStart({ date: '2026-06-30', time: '10:00' }, ctx))).toBe(undefined);
    expect(
      reasonOf(() => sessionStart({ date: '2026-03-10', time: '10:00' }, { ...ctx, participantPausedUntil: '2026-03-11' })),
    ).toBe('participant_paused');
    expect(
      reasonOf(() => sessionStart({ date: '2026-03-11', time: '10:00' }, { ...ctx, participantPausedUntil: '2026-03-11' })),
    ).toBe(undefined);
  });

  it('takes the earlier of the two instants in the repeated hour when the clocks go back', () => {
    // 1 November 2026: 01:30 happens twice in New York; the first is still daylight time (UTC−4).
    expect(zonedInstant('2026-11-01', '01:30', NY)?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('reminders', () => {
  const session = (o: Partial<ReminderSession> = {}): ReminderSession => ({
    id: 's1',
    startsAt: new Date('2026-03-06T15:00:00Z'), // Friday 10:00 EST
    status: 'scheduled',
    sequence: 0,
    scheduledAt: new Date('2026-03-02T15:00:00Z'),
    ...o,
  });
  const settings = { reminderLeadHours: 24, timeZone: NY };

  it('goes the lead time earlier on the wall clock, also across the daylight-saving change', () => {
    expect(reminderAt(new Date('2026-03-06T15:00:00Z'), 24, NY).toISOString()).toBe('2026-03-05T15:00:00.000Z');
    // Monday 9 March 10:00 EDT: the reminder is Sunday 8 March 10:00 EDT, 23 elapsed hours before.
    expect(reminderAt(new Date('2026-03-09T14:00:00Z'), 24, NY).toISOString()).toBe('2026-03-08T14:00:00.000Z');
    // Sunday 8 March 03:30 EDT, 1 hour before = 02:30, which does not exist: 03:00 EDT.
    expect(reminderAt(new Date('2026-03-08T07:30:00Z'), 1, NY).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    // In autumn: Monday 2 November 09:00 EST; the day before at 09:00 EST, 25 elapsed hours.
    expect(reminderAt(new Date('2026-11-02T14:00:00Z'), 24, NY).toISOString()).toBe('2026-11-01T14:00:00.000Z');
    expect(reminderAt(new Date('2026-03-06T15:00:00Z'), 2, 'UTC').toISOString()).toBe('2026-03-06T13:00:00.000Z');
  });

  it('are due from the reminder time until the session starts, only for scheduled sessions', () => {
    const s = session();
    expect(remindersDue([s], new Date('2026-03-05T14:59:00Z'), settings)).toEqual([]);
    expect(remindersDue([s], new Date('2026-03-05T15:00:00Z'), settings)).toEqual([
      { ...s, remindAt: new Date('2026-03-05T15:00:00Z') },
    ]);
    expect(remindersDue([s], new Date('2026-03-06T14:59:00Z'), settings)).toHaveLength(1);
    expect(remindersDue([s], new Date('2026-03-06T15:00:00Z'), settings)).toEqual([]);
    expect(
      remindersDue([session({ status: 'cancelled' }), session({ status: 'done' })], new Date('2026-03-06T10:00:00Z'), settings),
    ).toEqual([]);
  });

  it('are not due for a session agreed after its reminder time', () => {
    const late = session({ scheduledAt: new Date('2026-03-06T09:00:00Z') });
    expect(remindersDue([late], new Date('2026-03-06T10:00:00Z'), settings)).toEqual([]);
  });

  it('respect the daylight-saving change: a Monday session after the change is reminded on Sunday at the same wall time', () => {
    const s = session({ startsAt: new Date('2026-03-09T14:00:00Z') });
    expect(remindersDue([s], new Date('2026-03-08T13:59:00Z'), settings)).toEqual([]);
    expect(remindersDue([s], new Date('2026-03-08T14:00:00Z'), settings)).toHaveLength(1);
  });
});

describe('reminderChannels', () => {
  const person = {
    email: 'a@b.org',
    phone: '317 555 0100',
    preferredChannel: 'text' as const,
    textsAllowed: true,
    contactPausedUntil: null,
  };
  const ctx = { textReminders: true, sessionDateOn: '2026-03-10' };

  it('e-mails whoever has an address and texts only those who prefer texts, have a number and did not opt out', () => {
    expect(reminderChannels(person, ctx)).toEqual({ email: true, text: true });
    expect(reminderChannels({ ...person, preferredChannel: 'phone' }, ctx)).toEqual({ email: true, text: false });
    expect(reminderChannels({ ...person, phone: null }, ctx)).toEqual({ email: true, text: false });
    expect(reminderChannels({ ...person, textsAllowed: false }, ctx)).toEqual({ email: true, text: false });
    expect(reminderChannels(person, { ...ctx, textReminders: false })).toEqual({ email: true, text: false });
    expect(reminderChannels({ ...person, email: null }, ctx)).toEqual({ email: false, text: true });
  });

  it('sends nothing to someone who paused contact over the session day', () => {
    expect(reminderChannels({ ...person, contactPausedUntil: '2026-03-11' }, ctx)).toEqual({ email: false, text: false });
    expect(reminderChannels({ ...person, contactPausedUntil: '2026-03-10' }, ctx)).toEqual({ email: true, text: true });
  });
});

describe('sessionWhenWords', () => {
  it('states the local day and time with the zone', () => {
    expect(sessionWhenWords(new Date('2026-03-09T14:00:00Z'), NY)).toBe('Monday 9 March 2026 at 10:00 AM Eastern time');
  });
});
