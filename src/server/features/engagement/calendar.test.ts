import { describe, expect, it } from 'vitest';
import { organizerOf, sessionCalendar, sessionLocation } from './calendar';
import { parseIcs } from './ical.testing';

const session = {
  id: '7d0c2b7e-6f1f-4c8e-9c43-2f3f3b0f5a11',
  startsAt: new Date('2026-03-09T14:00:00Z'),
  durationMinutes: 45,
  modality: 'video' as const,
  videoLink: 'https://meet.example.org/kindred-abc',
  place: null,
  sequence: 2,
  createdAt: new Date('2026-03-02T15:00:00Z'),
  updatedAt: new Date('2026-03-03T15:00:00Z'),
};
const opts = {
  method: 'REQUEST' as const,
  organizer: { name: 'Kindred', email: 'no-reply@kindred.test' },
  attendeeEmail: 'pat@example.org',
  attendeeRole: 'Participant',
  now: new Date('2026-03-03T15:00:00Z'),
  timeZone: 'America/New_York',
};

describe('organizerOf', () => {
  it('takes the organizer from the configured mail-from address, with or without a display name', () => {
    expect(organizerOf('Kindred <no-reply@kindred.invalid>')).toEqual({ name: 'Kindred', email: 'no-reply@kindred.invalid' });
    expect(organizerOf('"Oak Valley Kindred" <sessions@oak.example.org>')).toEqual({
      name: 'Oak Valley Kindred',
      email: 'sessions@oak.example.org',
    });
    expect(organizerOf('<sessions@oak.example.org>')).toEqual({ name: 'Kindred', email: 'sessions@oak.example.org' });
    expect(organizerOf(' sessions@oak.example.org ')).toEqual({ name: 'Kindred', email: 'sessions@oak.example.org' });
  });
});

describe('the session calendar invitation', () => {
  it('is an iTIP REQUEST with a stable UID, the sequence, UTC times, DTSTAMP from the clock and the video link', () => {
    const { calendar, event } = parseIcs(sessionCalendar(session, opts));
    expect(calendar['VERSION']?.value).toBe('2.0');
    expect(calendar['METHOD']?.value).toBe('REQUEST');
    expect(calendar['PRODID']?.value).toBe('-//Kindred//Scheduling//EN');
    expect(event['UID']?.value).toBe(`${session.id}@kindred`);
    expect(event['SEQUENCE']?.value).toBe('2');
    expect(event['DTSTART']?.value).toBe('20260309T140000Z');
    expect(event['DURATION']?.value).toBe('PT45M');
    expect(event['DTSTAMP']?.value).toBe('20260303T150000Z');
    expect(event['STATUS']?.value).toBe('CONFIRMED');
    expect(event['LOCATION']?.value).toBe('https://meet.example.org/kindred-abc');
    expect(event['SUMMARY']?.value).toBe('Kindred session');
    expect(event['ORGANIZER']?.value.toLowerCase()).toBe('mailto:no-reply@kindred.test');
    expect(event['ATTENDEE']?.value.toLowerCase()).toBe('mailto:pat@example.org');
    expect(event['DESCRIPTION']?.value).toContain('Monday 9 March 2026 at 10:00 AM Eastern time');
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED for the same UID', () => {
    const { calendar, event } = parseIcs(sessionCalendar({ ...session, sequence: 3 }, { ...opts, method: 'CANCEL' }));
    expect(calendar['METHOD']?.value).toBe('CANCEL');
    expect(event['STATUS']?.value).toBe('CANCELLED');
    expect(event['UID']?.value).toBe(`${session.id}@kindred`);
    expect(event['SEQUENCE']?.value).toBe('3');
  });

  it('puts the place of an in-person session as its location, and none for a phone call', () => {
    expect(sessionLocation({ modality: 'in_person', place: 'Library, room 2', videoLink: null })).toBe('Library, room 2');
    expect(sessionLocation({ modality: 'phone', place: null, videoLink: null })).toBeNull();
    const { event } = parseIcs(sessionCalendar({ ...session, modality: 'phone', videoLink: null }, opts));
    expect(event['LOCATION']).toBeUndefined();
  });
});
