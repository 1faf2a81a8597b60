import { eq } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { startSmtpStandIn, type SmtpStandIn } from '../../testing/smtp';
import { sweepCheckInReminders } from '../guidance/reminders.service';
import { participants } from '../participants/participants.table';

/**
 * Participant e-mails in the participant's chosen language (issue #16), as they arrive over SMTP:
 * Pat chose Spanish, Quinn keeps English. T0 is Monday 2 March 2026, 10:00 in New York.
 */
describe('participant e-mails in the language each participant chose', () => {
  let t: TestApp;
  let w: World;
  let smtp: SmtpStandIn;
  let coordinator: Agent;

  /** Sends what the outbox holds and returns the mails that arrived since the last call. */
  const deliver = async (): Promise<ParsedMail[]> => {
    smtp.received.length = 0;
    await t.deps.mailer.deliverPending(t.deps.db, () => t.clock.now());
    return Promise.all(smtp.received.map((m) => simpleParser(m.raw)));
  };
  const to = (mails: ParsedMail[], address: string) => mails.filter((m) => JSON.stringify(m.to).includes(address));
  const ok = async (method: 'POST' | 'PUT', url: string, body: unknown, status: number) => {
    const res = await coordinator.request(method, url, body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    t = await createTestApp({ smtpUrl: smtp.url });
    w = await t.seedWorld();
    await t.db.db.update(participants).set({ locale: 'es' }).where(eq(participants.id, w.participantId));
    await t.db.db.update(participants).set({ email: 'quinn@test.org' }).where(eq(participants.id, w.otherParticipantId));
    coordinator = await t.login('coordinator@test.org');
    await deliver();
  });
  afterAll(async () => {
    await t?.close();
    await smtp.close();
  });

  it('sends the weekly check-in reminder in Spanish to a participant who chose Spanish', async () => {
    expect(await sweepCheckInReminders(t.deps, t.clock.now())).toEqual({ queued: 1 });
    const [mail, ...others] = to(await deliver(), 'participant@test.org');
    expect(others).toHaveLength(0);
    expect(mail!.subject).toBe('Su control semanal');
    expect(mail!.text).toContain('Hola, Pat:');
    expect(mail!.text).toContain('Es hora de su control semanal del dolor');
    expect(mail!.text).toContain(`Haga su control aquí: http://kindred.test/programs/${w.programId}/check-in`);
    expect(mail!.text).not.toMatch(/Hello|weekly check-in|Check in here/);
  });

  it('sends session invitations in each person’s language: Spanish to Pat, English to Quinn and the coaches', async () => {
    const base = `/programs/${w.programId}`;
    const pats = (await ok('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId }, 201)).id;
    const quinns = (
      await ok(
        'POST',
        `${base}/pairings`,
        { participantId: w.otherParticipantId, coachId: w.otherCoachId, genderMismatchReason: 'Asked for this coach' },
        201,
      )
    ).id;
    await deliver();
    for (const pairingId of [pats, quinns]) {
      await ok('POST', `${base}/pairings/${pairingId}/sessions`, { date: '2026-03-05', time: '14:15', modality: 'phone' }, 201);
    }
    const mails = await deliver();

    const [toPat] = to(mails, 'participant@test.org');
    expect(toPat!.subject).toBe('Su próxima sesión de Kindred');
    expect(toPat!.text).toContain(
      'Su próxima sesión de Kindred es una llamada telefónica con su coach el jueves, 5 de marzo de 2026, 2:15 p. m. hora oriental.',
    );
    expect(toPat!.text).toContain('Véala en Kindred:');
    expect(toPat!.text).not.toMatch(/Hello|your coach|Eastern|PM\b/);
    expect(toPat!.attachments.filter((a) => a.contentType === 'text/calendar')).toHaveLength(1);

    const [toQuinn] = to(mails, 'quinn@test.org');
    expect(toQuinn!.subject).toBe('Your next Kindred session');
    expect(toQuinn!.text).toContain(
      'Your next Kindred session is a phone call with your coach on Thursday 5 March 2026 at 2:15 PM Eastern time.',
    );
    // Pat's coach reads English, whatever Pat chose.
    const [toCarl] = to(mails, 'coach@test.org');
    expect(toCarl!.subject).toBe('Your next Kindred session');
    expect(toCarl!.text).toContain('with a participant you coach on Thursday 5 March 2026 at 2:15 PM Eastern time');
  });

  it('e-mails the questionnaire link in Spanish to Pat and in English to Quinn', async () => {
    const base = `/programs/${w.programId}`;
    const pat = await ok(
      'POST',
      `${base}/participants/${w.participantId}/assessment-links`,
      { timepointKey: 'baseline', sendEmail: true },
      201,
    );
    const quinn = await ok(
      'POST',
      `${base}/participants/${w.otherParticipantId}/assessment-links`,
      { timepointKey: 'baseline', sendEmail: true },
      201,
    );
    const mails = await deliver();

    const [toPat] = to(mails, 'participant@test.org');
    expect(toPat!.subject).toBe('Kindred: preguntas de su programa');
    expect(toPat!.text).toContain(`Abrir: ${pat.url}`);
    expect(toPat!.text).toMatch(/funciona hasta el [a-zé]+, \d+ de [a-z]+ de 2026\./);
    expect(toPat!.text).not.toMatch(/Hello|questionnaires|works until/);

    const [toQuinn] = to(mails, 'quinn@test.org');
    expect(toQuinn!.subject).toBe('Kindred: questions from your program');
    expect(toQuinn!.text).toContain(`Open: ${quinn.url}`);
    expect(toQuinn!.text).toMatch(/works until [A-Z][a-z]+day \d+ [A-Z][a-z]+ 2026\./);
  });

  it('writes a participant’s account e-mails in Spanish, and a coach’s in English', async () => {
    const askReset = async (email: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/request',
        remoteAddress: '192.0.2.77',
        payload: { email },
      });
      expect(res.statusCode).toBeLessThan(300);
    };
    await askReset('participant@test.org');
    await askReset('coach@test.org');
    const mails = await deliver();
    const [toPat] = to(mails, 'participant@test.org');
    expect(toPat!.subject).toBe('Elija una nueva contraseña de Kindred');
    expect(toPat!.text).toContain('Alguien (esperamos que usted) pidió elegir una nueva contraseña');
    expect(toPat!.text).toMatch(/reset-password#token=\S+/);
    const [toCarl] = to(mails, 'coach@test.org');
    expect(toCarl!.subject).toBe('Choose a new Kindred password');
  });
});
