import { describe, expect, it } from 'vitest';
import {
  daysAgo,
  dueOnPhrase,
  formatDateOn,
  formatDateTime,
  fromLocalInputValue,
  nextContactPhrase,
  toLocalInputValue,
} from './dates';

const now = new Date(2024, 11, 3, 15, 30); // Tue 3 Dec 2024, local time

describe('dates in plain words', () => {
  it('says how long ago a day was', () => {
    expect(daysAgo(new Date(2024, 11, 3, 8), now)).toBe('today');
    expect(daysAgo(new Date(2024, 11, 2, 23), now)).toBe('yesterday');
    expect(daysAgo(new Date(2024, 10, 21), now)).toBe('12 days ago');
  });

  it('says when something is due', () => {
    expect(dueOnPhrase('2024-12-03', now)).toBe('due today');
    expect(dueOnPhrase('2024-12-04', now)).toBe('due tomorrow');
    expect(dueOnPhrase('2024-12-10', now)).toBe('due Tue 10 Dec');
    expect(dueOnPhrase('2024-12-01', now)).toBe('was due Sun 1 Dec (2 days ago)');
    expect(formatDateOn('2025-01-07', now)).toBe('Tue 7 Jan 2025');
  });

  it('says what set the next contact, so a session and an agreed date are not mistaken for each other', () => {
    expect(nextContactPhrase('2024-12-10', 'session', now)).toBe('due Tue 10 Dec, the scheduled session');
    expect(nextContactPhrase('2024-12-10', 'agreed', now)).toBe('due Tue 10 Dec, as agreed in the last session');
    expect(nextContactPhrase('2024-12-10', 'cadence', now)).toBe('due Tue 10 Dec');
  });

  it('tells the time on a 12-hour clock', () => {
    expect(formatDateTime(new Date(2024, 11, 3, 14, 5).toISOString(), now)).toBe('Tue 3 Dec, 2:05 PM');
    expect(formatDateTime(new Date(2024, 11, 3, 9, 30).toISOString(), now)).toBe('Tue 3 Dec, 9:30 AM');
  });

  it('round-trips the datetime-local value', () => {
    expect(toLocalInputValue(now)).toBe('2024-12-03T15:30');
    expect(fromLocalInputValue('2024-12-03T15:30')).toBe(now.toISOString());
    expect(fromLocalInputValue('')).toBeNull();
  });
});
