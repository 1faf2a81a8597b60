import { and, eq, like } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { outboxMessages } from '../../platform/mail.table';
import { participants } from '../participants/participants.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { startSmtpStandIn, type SmtpStandIn } from '../../testing/smtp';
import { interviewSampleMembers } from './interviews.table';
import { sweepInterviewReminders } from './invitations.jobs';

const CONSENT_V1 = 'You are invited to talk with us for about 45 minutes about the program.';
const CONSENT_V2 = `${CONSENT_V1} You may stop at any time, and you may say no to the recording.`;

/** Interview invitations, consent versions and scheduling through the API (issue #13, ADR 0050). */
describe('interview invitations through the API', () => {
  let t: TestApp;
  let w: World;
  let smtp: SmtpStandIn;
  let coordinator: Agent;
  let evaluator: Agent;
  let coach: Agent;
  let participant: Agent;
  let studyBase: string;
  let sampleBase: string;
  let pat: { id: string };
  let quinn: { id: string };
  let v2: { id: string; version: number };

  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const outbox = (prefix: string) =>
    t.db.db
      .select()
      .from(outboxMessages)
      .where(like(outboxMessages.idempotencyKey, `${prefix}%`));
  const memberRow = async (id: string) =>
    (await t.db.db.select().from(interviewSampleMembers).where(eq(interviewSampleMembers.id, id)))[0]!;
  const auditOf = (entityId: string, action: string) =>
    t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, entityId), eq(auditEvents.action, action)));

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    t = await createTestApp({ smtpUrl: smtp.url });
    w = await t.seedWorld();
    [coordinator, evaluator, coach, participant] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('evaluator@test.org'),
      t.login('coach@test.org'),
      t.login('participant@test.org'),
    ]);
    const study = await ok(
      coordinator.request('POST', `/programs/${w.programId}/interview-studies`, {
        title: 'Who engaged and why',
        audiences: ['participants'],
        targetCount: 4,
      }),
      201,
    );
    studyBase = `/programs/${w.programId}/interview-studies/${study.id}`;
    const s = await ok(
      coordinator.request('POST', `${studyBase}/samples`, {
        dimensions: ['gender'],
        quotas: [{ values: ['man'], target: 2 }],
        seed: 1,
      }),
      201,
    );
    sampleBase = `${studyBase}/samples/${s.id}/members`;
    pat = s.members.find((m: any) => m.name === 'Pat Person');
    quinn = s.members.find((m: any) => m.name === 'Quinn Other');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('keeps the study’s consent text in versions, for study staff only', async () => {
    expect((await coordinator.request('POST', `${studyBase}/consent-documents`, { body: 'Too short' })).status).toBe(400);
    const v1 = await ok(coordinator.request('POST', `${studyBase}/consent-documents`, { body: CONSENT_V1 }), 201);
    v2 = await ok(coordinator.request('POST', `${studyBase}/consent-documents`, { body: CONSENT_V2 }), 201);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const list = await ok(coordinator.request('GET', `${studyBase}/consent-documents`));
    expect(list.map((d: any) => [d.version, d.body])).toEqual([
      [2, CONSENT_V2],
      [1, CONSENT_V1],
    ]);
    for (const who of [coach, evaluator, participant])
      expect((await who.request('GET', `${studyBase}/consent-documents`)).status).toBe(403);
    expect(await auditOf(v2.id, 'interview_consent_document:create')).toHaveLength(1);
  });

  it('refuses a coach, an evaluator and the participant the staff’s moves, and changes nothing', async () => {
    for (const who of [coach, evaluator, participant]) {
      expect((await who.request('POST', `${sampleBase}/${pat.id}/invite`)).status).toBe(403);
      expect((await who.request('POST', `${sampleBase}/${pat.id}/consent`, { documentId: v2.id, recording: true })).status).toBe(
        403,
      );
    }
    // Scheduling before a consent is a missing step: 422, and no message is written.
    const early = await coordinator.request('POST', `${sampleBase}/${pat.id}/schedule`, {
      date: '2026-03-05',
      time: '14:15',
      modality: 'phone',
    });
    expect([early.status, early.body.reason]).toEqual([422, 'not_consented']);
    expect((await memberRow(pat.id)).state).toBe('proposed');
    expect(await outbox('interview-')).toEqual([]);
    // A coach never sees an invitation, nor the participant's page.
    expect((await coach.request('GET', `/programs/${w.programId}/my-interview-invitations`)).status).toBe(403);
  });

  it('invites through the outbox by e-mail in English, over SMTP, and by text with no e-mail address', async () => {
    const s = await ok(coordinator.request('POST', `${sampleBase}/${pat.id}/invite`));
    const seen = s.members.find((m: any) => m.id === pat.id);
    expect([seen.state, seen.invitedVia, seen.invitedAt]).toEqual(['invited', 'email', '2026-03-02T15:00:00.000Z']);
    const [mail] = await outbox(`interview-invite:${pat.id}`);
    expect([mail!.channel, mail!.toAddress, mail!.subject]).toEqual([
      'email',
      'participant@test.org',
      'An invitation from Kindred',
    ]);
    expect(mail!.bodyText).toContain(`http://kindred.test/programs/${w.programId}/my-interview`);
    const row = await memberRow(pat.id);
    expect(row.invitedBy).toBe(w.people.coordinator);
    expect(await auditOf(pat.id, 'interview_invitation:update')).toHaveLength(1);
    await t.deps.mailer.deliverPending(t.deps.db, () => t.clock.now());
    const delivered = await simpleParser(smtp.received.at(-1)!.raw);
    expect(delivered.subject).toBe('An invitation from Kindred');
    expect(JSON.stringify(delivered.to)).toContain('participant@test.org');

    // Twice is a conflict, and nothing more is sent.
    const again = await coordinator.request('POST', `${sampleBase}/${pat.id}/invite`);
    expect([again.status, again.body.reason]).toEqual([409, 'already_invited']);
    expect(await outbox('interview-invite:')).toHaveLength(1);

    const q = await ok(coordinator.request('POST', `${sampleBase}/${quinn.id}/invite`));
    expect(q.members.find((m: any) => m.id === quinn.id).invitedVia).toBe('text');
    const [text] = await outbox(`interview-invite:${quinn.id}`);
    expect([text!.channel, text!.toAddress]).toEqual(['sms', '317 555 0201']);
  });

  it('shows the participant his or her own invitation with the current consent version', async () => {
    const mine = await ok(participant.request('GET', `/programs/${w.programId}/my-interview-invitations`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: pat.id, state: 'invited', document: { id: v2.id, version: 2 }, consent: null });
    expect(await auditOf(w.participantId, 'interview_invitation:list')).toHaveLength(1);
    // Another person's invitation is not his to answer.
    const other = await participant.request('POST', `/programs/${w.programId}/my-interview-invitations/${quinn.id}/consent`, {
      documentId: v2.id,
      typedName: 'Pat Person',
      recording: true,
    });
    expect(other.status).toBe(404);
    expect((await memberRow(quinn.id)).state).toBe('invited');
  });

  it('takes the participant’s consent to the current version only, with recording apart, and only once', async () => {
    const path = `/programs/${w.programId}/my-interview-invitations/${pat.id}`;
    const old = await participant.request('POST', `${path}/consent`, {
      documentId: 'not-a-uuid',
      typedName: 'Pat',
      recording: true,
    });
    expect(old.status).toBe(400);
    const stale = await participant.request('POST', `${path}/consent`, {
      documentId: (await ok(coordinator.request('GET', `${studyBase}/consent-documents`)))[1].id,
      typedName: 'Pat Person',
      recording: true,
    });
    expect([stale.status, stale.body.reason]).toEqual([409, 'consent_version_changed']);
    expect((await memberRow(pat.id)).state).toBe('invited');
    const mine = await ok(
      participant.request('POST', `${path}/consent`, { documentId: v2.id, typedName: 'Pat Person', recording: true }),
    );
    expect(mine[0]).toMatchObject({ state: 'consented', consent: { version: 2, method: 'signed', recording: true } });
    const row = await memberRow(pat.id);
    expect([row.consentTypedName, row.consentsToRecording, row.consentRecordedBy]).toEqual([
      'Pat Person',
      true,
      w.people.participant,
    ]);
    const twice = await participant.request('POST', `${path}/consent`, {
      documentId: v2.id,
      typedName: 'Pat Person',
      recording: false,
    });
    expect([twice.status, twice.body.reason]).toEqual([409, 'already_consented']);
    expect((await memberRow(pat.id)).consentsToRecording).toBe(true);
    const verbal = await coordinator.request('POST', `${sampleBase}/${pat.id}/consent`, { documentId: v2.id, recording: false });
    expect(verbal.status).toBe(409);
  });

  it('schedules the interview with the scheduler’s rules and sends the calendar invitation', async () => {
    const past = await coordinator.request('POST', `${sampleBase}/${pat.id}/schedule`, {
      date: '2026-03-01',
      time: '10:00',
      modality: 'phone',
    });
    expect([past.status, past.body.reason]).toEqual([422, 'session_in_past']);
    const s = await ok(
      coordinator.request('POST', `${sampleBase}/${pat.id}/schedule`, {
        date: '2026-03-05',
        time: '14:15',
        modality: 'in_person',
        place: 'The VFW hall',
        durationMinutes: 45,
      }),
    );
    const seen = s.members.find((m: any) => m.id === pat.id);
    expect(seen).toMatchObject({
      state: 'scheduled',
      interview: { startsAt: '2026-03-05T19:15:00.000Z', durationMinutes: 45, modality: 'in_person', place: 'The VFW hall' },
    });
    const [mail] = await outbox(`interview-scheduled:${pat.id}:0`);
    expect(mail!.subject).toBe('Your Kindred interview');
    expect(mail!.bodyText).toContain('a meeting in person on Thursday 5 March 2026 at 2:15 PM Eastern time');
    const ics = mail!.attachments![0]!.content;
    expect(ics).toContain('DTSTART:20260305T191500Z');
    expect(ics).toContain('SUMMARY:Kindred interview');
    const mine = await ok(participant.request('GET', `/programs/${w.programId}/my-interview-invitations`));
    expect(mine[0]).toMatchObject({ state: 'scheduled', interview: { startsAt: '2026-03-05T19:15:00.000Z' } });
    // Moved: a new sequence and a new message.
    await ok(
      coordinator.request('POST', `${sampleBase}/${pat.id}/schedule`, { date: '2026-03-06', time: '10:00', modality: 'phone' }),
    );
    const [moved] = await outbox(`interview-scheduled:${pat.id}:1`);
    expect(moved!.subject).toBe('Your Kindred interview has moved');
  });

  it('reminds the participant of the interview once, at the program’s lead time, with the session reminders’ rules', async () => {
    // Moved to Friday 6 March 10:00 Eastern (15:00 UTC): the 24-hour reminder is due from Thursday 15:00 UTC.
    expect(await sweepInterviewReminders(t.deps, new Date('2026-03-05T14:59:00Z'))).toEqual({ emails: 0, texts: 0 });
    expect(await outbox('interview-reminder:')).toEqual([]);
    expect(await sweepInterviewReminders(t.deps, new Date('2026-03-05T15:30:00Z'))).toEqual({ emails: 1, texts: 0 });
    expect(await sweepInterviewReminders(t.deps, new Date('2026-03-05T16:00:00Z'))).toEqual({ emails: 0, texts: 0 });
    const [reminder] = await outbox(`interview-reminder:${pat.id}:1`);
    expect([reminder!.toAddress, reminder!.subject]).toEqual(['participant@test.org', 'Reminder: your Kindred interview']);
    expect(reminder!.bodyText).toContain('a phone call on Friday 6 March 2026 at 10:00 AM Eastern time');
    expect(await auditOf(pat.id, 'interview_reminder:update')).toHaveLength(1);
  });

  it('cancels a booked interview: back to consented, the calendar cancellation sent, no reminder, 409 with nothing booked', async () => {
    const cancelled = await ok(coordinator.request('POST', `${sampleBase}/${pat.id}/cancel`));
    expect(cancelled.members.find((m: any) => m.id === pat.id)).toMatchObject({ state: 'consented', interview: null });
    const [mail] = await outbox(`interview-cancelled:${pat.id}:2`);
    expect([mail!.toAddress, mail!.subject]).toEqual(['participant@test.org', 'Your Kindred interview is cancelled']);
    expect(mail!.bodyText).toContain('a phone call on Friday 6 March 2026 at 10:00 AM Eastern time is cancelled');
    const ics = String((mail!.attachments as { content: string }[])[0]!.content);
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('SEQUENCE:2');
    const again = await coordinator.request('POST', `${sampleBase}/${pat.id}/cancel`);
    expect([again.status, again.body.reason]).toEqual([409, 'not_scheduled']);
    expect((await coach.request('POST', `${sampleBase}/${pat.id}/cancel`)).status).toBe(403);
    // Booked again and cancelled again: the reminder sweep at the new time's lead time sends nothing.
    await ok(
      coordinator.request('POST', `${sampleBase}/${pat.id}/schedule`, { date: '2026-03-10', time: '10:00', modality: 'phone' }),
    );
    await ok(coordinator.request('POST', `${sampleBase}/${pat.id}/cancel`));
    expect(await sweepInterviewReminders(t.deps, new Date('2026-03-09T15:30:00Z'))).toEqual({ emails: 0, texts: 0 });
    expect(await outbox(`interview-reminder:${pat.id}:3`)).toEqual([]);
    expect((await memberRow(pat.id)).interviewStartsAt).toBeNull();
    expect(await auditOf(pat.id, 'interview_invitation:update')).not.toHaveLength(0);
  });

  it('records a decline by phone with its reason, counted, and never asks that person again', async () => {
    const s = await ok(coordinator.request('PUT', `${sampleBase}/${quinn.id}`, { state: 'declined', reason: 'No time' }));
    expect(s.declineReasons).toEqual([{ reason: 'No time', count: 1 }]);
    const row = await memberRow(quinn.id);
    expect([row.state, row.declineRecordedBy]).toEqual(['declined', w.people.coordinator]);
    const invite = await coordinator.request('POST', `${sampleBase}/${quinn.id}/invite`);
    expect([invite.status, invite.body.reason]).toEqual([409, 'already_declined']);
    // A consent cannot be undone by putting the person back.
    const back = await coordinator.request('PUT', `${sampleBase}/${pat.id}`, { state: 'proposed' });
    expect([back.status, back.body.reason]).toEqual([409, 'already_consented']);
    const next = await ok(
      coordinator.request('POST', `${studyBase}/samples`, {
        dimensions: ['gender'],
        quotas: [{ values: ['man'], target: 2 }],
        seed: 2,
      }),
      201,
    );
    expect(next.excluded).toEqual([{ reason: 'declined_before', count: 1 }]);
  });

  it('lets the participant say no in Spanish-speaking terms, with a reason from the list', async () => {
    await t.db.db.update(participants).set({ locale: 'es' }).where(eq(participants.id, w.participantId));
    const study = await ok(
      coordinator.request('POST', `/programs/${w.programId}/interview-studies`, {
        title: 'A second study',
        audiences: ['participants'],
        targetCount: 2,
      }),
      201,
    );
    const base = `/programs/${w.programId}/interview-studies/${study.id}`;
    const s = await ok(
      coordinator.request('POST', `${base}/samples`, {
        dimensions: ['gender'],
        quotas: [{ values: ['man'], target: 2 }],
        seed: 1,
      }),
      201,
    );
    const member = s.members.find((m: any) => m.name === 'Pat Person');
    await ok(coordinator.request('POST', `${base}/samples/${s.id}/members/${member.id}/invite`));
    const [mail] = await outbox(`interview-invite:${member.id}`);
    expect(mail!.subject).toBe('Una invitación de Kindred');
    const path = `/programs/${w.programId}/my-interview-invitations/${member.id}`;
    expect((await participant.request('POST', `${path}/decline`, { reason: 'Busy' })).status).toBe(400);
    const mine = await ok(participant.request('POST', `${path}/decline`, { reason: 'no_recording' }));
    expect(mine.find((m: any) => m.id === member.id).state).toBe('declined');
    const seen = await ok(coordinator.request('GET', `${base}/samples/${s.id}`));
    expect(seen.declineReasons).toEqual([{ reason: 'Does not want to be recorded', count: 1 }]);
    const again = await participant.request('POST', `${path}/decline`, { reason: null });
    expect([again.status, again.body.reason]).toEqual([409, 'already_declined']);
  });
});
