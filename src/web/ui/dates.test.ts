import { describe, expect, it } from 'vitest';
import {
  daysFromToday,
  dueOnPhrase,
  formatDateOn,
  formatDateTime,
  formatInstantDay,
  fromLocalInputValue,
  instantAgo,
  nextContactPhrase,
  todayOn,
  toLocalInputValue,
  zoneIfElsewhere,
} from './dates';

const now = new Date(2024, 11, 3, 15, 30); // Tue 3 Dec 2024, local time

describe('dates in plain words', () => {
  it('counts whole days from the device’s today to a calendar date when no program is in context', () => {
    expect(daysFromToday('2024-12-03', now)).toBe(0);
    expect(daysFromToday('2024-12-02', now)).toBe(-1);
    expect(daysFromToday('2024-11-21', now)).toBe(-12);
    expect(daysFromToday('2024-12-04', now)).toBe(1);
  });

  it('says when something is due', () => {
    expect(dueOnPhrase('2024-12-03', now)).toBe('due today');
    expect(dueOnPhrase('2024-12-04', now)).toBe('due tomorrow');
    expect(dueOnPhrase('2024-12-10', now)).toBe('due Tue 10 Dec');
    expect(dueOnPhrase('2024-12-02', now)).toBe('was due Mon 2 Dec (yesterday)');
    expect(dueOnPhrase('2024-12-01', now)).toBe('was due Sun 1 Dec (2 days ago)');
    expect(formatDateOn('2025-01-07', now)).toBe('Tue 7 Jan 2025');
  });

  it('says what set the next contact, so a session and an agreed date are not mistaken for each other', () => {
    expect(nextContactPhrase('2024-12-10', 'session', now)).toBe('due Tue 10 Dec, the scheduled session');
    expect(nextContactPhrase('2024-12-10', 'agreed', now)).toBe('due Tue 10 Dec, as agreed in the last session');
    expect(nextContactPhrase('2024-12-10', 'cadence', now)).toBe('due Tue 10 Dec');
  });

  it('tells the time on a 12-hour clock', () => {
    expect(formatDateTime(new Date(2024, 11, 3, 14, 5).toISOString(), { now })).toBe('Tue 3 Dec, 2:05 PM');
    expect(formatDateTime(new Date(2024, 11, 3, 9, 30).toISOString(), { now })).toBe('Tue 3 Dec, 9:30 AM');
  });

  it('round-trips the datetime-local value', () => {
    expect(toLocalInputValue(now)).toBe('2024-12-03T15:30');
    expect(fromLocalInputValue('2024-12-03T15:30')).toBe(now.toISOString());
    expect(fromLocalInputValue('')).toBeNull();
  });
});

