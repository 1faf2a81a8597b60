import { z } from 'zod';
import { DomainError } from '../shared/errors';
import type { Locale } from '../shared/locale';
import { Channel, channels } from '../shared/vocab';
import {
  addDaysOn,
  clockTime,
  clockOf,
  clockWords,
  dateOnWords,
  localTimeOf,
  zonedInstant,
  localDateOf,
  zoneWords,
} from '../shared/time';

/**
 * Scheduling the next session of a pair (issue #3, ADR 0013): when, how long, how (phone, video,
 * in person, text check-in), the video link built from the program's room template or the place,
 * and the reminders before it. Pure rules; the server stores, e-mails and texts.
 */

export const sessionStatuses = ['scheduled', 'cancelled', 'done'] as const;
export const SessionStatus = z.enum(sessionStatuses);
export type SessionStatus = z.infer<typeof SessionStatus>;

/** The placeholders a video-room template may use. Neither names a person. */
export const videoRoomPlaceholders = ['{pairing}', '{session}'] as const;

/** Why a video-room template is unusable, or null when it is fine. */
export function videoRoomTemplateProblem(template: string): string | null {
  const found = template.match(/\{[^}]*\}/g) ?? [];
  const unknown = found.find((p) => !(videoRoomPlaceholders as readonly string[]).includes(p));
  if (unknown) return `Unknown placeholder ${unknown}: use {pairing} or {session}`;
  if (found.length === 0) return 'Use {pairing} or {session}, so that each pair gets its own room';
  let url: URL;
  try {
    url = new URL(template.replaceAll('{pairing}', 'p').replaceAll('{session}', 's'));
  } catch {
    return 'Use a full web address, e.g. https://meet.example.org/kindred-{pairing}';
  }
  if (url.protocol !== 'https:') return 'The video room must be an https:// address';
  if (url.username || url.password) return 'The address must not carry a user name or password';
  return null;
}

/** The video link of a session: the template with its placeholders filled in. */
export function videoLinkFor(template: string, ids: { pairingId: string; sessionId: string }): string {
  return template.replaceAll('{pairing}', ids.pairingId).replaceAll('{session}', ids.sessionId);
}

export const DEFAULT_REMINDER_LEAD_HOURS = 24;

