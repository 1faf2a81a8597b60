import { createEvent, type EventAttributes } from 'ics';
import { modalityWords, sessionWhenWords } from '../../../core/engagement';
import type { Channel } from '../../../core/shared/vocab';

/**
 * The calendar invitation of a session (RFC 5545 / iTIP RFC 5546), built with the `ics` library
 * (ADR 0013): METHOD:REQUEST for a new or moved session, METHOD:CANCEL for a cancelled one; the UID
 * is the session's id, so a calendar updates the same event; SEQUENCE is the session's sequence,
 * bumped on every change; times are in UTC. The only attendee is the recipient: the other person's
 * address never travels in someone else's invitation. Nothing personal in the summary.
 */
export interface CalendarSession {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  modality: Channel;
  videoLink: string | null;
  place: string | null;
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
}

export const SESSION_SUMMARY = 'Kindred session';

function utcArray(d: Date): [number, number, number, number, number] {
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

export function sessionLocation(s: Pick<CalendarSession, 'modality' | 'videoLink' | 'place'>): string | null {
  if (s.modality === 'video') return s.videoLink;
  if (s.modality === 'in_person') return s.place;
  return null;
}

/**
 * The organizer of the invitations, from the configured mail-from address (`KINDRED_MAIL_FROM`, the
 * mailer's From): `Name <address>` or a bare address; "Kindred" when no display name is given.
 */
export function organizerOf(from: string): { name: string; email: string } {
  const m = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
  if (m) return { name: m[1]?.trim() || 'Kindred', email: m[2]! };
  return { name: 'Kindred', email: from.trim() };
}

export function sessionCalendar(
  s: CalendarSession,
  o: {
    method: 'REQUEST' | 'CANCEL';
    organizer: { name: string; email: string };
    attendeeEmail: string;
    attendeeRole: string;
    now: Date;
    timeZone: string;
    /** The event's title and first line for another kind of meeting (an interview, ADR 0050); nothing personal. */
    title?: string;
    opening?: string;
  },
): string {
  const location = sessionLocation(s);
  const description = [
    ...(o.opening ? [o.opening] : []),
    `${o.opening ? 'When' : 'Your Kindred session'}: ${modalityWords[s.modality]}, ${sessionWhenWords(s.startsAt, o.timeZone)}.`,
    ...(s.modality === 'video' && s.videoLink ? [`Join the video call: ${s.videoLink}`] : []),
    ...(s.modality === 'in_person' && s.place ? [`Where: ${s.place}`] : []),
  ].join('\n');
  const attributes: EventAttributes & { timestamp: number } = {
    productId: '-//Kindred//Scheduling//EN',
    method: o.method,
    uid: `${s.id}@kindred`,
    sequence: s.sequence,
    start: utcArray(s.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: s.durationMinutes },
    title: o.title ?? SESSION_SUMMARY,
    description,
    ...(location ? { location } : {}),
    ...(s.modality === 'video' && s.videoLink ? { url: s.videoLink } : {}),
    status: o.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    organizer: o.organizer,
    attendees: [{ name: o.attendeeRole, email: o.attendeeEmail, rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' }],
    created: s.createdAt.getTime(),
    lastModified: s.updatedAt.getTime(),
    timestamp: o.now.getTime(),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('calendar event could not be built');
  return value;
}
