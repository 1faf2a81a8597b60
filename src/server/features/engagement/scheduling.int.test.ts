import { and, eq, like } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { outboxMessages, smsOptOuts } from '../../platform/mail.table';
import { T0, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { startSmtpStandIn, type SmtpStandIn } from '../../testing/smtp';
import { coaches } from '../coaches/coaches.table';
import { participants } from '../participants/participants.table';
import { scheduledSessions } from './engagement.table';
import { parseIcs } from './ical.testing';
import { sweepSessionReminders } from './scheduling.sweep';

const TEMPLATE = 'https://meet.example.org/kindred-{pairing}';

/** T0 is Monday 2 March 2026, 10:00 in New York (the test program's zone). */
describe('scheduling sessions, invitations and reminders', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let coordinator: Agent;
  let carl: Agent;
  let cora: Agent;
  let pat: Agent;
  let evaluator: Agent;
  let pairingId: string;
  let otherPairingId: string;

  const signIn = async () => {
    [coordinator, carl, cora, pat, evaluator] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
    ]);
  };
  const ok = async (agent: Agent, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, status = 200) => {
    const res = await agent.request(method, url, body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };
  const outbox = (keyPrefix: string) =>
    t.db.db
      .select()
      .from(outboxMessages)
      .where(like(outboxMessages.idempotencyKey, `${keyPrefix}%`));
  const sessionCount = async () => (await t.db.db.select().from(scheduledSessions)).length;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    await signIn();
    pairingId = (await ok(coordinator, 'POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId }, 201))
      .id;
    otherPairingId = (
      await ok(
        coordinator,
        'POST',
        `${base}/pairings`,
        { participantId: w.otherParticipantId, coachId: w.otherCoachId, genderMismatchReason: 'Asked for this coach' },
        201,
      )
    ).id;
  });
  afterAll(() => t?.close());

  it('lets staff set the video-room template and reminder lead, checked; others may not', async () => {
    expect(await ok(coordinator, 'GET', `${base}/scheduling-settings`)).toEqual({
      videoRoomTemplate: null,
      reminderLeadHours: 24,
      textReminders: true,
    });
    const bad = await coordinator.request('PUT', `${base}/scheduling-settings`, {
      videoRoomTemplate: 'https://meet.example.org/{participant}',
      reminderLeadHours: 24,
      textReminders: true,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('Unknown placeholder');
    expect((await carl.request('GET', `${base}/scheduling-settings`)).status).toBe(403);
    expect(
      (
        await carl.request('PUT', `${base}/scheduling-settings`, {
          videoRoomTemplate: TEMPLATE,
          reminderLeadHours: 2,
          textReminders: true,
        })
      ).status,
    ).toBe(403);
    expect(await ok(coordinator, 'GET', `${base}/scheduling-settings`)).toMatchObject({ videoRoomTemplate: null });
    expect(
      await ok(coordinator, 'PUT', `${base}/scheduling-settings`, {
        videoRoomTemplate: TEMPLATE,
        reminderLeadHours: 24,
        textReminders: true,
      }),
    ).toEqual({ videoRoomTemplate: TEMPLATE, reminderLeadHours: 24, textReminders: true });
  });

  let sessionId: string;

  it('lets the coach schedule a video session for his pair, with the link from the template and an invitation to both', async () => {
    const s = await ok(
      carl,
      'POST',
      `${base}/pairings/${pairingId}/sessions`,
      { date: '2026-03-09', time: '10:00', modality: 'video' },
      201,
    );
    sessionId = s.id;
    expect(s).toMatchObject({
      pairingId,
      participantId: w.participantId,
      coachId: w.coachId,
      // Monday 9 March is after the change to daylight time: 10:00 EDT is 14:00 UTC.
      startsAt: '2026-03-09T14:00:00.000Z',
      date: '2026-03-09',
      time: '10:00',
      timeZone: 'America/New_York',
      durationMinutes: 30,
      modality: 'video',
      videoLink: `https://meet.example.org/kindred-${pairingId}`,
      place: null,
      status: 'scheduled',
      sequence: 0,
      participantName: 'Pat Person',
      coachName: null,
    });
    const mails = await outbox(`session-invite:${sessionId}:0:`);
    expect(mails.map((m) => m.toAddress).sort()).toEqual(['coach@test.org', 'participant@test.org']);
    for (const m of mails) {
      expect(m.subject).toBe('Your next Kindred session');
      expect(m.bodyText).toContain('Monday 9 March 2026 at 10:00 AM Eastern time');
      expect(m.bodyText).toContain(`https://meet.example.org/kindred-${pairingId}`);
      for (const personal of ['Pat', 'Person', 'Carl']) expect(m.bodyText).not.toContain(personal);
      expect(m.attachments).toHaveLength(1);
      const { calendar, event } = parseIcs(m.attachments![0]!.content);
      expect(calendar['METHOD']?.value).toBe('REQUEST');
      expect(event['UID']?.value).toBe(`${sessionId}@kindred`);
      expect(event['SEQUENCE']?.value).toBe('0');
      expect(event['DTSTART']?.value).toBe('20260309T140000Z');
      expect(event['ATTENDEE']?.value.toLowerCase()).toBe(`mailto:${m.toAddress}`);
    }
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, sessionId), eq(auditEvents.action, 'scheduled_session:create')));
    expect(audited).toHaveLength(1);
  });

  it('shows the next session to the participant (with the coach’s name) and to the coach', async () => {
    const mine = await ok(pat, 'GET', `${base}/participants/${w.participantId}/sessions`);
    expect(mine).toMatchObject({ pairingId, canSchedule: false });
    expect(mine.upcoming).toHaveLength(1);
    expect(mine.upcoming[0]).toMatchObject({
      id: sessionId,
      coachName: 'Carl Coach',
      participantName: null,
      videoLink: expect.any(String),
    });
    const coachView = await ok(carl, 'GET', `${base}/participants/${w.participantId}/sessions`);
    expect(coachView).toMatchObject({ pairingId, canSchedule: true });
    expect(coachView.upcoming[0]).toMatchObject({ participantName: 'Pat Person', coachName: null });
    expect((await ok(coordinator, 'GET', `${base}/participants/${w.participantId}/sessions`)).upcoming[0]).toMatchObject({
      participantName: 'Pat Person',
      coachName: 'Carl Coach',
    });
    for (const a of [cora, evaluator]) {
      expect((await a.request('GET', `${base}/participants/${w.participantId}/sessions`)).status).toBe(404);
    }
    const outsider = await t.login('outsider@test.org');
    expect((await outsider.request('GET', `${base}/participants/${w.participantId}/sessions`)).status).toBe(404);
  });

  it('refuses other coaches, the participant, evaluators and bad input, changing nothing', async () => {
    const before = await sessionCount();
    const mailsBefore = (await t.db.db.select().from(outboxMessages)).length;
    const body = { date: '2026-03-10', time: '10:00', modality: 'phone' };
    expect((await cora.request('POST', `${base}/pairings/${pairingId}/sessions`, body)).status).toBe(404);
    expect((await pat.request('POST', `${base}/pairings/${pairingId}/sessions`, body)).status).toBe(403);
    expect((await evaluator.request('POST', `${base}/pairings/${pairingId}/sessions`, body)).status).toBe(404);
    expect((await carl.request('POST', `${base}/pairings/${otherPairingId}/sessions`, body)).status).toBe(404);
    expect((await cora.request('POST', `${base}/sessions/${sessionId}/cancel`)).status).toBe(404);
    expect((await cora.request('PUT', `${base}/sessions/${sessionId}`, body)).status).toBe(404);
    const noPlace = await carl.request('POST', `${base}/pairings/${pairingId}/sessions`, { ...body, modality: 'in_person' });
    expect(noPlace.status).toBe(400);
    const past = await carl.request('POST', `${base}/pairings/${pairingId}/sessions`, {
      ...body,
      date: '2026-03-02',
      time: '09:00',
    });
    expect(past).toMatchObject({ status: 422, body: { reason: 'session_in_past' } });
    const gap = await carl.request('POST', `${base}/pairings/${pairingId}/sessions`, {
      ...body,
      date: '2026-03-08',
      time: '02:30',
    });
    expect(gap).toMatchObject({ status: 422, body: { reason: 'time_does_not_exist' } });
    await t.db.db.update(participants).set({ contactPausedUntil: '2026-03-20' }).where(eq(participants.id, w.participantId));
    const paused = await carl.request('POST', `${base}/pairings/${pairingId}/sessions`, body);
    expect(paused).toMatchObject({ status: 422, body: { reason: 'participant_paused' } });
    await t.db.db.update(participants).set({ contactPausedUntil: null }).where(eq(participants.id, w.participantId));
    expect(await sessionCount()).toBe(before);
    expect((await t.db.db.select().from(outboxMessages)).length).toBe(mailsBefore);
  });

  it('moves a session with a new sequence and an updated invitation for the same event', async () => {
    const moved = await ok(carl, 'PUT', `${base}/sessions/${sessionId}`, {
      date: '2026-03-10',
      time: '18:30',
      modality: 'in_person',
      place: 'Public library, room 2',
      durationMinutes: 45,
    });
    expect(moved).toMatchObject({
      startsAt: '2026-03-10T22:30:00.000Z',
      sequence: 1,
      modality: 'in_person',
      videoLink: null,
      place: 'Public library, room 2',
    });
    const mails = await outbox(`session-invite:${sessionId}:1:`);
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(m.subject).toBe('Your Kindred session has moved');
      const { event } = parseIcs(m.attachments![0]!.content);
      expect(event['UID']?.value).toBe(`${sessionId}@kindred`);
      expect(event['SEQUENCE']?.value).toBe('1');
      expect(event['LOCATION']?.value).toBe('Public library\\, room 2');
      expect(event['DURATION']?.value).toBe('PT45M');
    }
  });

  it('reminds both people once, 24 hours before on the wall clock, by e-mail and by text to those who prefer texts', async () => {
    // Pat prefers texts; the coach's number opted out by texting STOP (and he prefers texts too).
    await t.db.db.update(participants).set({ preferredChannel: 'text' }).where(eq(participants.id, w.participantId));
    await t.db.db.update(coaches).set({ preferredChannel: 'text' }).where(eq(coaches.id, w.coachId));
    await t.db.db.insert(smsOptOuts).values({ phoneKey: '3175550100', keyword: 'STOP', optedOutAt: new Date(T0) });

    t.clock.set(new Date('2026-03-09T22:29:00Z'));
    expect(await sweepSessionReminders(t.deps, t.clock.now())).toEqual({ emails: 0, texts: 0, cancelled: 0 });
    t.clock.set(new Date('2026-03-09T22:30:00Z'));
    expect(await sweepSessionReminders(t.deps, t.clock.now())).toEqual({ emails: 2, texts: 1, cancelled: 0 });
    expect(await sweepSessionReminders(t.deps, new Date('2026-03-09T22:40:00Z'))).toEqual({ emails: 0, texts: 0, cancelled: 0 });
    const reminders = await outbox(`session-reminder:${sessionId}:1:`);
    const emails = reminders.filter((m) => m.channel === 'email');
    const texts = reminders.filter((m) => m.channel === 'sms');
    expect(emails.map((m) => m.toAddress).sort()).toEqual(['coach@test.org', 'participant@test.org']);
    for (const m of emails) {
      expect(m.subject).toBe('Reminder: your Kindred session');
      expect(m.bodyText).toContain('Tuesday 10 March 2026 at 6:30 PM Eastern time');
      expect(m.bodyText).toContain('Public library, room 2');
    }
    expect(texts).toEqual([
      expect.objectContaining({ toAddress: '317 555 0200', idempotencyKey: `session-reminder:${sessionId}:1:participant` }),
    ]);
    expect(texts[0]!.bodyText).not.toContain('Pat');
  });

  it('sends no reminder to someone who paused contact, and none for a cancelled session', async () => {
    t.clock.set(new Date(T0));
    await signIn();
    const s = await ok(
      coordinator,
      'POST',
      `${base}/pairings/${otherPairingId}/sessions`,
      { date: '2026-03-12', time: '09:00', modality: 'phone' },
      201,
    );
    expect(s.coachName).toBe('Cora Coach');
    // Quinn has no e-mail address: only Cora is invited.
    expect((await outbox(`session-invite:${s.id}:0:`)).map((m) => m.toAddress)).toEqual(['coach2@test.org']);
    await t.db.db.update(coaches).set({ contactPausedUntil: '2026-03-20' }).where(eq(coaches.id, w.otherCoachId));
    expect(await sweepSessionReminders(t.deps, new Date('2026-03-11T13:00:00Z'))).toEqual({ emails: 0, texts: 0, cancelled: 0 });
    await t.db.db.update(coaches).set({ contactPausedUntil: null }).where(eq(coaches.id, w.otherCoachId));

    const cancelled = await ok(coordinator, 'POST', `${base}/sessions/${s.id}/cancel`);
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1 });
    const [cancel] = await outbox(`session-invite:${s.id}:1:`);
    expect(cancel!.subject).toBe('Your Kindred session is cancelled');
    const ics = parseIcs(cancel!.attachments![0]!.content);
    expect(ics.calendar['METHOD']?.value).toBe('CANCEL');
    expect(ics.event['STATUS']?.value).toBe('CANCELLED');
    expect((await coordinator.request('POST', `${base}/sessions/${s.id}/cancel`)).status).toBe(422);
    expect(await sweepSessionReminders(t.deps, new Date('2026-03-11T13:00:00Z'))).toEqual({ emails: 0, texts: 0, cancelled: 0 });
    expect((await ok(coordinator, 'GET', `${base}/participants/${w.otherParticipantId}/sessions`)).upcoming).toEqual([]);
  });

  it('cancels the sessions of a pairing that ended, once, and sends them no reminders', async () => {
    t.clock.set(new Date(T0));
    await signIn();
    const s = await ok(
      coordinator,
      'POST',
      `${base}/pairings/${otherPairingId}/sessions`,
      { date: '2026-03-13', time: '09:00', modality: 'phone' },
      201,
    );
    await ok(coordinator, 'POST', `${base}/pairings/${otherPairingId}/end`, { reason: 'fit' });
    // The next sweep cancels it, with the calendar cancellation (Quinn has no address: Cora only).
    expect(await sweepSessionReminders(t.deps, t.clock.now())).toEqual({ emails: 0, texts: 0, cancelled: 1 });
    const [cancel] = await outbox(`session-invite:${s.id}:1:`);
    expect(cancel).toMatchObject({ toAddress: 'coach2@test.org', subject: 'Your Kindred session is cancelled' });
    expect(parseIcs(cancel!.attachments![0]!.content).calendar['METHOD']?.value).toBe('CANCEL');
    expect(await sweepSessionReminders(t.deps, new Date('2026-03-12T14:00:00Z'))).toEqual({ emails: 0, texts: 0, cancelled: 0 });
    expect(await outbox(`session-reminder:${s.id}:`)).toEqual([]);
    expect((await ok(coordinator, 'GET', `${base}/participants/${w.otherParticipantId}/sessions`)).upcoming).toEqual([]);
    expect(
      (
        await coordinator.request('POST', `${base}/pairings/${otherPairingId}/sessions`, {
          date: '2026-03-13',
          time: '09:00',
          modality: 'phone',
        })
      ).body,
    ).toMatchObject({
      reason: 'pairing_ended',
    });
  });

  it('marks a session done only once it has started', async () => {
    const s = await ok(
      carl,
      'POST',
      `${base}/pairings/${pairingId}/sessions`,
      { date: '2026-03-04', time: '10:00', modality: 'phone' },
      201,
    );
    expect((await carl.request('POST', `${base}/sessions/${s.id}/done`)).body).toMatchObject({ reason: 'session_not_started' });
    t.clock.set(new Date('2026-03-04T15:10:00Z'));
    await signIn();
    expect(await ok(carl, 'POST', `${base}/sessions/${s.id}/done`)).toMatchObject({ status: 'done' });
  });
});