/** A program's scheduling settings; no stored row means the defaults. */
export const SchedulingSettings = z.object({
  /** e.g. https://meet.example.org/kindred-{pairing}; null: video sessions have no link from Kindred. */
  videoRoomTemplate: z
    .string()
    .trim()
    .max(300)
    .nullable()
    .superRefine((t, ctx) => {
      const problem = t === null ? null : videoRoomTemplateProblem(t);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** How long before a session the reminder goes, in hours of the program's wall clock. */
  reminderLeadHours: z
    .int()
    .min(1)
    .max(7 * 24),
  /** Reminders also by text message, to people who prefer texts and have a phone number. */
  textReminders: z.boolean(),
});
export type SchedulingSettings = z.infer<typeof SchedulingSettings>;
export const DEFAULT_SCHEDULING: SchedulingSettings = {
  videoRoomTemplate: null,
  reminderLeadHours: DEFAULT_REMINDER_LEAD_HOURS,
  textReminders: true,
};

/** The next session as coach (or staff) and participant agreed it, in the program's local time. */
export const ScheduleSessionInput = z
  .object({
    // Worded as the scheduling forms ask (ADR 0054).
    date: z.iso.date({ error: 'Choose the day' }),
    time: clockTime('Choose the time'),
    durationMinutes: z.int().min(5).max(180).default(30),
    modality: z.enum(channels, { error: 'Choose how you will meet' }),
    /** Where they meet, for an in-person session. */
    place: z.string().trim().max(200).default(''),
  })
  .refine((s) => s.modality !== 'in_person' || s.place.length > 0, { message: 'Say where you will meet', path: ['place'] });
export type ScheduleSessionInput = z.infer<typeof ScheduleSessionInput>;

export const ScheduledSessionView = z.object({
  id: z.uuid(),
  pairingId: z.uuid(),
  participantId: z.uuid(),
  coachId: z.uuid(),
  startsAt: z.string(),
  /** Local date and time in the program's zone. */
  date: z.string(),
  time: z.string(),
  timeZone: z.string(),
  durationMinutes: z.int(),
  modality: Channel,
  videoLink: z.string().nullable(),
  place: z.string().nullable(),
  status: SessionStatus,
  sequence: z.int(),
  /** Names for the people in the pair, as the caller may see them. */
  participantName: z.string().nullable(),
  coachName: z.string().nullable(),
});
export type ScheduledSessionView = z.infer<typeof ScheduledSessionView>;

/** How far ahead a session may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 120;

/**
 * The start of a session from its local date and time, checked: the wall time exists in the zone,
 * the session starts in the future and within four months, and not while the participant paused
 * contact.
 */
export function sessionStart(
  input: { date: string; time: string },
  ctx: { timeZone: string; now: Date; participantPausedUntil: string | null },
): Date {
  const start = zonedInstant(input.date, input.time, ctx.timeZone);
  if (!start) {
    throw new DomainError('invalid_state', 'time_does_not_exist', 'That time does not exist on that day (the clocks change)');
  }
  if (start.getTime() <= ctx.now.getTime())
    throw new DomainError('invalid_state', 'session_in_past', 'Choose a time in the future');
  const today = localDateOf(ctx.now, ctx.timeZone);
  if (input.date > addDaysOn(today, MAX_SCHEDULE_AHEAD_DAYS)) {
    throw new DomainError('invalid_state', 'session_too_far', 'Schedule at most four months ahead');
  }
  if (ctx.participantPausedUntil && input.date < ctx.participantPausedUntil) {
    throw new DomainError('invalid_state', 'participant_paused', 'The participant paused contact until after that day');
  }
  return start;
}

/**
 * When the reminder of a session goes: `leadHours` earlier on the program's wall clock, so "24
 * hours before" a 10:00 session is 10:00 the day before even when the clocks change in between. A
 * wall time skipped by the clocks moves to the first minute that exists after it.
 */
export function reminderAt(startsAt: Date, leadHours: number, timeZone: string): Date {
  const local = localTimeOf(startsAt, timeZone);
  const total = local.hour * 60 + local.minute - leadHours * 60;
  const days = Math.floor(total / (24 * 60));
  const dateOn = addDaysOn(local.dateOn, days);
  let minutes = total - days * 24 * 60;
  for (let step = 0; step < 24 * 4; step++, minutes += 15) {
    const at = zonedInstant(dateOn, clockOf(minutes % (24 * 60)), timeZone);
    if (at) return at;
  }
  return new Date(startsAt.getTime() - leadHours * 3_600_000);
}

export interface ReminderSession {
  id: string;
  startsAt: Date;
  status: SessionStatus;
  sequence: number;
  /** When the session got its current time: a reminder is due only if it was scheduled before the reminder time. */
  scheduledAt: Date;
}

/**
 * The sessions whose reminder is due at `now`: still scheduled, the reminder time has come and the
 * session has not started. A session agreed after its reminder time gets none: the invitation has
 * just gone out. Sending each at most once is the outbox's idempotency key's job (session, sequence
 * and recipient), so a sweep may run as often as it likes.
 */
export function remindersDue<S extends ReminderSession>(
  sessions: readonly S[],
  now: Date,
  settings: { reminderLeadHours: number; timeZone: string },
): (S & { remindAt: Date })[] {
  const out: (S & { remindAt: Date })[] = [];
  for (const s of sessions) {
    if (s.status !== 'scheduled' || s.startsAt.getTime() <= now.getTime()) continue;
    const remindAt = reminderAt(s.startsAt, settings.reminderLeadHours, settings.timeZone);
    if (remindAt.getTime() > now.getTime() || s.scheduledAt.getTime() > remindAt.getTime()) continue;
    out.push({ ...s, remindAt });
  }
  return out;
}

/** What Kindred knows about how a person may be messaged. */
export interface Reachable {
  email: string | null;
  phone: string | null;
  preferredChannel: Channel;
  /** False once the person opted out of texts (e.g. replied STOP). */
  textsAllowed: boolean;
  contactPausedUntil: string | null;
}

/**
 * How a person gets a session reminder: by e-mail when Kindred has an address; also by text when
 * the program sends texts, the person prefers texts, has a phone number and has not opted out.
 * Nothing while the person has paused contact over the session's day.
 */
export function reminderChannels(
  person: Reachable,
  ctx: { textReminders: boolean; sessionDateOn: string },
): { email: boolean; text: boolean } {
  if (person.contactPausedUntil && ctx.sessionDateOn < person.contactPausedUntil) return { email: false, text: false };
  return {
    email: person.email !== null && person.email !== '',
    text: ctx.textReminders && person.preferredChannel === 'text' && person.textsAllowed && !!person.phone,
  };
}

/**
 * "Tuesday 10 March 2026 at 10:00 AM Eastern time": how messages and tasks state a session's time
 * (issue #16); in Spanish "martes, 10 de marzo de 2026, 10:00 a. m. hora oriental" (ADR 0041).
 */
export function sessionWhenWords(startsAt: Date, timeZone: string, locale: Locale = 'en'): string {
  const local = localTimeOf(startsAt, timeZone);
  const clock = clockWords(clockOf(local.hour * 60 + local.minute), locale);
  if (locale === 'es') return `${dateOnWords(local.dateOn, locale)}, ${clock} ${zoneWords(timeZone, locale)}`;
  return `${dateOnWords(local.dateOn)} at ${clock} ${zoneWords(timeZone)}`;
}

export const modalityWords: Record<Channel, string> = {
  phone: 'a phone call',
  video: 'a video call',
  in_person: 'a meeting in person',
  text: 'a text check-in',
};