// Every zone is given (the program's and the device's), so these hold whatever zone the test process runs in.
describe("instants in the program's zone, not the device's (issue #16)", () => {
  const pacific = { timeZone: 'America/Los_Angeles' };
  // 02:00 UTC on Wed 9 Dec is 6:00 PM on Tue 8 Dec in Los Angeles and 9:00 PM in New York.
  const evening = '2026-12-09T02:00:00.000Z';
  const dec9 = new Date('2026-12-09T20:00:00.000Z');

  it("reads the clock and the day in the program's zone and names the zone when the device is elsewhere", () => {
    expect(formatDateTime(evening, { ...pacific, deviceZone: 'America/New_York', now: dec9 })).toBe(
      'Tue 8 Dec, 6:00 PM Pacific time',
    );
    expect(formatDateTime(evening, { timeZone: 'America/New_York', deviceZone: 'America/Los_Angeles', now: dec9 })).toBe(
      'Tue 8 Dec, 9:00 PM Eastern time',
    );
    expect(formatDateTime(evening, { timeZone: 'UTC', deviceZone: 'America/Los_Angeles', now: dec9 })).toBe(
      'Wed 9 Dec, 2:00 AM UTC',
    );
  });

  it("says no zone when the device is in the program's zone, even by another name of it", () => {
    expect(formatDateTime(evening, { ...pacific, deviceZone: 'America/Los_Angeles', now: dec9 })).toBe('Tue 8 Dec, 6:00 PM');
    expect(formatDateTime(evening, { ...pacific, deviceZone: 'US/Pacific', now: dec9 })).toBe('Tue 8 Dec, 6:00 PM');
  });

  it('says it in Spanish with the zone as people say it there', () => {
    expect(formatDateTime(evening, { ...pacific, deviceZone: 'America/New_York', now: dec9, locale: 'es' })).toBe(
      'mar, 8 de dic, 6:00 p.m. hora del Pacífico',
    );
    expect(
      formatDateTime(evening, { timeZone: 'America/New_York', deviceZone: 'America/Chicago', now: dec9, locale: 'es' }),
    ).toBe('mar, 8 de dic, 9:00 p.m. hora oriental');
  });

  it('keeps the clock right across the change from daylight saving time', () => {
    // Sun 1 Nov 2026 at 2:00 AM Pacific daylight time the clocks went back an hour.
    const before = '2026-11-01T08:30:00.000Z'; // 1:30 AM PDT
    const after = '2026-11-01T10:30:00.000Z'; // 2:30 AM PST
    const o = { ...pacific, deviceZone: 'America/Los_Angeles', now: dec9 };
    expect(formatDateTime(before, o)).toBe('Sun 1 Nov, 1:30 AM');
    expect(formatDateTime(after, o)).toBe('Sun 1 Nov, 2:30 AM');
    // The same instants for a staff laptop in Eastern time, where the change came three hours earlier.
    expect(formatDateTime('2026-11-01T06:30:00.000Z', { ...o, deviceZone: 'America/New_York' })).toBe(
      'Sat 31 Oct, 11:30 PM Pacific time',
    );
    // Spring forward: 9:59 AM UTC on Sun 8 Mar is 1:59 AM PST; a minute later 3:00 AM PDT.
    expect(formatDateTime('2026-03-08T09:59:00.000Z', o)).toBe('Sun 8 Mar, 1:59 AM');
    expect(formatDateTime('2026-03-08T10:00:00.000Z', o)).toBe('Sun 8 Mar, 3:00 AM');
  });

  it("counts days ago in the program's calendar, not the device's", () => {
    // 6:00 PM Tue 8 Dec in Los Angeles is already 2:00 AM Wed 9 Dec in London.
    const morningAfter = new Date('2026-12-09T16:00:00.000Z'); // 8:00 AM Wed 9 Dec in Los Angeles
    expect(instantAgo(evening, { ...pacific, deviceZone: 'Europe/London', now: morningAfter })).toBe('yesterday');
    expect(instantAgo(evening, { timeZone: 'Europe/London', deviceZone: 'America/Los_Angeles', now: morningAfter })).toBe(
      'today',
    );
    expect(instantAgo(evening, { ...pacific, now: morningAfter, locale: 'es' })).toBe('ayer');
    expect(instantAgo('2026-11-20T02:00:00.000Z', { ...pacific, now: morningAfter })).toBe('20 days ago');
  });

  it('counts whole calendar days across a daylight-saving change (a 25-hour day is still one day)', () => {
    const sat = '2026-10-31T19:00:00.000Z'; // noon Sat 31 Oct PDT
    expect(instantAgo(sat, { ...pacific, now: new Date('2026-11-01T20:00:00.000Z') })).toBe('yesterday'); // noon Sun PST
    expect(instantAgo(sat, { ...pacific, now: new Date('2026-11-02T07:30:00.000Z') })).toBe('yesterday'); // 11:30 PM Sun PST
    expect(instantAgo(sat, { ...pacific, now: new Date('2026-11-02T08:30:00.000Z') })).toBe('2 days ago'); // 12:30 AM Mon PST
  });

  it("gives the day of an instant and today's date where the program is", () => {
    expect(formatInstantDay(evening, { ...pacific, now: dec9 })).toBe('Tue 8 Dec');
    expect(formatInstantDay(evening, { timeZone: 'America/New_York', now: dec9 })).toBe('Tue 8 Dec');
    expect(formatInstantDay(evening, { timeZone: 'Europe/London', now: dec9 })).toBe('Wed 9 Dec');
    expect(formatInstantDay('2025-12-31T20:00:00.000Z', { ...pacific, now: dec9, locale: 'es' })).toBe('mié, 31 de dic de 2025');
    expect(todayOn(new Date('2026-12-09T02:00:00.000Z'), 'America/Los_Angeles')).toBe('2026-12-08');
    expect(todayOn(new Date('2026-12-09T02:00:00.000Z'), 'America/New_York')).toBe('2026-12-08');
    expect(todayOn(new Date('2026-12-09T02:00:00.000Z'), 'Europe/London')).toBe('2026-12-09');
  });

  it('puts the year in only when the instant is in another year where the program is', () => {
    // 8:00 PM 31 Dec 2026 in Los Angeles is already 2027 in UTC; "now" is 2 Jan 2027 there.
    const o = { ...pacific, deviceZone: 'America/Los_Angeles', now: new Date('2027-01-02T20:00:00.000Z') };
    expect(formatDateTime('2027-01-01T04:00:00.000Z', o)).toBe('Thu 31 Dec 2026, 8:00 PM');
    expect(formatDateTime('2027-01-01T09:00:00.000Z', o)).toBe('Fri 1 Jan, 1:00 AM');
  });

  it("fills and reads a date-and-time field on the program's clock, naming the zone only when the device is elsewhere", () => {
    expect(toLocalInputValue(new Date(evening), 'America/Los_Angeles')).toBe('2026-12-08T18:00');
    expect(fromLocalInputValue('2026-12-08T18:00', 'America/Los_Angeles')).toBe(evening);
    expect(fromLocalInputValue('2026-12-08T21:00', 'America/New_York')).toBe(evening);
    // 2:30 AM on Sun 8 Mar 2026 never happened in Los Angeles (the clocks jumped from 2:00 to 3:00).
    expect(fromLocalInputValue('2026-03-08T02:30', 'America/Los_Angeles')).toBeNull();
    expect(fromLocalInputValue('not a time', 'America/Los_Angeles')).toBeNull();
    expect(zoneIfElsewhere({ ...pacific, deviceZone: 'America/New_York' })).toBe('Pacific time');
    expect(zoneIfElsewhere({ ...pacific, deviceZone: 'America/New_York', locale: 'es' })).toBe('hora del Pacífico');
    expect(zoneIfElsewhere({ ...pacific, deviceZone: 'America/Los_Angeles' })).toBeNull();
  });
});

