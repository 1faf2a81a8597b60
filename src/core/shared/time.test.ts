import { describe, expect, it } from 'vitest';
import {
  addMonthsOn,
  monthWords,
  bandOf,
  calendarDateOf,
  clockWords,
  dateOnWords,
  localDateOf,
  todayIn,
  isValidTimeZone,
  localTimeOf,
  nextDateOn,
  TimeZone,
  weekdayOfDateOn,
  zonedMidnight,
  zoneWords,
} from './time';

describe('local time', () => {
  it('knows IANA zone names and refuses others', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(TimeZone.safeParse('America/Indiana/Indianapolis').success).toBe(true);
    expect(TimeZone.safeParse('EST5EDT; drop table').success).toBe(false);
  });

  it('gives the local weekday, hour and date of an instant, across midnight and daylight saving', () => {
    // 01:30 UTC on Tuesday 3 March is 20:30 on Monday 2 March in New York (EST, UTC−5).
    expect(localTimeOf(new Date('2026-03-03T01:30:00Z'), 'America/New_York')).toEqual({
      weekday: 'mon',
      hour: 20,
      minute: 30,
      dateOn: '2026-03-02',
    });
    // After 8 March New York is on daylight time (UTC−4).
    expect(localTimeOf(new Date('2026-03-10T13:05:00Z'), 'America/New_York')).toMatchObject({ weekday: 'tue', hour: 9 });
    expect(localTimeOf(new Date('2026-03-10T13:05:00Z'), 'UTC')).toMatchObject({ hour: 13, minute: 5 });
    expect(localTimeOf(new Date('2026-03-10T00:00:00Z'), 'Asia/Kolkata')).toMatchObject({ hour: 5, minute: 30 });
  });

  it('finds the instant a local date begins, on either side of a daylight-saving change', () => {
    expect(zonedMidnight('2026-03-02', 'America/New_York').toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(zonedMidnight('2026-03-10', 'America/New_York').toISOString()).toBe('2026-03-10T04:00:00.000Z');
    expect(zonedMidnight('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(zonedMidnight('2026-06-01', 'UTC').toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(zonedMidnight('2026-06-01', 'Australia/Sydney').toISOString()).toBe('2026-05-31T14:00:00.000Z');
  });

  it('names weekdays of dates and finds the next date on a weekday', () => {
    expect(weekdayOfDateOn('2026-03-02')).toBe('mon');
    expect(weekdayOfDateOn('2026-03-08')).toBe('sun');
    expect(nextDateOn('2026-03-02', 'mon')).toBe('2026-03-02');
    expect(nextDateOn('2026-03-02', 'sun')).toBe('2026-03-08');
    expect(nextDateOn('2026-12-31', 'fri')).toBe('2027-01-01');
  });

  it('puts hours into morning, afternoon and evening, and nights into none', () => {
    expect([5, 6, 11, 12, 16, 17, 21, 22, 23].map(bandOf)).toEqual([
      null,
      'morning',
      'morning',
      'afternoon',
      'afternoon',
      'evening',
      'evening',
      null,
      null,
    ]);
  });
});

describe('addMonthsOn', () => {
  it('adds calendar months and clamps to the end of shorter months', () => {
    expect(addMonthsOn('2026-01-15', 6)).toBe('2026-07-15');
    expect(addMonthsOn('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsOn('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonthsOn('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsOn('2026-05-31', 9)).toBe('2027-02-28');
  });
});

describe('localDateOf', () => {
  it('gives the program’s calendar date of an instant, not the UTC date (#14)', () => {
    // 20:30 on 2 March in New York is 01:30 on 3 March in UTC.
    expect(localDateOf(new Date('2026-03-03T01:30:00Z'), 'America/New_York')).toBe('2026-03-02');
    expect(localDateOf(new Date('2026-03-03T04:59:59Z'), 'America/New_York')).toBe('2026-03-02');
    expect(localDateOf(new Date('2026-03-03T05:00:00Z'), 'America/New_York')).toBe('2026-03-03');
    // East of UTC the local date runs ahead: 05:00 on 3 March in Tokyo is 20:00 on 2 March in UTC.
    expect(localDateOf(new Date('2026-03-02T20:00:00Z'), 'Asia/Tokyo')).toBe('2026-03-03');
  });

  it('follows daylight saving: midnight in New York is 04:00 UTC in summer', () => {
    expect(localDateOf(new Date('2026-07-01T03:59:59Z'), 'America/New_York')).toBe('2026-06-30');
    expect(localDateOf(new Date('2026-07-01T04:00:00Z'), 'America/New_York')).toBe('2026-07-01');
  });

  it('is today where the program is', () => {
    expect(todayIn({ timeZone: 'America/Los_Angeles' }, new Date('2026-03-03T07:59:00Z'))).toBe('2026-03-02');
  });
});

describe('calendarDateOf', () => {
  it('reads a SQL date column whether the driver gives a string or a Date at UTC midnight', () => {
    expect(calendarDateOf('2026-03-02')).toBe('2026-03-02');
    expect(calendarDateOf(new Date('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
    expect(calendarDateOf(null)).toBeNull();
  });
});

describe('times and zones in words (issue #16)', () => {
  it('reads calendar dates as words', () => {
    expect(dateOnWords('2026-03-10')).toBe('Tuesday 10 March 2026');
    expect(dateOnWords('2026-12-08')).toBe('Tuesday 8 December 2026');
  });

  it('reads clock times on a 12-hour clock', () => {
    expect(clockWords('18:00')).toBe('6:00 PM');
    expect(clockWords('09:30')).toBe('9:30 AM');
    expect(clockWords('00:15')).toBe('12:15 AM');
    expect(clockWords('12:00')).toBe('12:00 PM');
  });

  it('names zones as people say them, never by their IANA name', () => {
    expect(zoneWords('America/New_York')).toBe('Eastern time');
    expect(zoneWords('America/Chicago')).toBe('Central time');
    expect(zoneWords('America/Phoenix')).toBe('Mountain time');
    expect(zoneWords('America/Los_Angeles')).toBe('Pacific time');
    expect(zoneWords('Pacific/Honolulu')).toBe('Hawaii-Aleutian time');
    expect(zoneWords('UTC')).toBe('UTC');
    for (const z of ['America/Indiana/Indianapolis', 'Pacific/Guam', 'Europe/London', 'America/Puerto_Rico'])
      expect(zoneWords(z)).not.toMatch(/\//);
  });

  it('says them in Spanish for a Spanish speaker (ADR 0041)', () => {
    expect(dateOnWords('2026-03-10', 'es')).toBe('martes, 10 de marzo de 2026');
    expect(clockWords('18:00', 'es')).toBe('6:00 p. m.');
    expect(clockWords('00:15', 'es')).toBe('12:15 a. m.');
    expect(zoneWords('America/New_York', 'es')).toBe('hora oriental');
    expect(zoneWords('America/Los_Angeles', 'es')).toBe('hora del Pacífico');
    expect(zoneWords('Pacific/Honolulu', 'es')).toBe('hora de Hawái-Aleutianas');
    for (const z of ['America/Indiana/Indianapolis', 'Pacific/Guam', 'Europe/London', 'America/Puerto_Rico'])
      expect(zoneWords(z, 'es')).not.toMatch(/\/|GMT/);
  });
});

describe('monthWords', () => {
  it('says a month as people do, in English and Spanish', () => {
    expect(monthWords('2026-11')).toBe('November 2026');
    expect(monthWords('2026-01', 'es')).toBe('enero de 2026');
  });
});