describe('a calendar invitation over SMTP', () => {
  let t: TestApp;
  let w: World;
  let smtp: SmtpStandIn;

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    // A From address on another host than the public URL: the organizer follows the From (ADR 0013).
    t = await createTestApp({
      smtpUrl: smtp.url,
      mailFrom: 'Oak Valley Kindred <sessions@mail.oak.test>',
    });
    w = await t.seedWorld();
  });
  afterAll(async () => {
    await t?.close();
    await smtp.close();
  });

  it('arrives as a text/calendar attachment that parses, with a subject that says nothing personal', async () => {
    const coordinator = await t.login('coordinator@test.org');
    const base = `/programs/${w.programId}`;
    await coordinator.request('PUT', `${base}/scheduling-settings`, {
      videoRoomTemplate: TEMPLATE,
      reminderLeadHours: 24,
      textReminders: false,
    });
    const pairing = await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId });
    expect(pairing.status).toBe(201);
    const s = await coordinator.request('POST', `${base}/pairings/${pairing.body.id}/sessions`, {
      date: '2026-03-05',
      time: '14:15',
      modality: 'video',
      durationMinutes: 40,
    });
    expect(s.status).toBe(201);
    expect(await t.deps.mailer.deliverPending(t.deps.db, () => t.clock.now())).toMatchObject({ sent: 2, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    const parsed = await Promise.all(smtp.received.map((m) => simpleParser(m.raw)));
    const toPat = parsed.find((m) => JSON.stringify(m.to).includes('participant@test.org'))!;
    const toCarl = parsed.find((m) => JSON.stringify(m.to).includes('coach@test.org'))!;
    // Each gets an own file naming only himself as attendee, for the same event.
    const carlsIcs = parseIcs(toCarl.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8'));
    expect(carlsIcs.event['ATTENDEE']?.value.toLowerCase()).toBe('mailto:coach@test.org');
    expect(carlsIcs.event['UID']?.value).toBe(`${s.body.id}@kindred`);
    expect(toCarl.subject).toBe('Your next Kindred session');
    expect(toPat.subject).toBe('Your next Kindred session');
    expect(toPat.text).toContain('Thursday 5 March 2026 at 2:15 PM Eastern time');
    const calendarParts = toPat.attachments.filter((a) => a.contentType === 'text/calendar');
    expect(calendarParts).toHaveLength(1);
    const { calendar, event } = parseIcs(calendarParts[0]!.content.toString('utf8'));
    expect(calendar['METHOD']?.value).toBe('REQUEST');
    expect(event['UID']?.value).toBe(`${s.body.id}@kindred`);
    expect(event['SEQUENCE']?.value).toBe('0');
    expect(event['DTSTART']?.value).toBe('20260305T191500Z');
    expect(event['DURATION']?.value).toBe('PT40M');
    expect(event['DTSTAMP']?.value).toBe('20260302T150000Z');
    expect(event['LOCATION']?.value).toBe(`https://meet.example.org/kindred-${pairing.body.id}`);
    expect(event['ORGANIZER']?.value.toLowerCase()).toBe('mailto:sessions@mail.oak.test');
    expect(event['ORGANIZER']?.params['CN']).toBe('Oak Valley Kindred');
    expect(event['ATTENDEE']?.value.toLowerCase()).toBe('mailto:participant@test.org');
  });
});