// Calendar dates (`YYYY-MM-DD`) are already the program's: only "today" depends on a zone, so these
// hold whatever zone the test process runs in (try TZ=Pacific/Auckland and TZ=America/Los_Angeles).
describe("calendar dates counted from the program's today, not the device's (issue #16)", () => {
  // 6:00 AM UTC on Wed 9 Dec 2026: 1:00 AM Wed 9 Dec in New York, still 10:00 PM Tue 8 Dec in Los Angeles.
  const lateEvening = new Date('2026-12-09T06:00:00.000Z');
  const eastern = 'America/New_York';
  const pacific = 'America/Los_Angeles';

  it("says a task is due today on the program's date, whatever day the device is on", () => {
    expect(dueOnPhrase('2026-12-09', lateEvening, eastern)).toBe('due today');
    expect(dueOnPhrase('2026-12-08', lateEvening, eastern)).toBe('was due Tue 8 Dec (yesterday)');
    expect(dueOnPhrase('2026-12-08', lateEvening, pacific)).toBe('due today');
    expect(dueOnPhrase('2026-12-09', lateEvening, pacific)).toBe('due tomorrow');
    expect(dueOnPhrase('2026-12-06', lateEvening, pacific)).toBe('was due Sun 6 Dec (2 days ago)');
    expect(dueOnPhrase('2026-12-10', lateEvening, 'Pacific/Auckland')).toBe('due tomorrow'); // 7:00 PM Wed 9 Dec there
  });

  it('says what set the next contact, counted on the program’s calendar', () => {
    expect(nextContactPhrase('2026-12-09', 'session', lateEvening, eastern)).toBe('due today, the scheduled session');
    expect(nextContactPhrase('2026-12-09', 'agreed', lateEvening, pacific)).toBe('due tomorrow, as agreed in the last session');
    expect(nextContactPhrase('2026-12-07', 'cadence', lateEvening, eastern)).toBe('was due Mon 7 Dec (2 days ago)');
  });

  it('counts whole days to a calendar date from today where the program is', () => {
    expect(daysFromToday('2026-12-09', lateEvening, eastern)).toBe(0);
    expect(daysFromToday('2026-12-09', lateEvening, pacific)).toBe(1);
    expect(daysFromToday('2026-11-29', lateEvening, pacific)).toBe(-9);
    // Across the change from daylight saving time a day is still one day.
    expect(daysFromToday('2026-10-31', new Date('2026-11-02T07:30:00.000Z'), pacific)).toBe(-1);
  });

  it('never moves a calendar date to another day by a zone', () => {
    for (const zone of ['Pacific/Auckland', pacific, 'Pacific/Pago_Pago', 'Pacific/Kiritimati', 'UTC']) {
      expect(formatDateOn('2026-12-08', lateEvening, 'en', zone)).toBe('Tue 8 Dec');
      expect(formatDateOn('2026-12-08', lateEvening, 'es', zone)).toBe('mar, 8 de dic');
    }
  });

  it('puts the year in only when the date is in another year where the program is', () => {
    // 7:00 AM UTC on Fri 1 Jan 2027 is 8:00 PM on New Year's Day in Auckland, still 11:00 PM Thu 31 Dec in Los Angeles.
    const newYearUtc = new Date('2027-01-01T07:00:00.000Z');
    expect(formatDateOn('2026-12-31', newYearUtc, 'en', pacific)).toBe('Thu 31 Dec');
    expect(formatDateOn('2026-12-31', newYearUtc, 'en', 'Pacific/Auckland')).toBe('Thu 31 Dec 2026');
    expect(formatDateOn('2026-12-31', newYearUtc, 'es', 'Pacific/Auckland')).toBe('jue, 31 de dic de 2026');
    expect(dueOnPhrase('2026-12-31', newYearUtc, pacific)).toBe('due today');
    expect(dueOnPhrase('2026-12-31', newYearUtc, 'Pacific/Auckland')).toBe('was due Thu 31 Dec 2026 (yesterday)');
  });
});
