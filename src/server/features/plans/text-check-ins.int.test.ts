import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { outboxMessages } from '../../platform/mail.table';
import { twilioSignature } from '../../platform/sms';
import { fakeTwilio } from '../../testing/fake-twilio';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { safetyEvents } from '../safety/safety.table';
import { painCheckIns, textCheckInPrompts } from './plans.table';
import { sweepTextCheckIns } from './text-check-ins.service';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'test-auth-token';
const FROM = '+15550009999';
const INBOUND_URL = 'http://kindred.test/api/v1/sms/inbound';
const PHONE = '+13175550200';

// Monday 2 March 2026: 18:00 in New York (the program's zone, EST) is 23:00 UTC.
const MONDAY_1755 = '2026-03-02T22:55:00.000Z';
const MONDAY_1800 = '2026-03-02T23:00:00.000Z';

describe('the weekly check-in by text message, against a local Twilio stand-in', () => {
  let twilio: Awaited<ReturnType<typeof fakeTwilio>>;
  let t: TestApp;
  let w: World;
  let sid = 0;
  beforeAll(async () => {
    twilio = await fakeTwilio();
    t = await createTestApp({
      sms: { provider: 'twilio', baseUrl: twilio.baseUrl, accountSid: SID, authToken: TOKEN, from: FROM, countryCode: '1' },
    });
    t.clock.set('2026-03-02T15:00:00.000Z');
    w = await t.seedWorld();
  });
  afterAll(async () => {
    await t.close();
    await twilio.close();
  });

  const prefs = (who: Agent, body: Record<string, unknown>, participantId = w.participantId) =>
    who.request('PUT', `/programs/${w.programId}/participants/${participantId}/preferences`, body);
  // Signed in afresh each time: the clock moves by days, past the idle limit of a session.
  const participant = () => t.login('participant@test.org');
  const coordinator = () => t.login('coordinator@test.org');
  const sweep = () => sweepTextCheckIns(t.deps, t.clock.now());
  /** Delivers what is queued through the stand-in and returns the bodies it received. */
  const delivered = async (): Promise<string[]> => {
    const before = twilio.received.length;
    await t.deps.texter.deliverPending(t.db.db, () => t.clock.now());
    return twilio.received.slice(before).map((r) => r.form['Body'] ?? '');
  };
  const reply = (Body: string, From = PHONE) => {
    const params = { MessageSid: `SM${String(++sid).padStart(32, '0')}`, AccountSid: SID, From, To: FROM, Body, NumMedia: '0' };
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/sms/inbound',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(TOKEN, INBOUND_URL, params),
      },
      payload: new URLSearchParams(params).toString(),
    });
  };
  const checkIns = () => t.db.db.select().from(painCheckIns).where(eq(painCheckIns.participantId, w.participantId));

  it('lets the participant choose it on "How to reach me", with plain refusals that change nothing', async () => {
    const late = await prefs(await participant(), { textCheckInDay: 'mon', textCheckInTime: '22:00' });
    expect(late.status).toBe(400);
    expect(JSON.stringify(late.body)).toContain('Choose a time between 7 AM and 9 PM');
    const noTime = await prefs(await participant(), { textCheckInDay: 'mon' });
    expect(noTime.status).toBe(422);
    expect(noTime.body).toMatchObject({
      message: 'Choose the time for the check-in text',
      fields: [{ path: 'body.textCheckInTime', message: 'Choose the time for the check-in text' }],
    });
    const noPhone = await prefs(await participant(), { textCheckInDay: 'mon', textCheckInTime: '18:00', phone: null });
    expect(noPhone.status).toBe(422);
    expect(noPhone.body).toMatchObject({ message: 'Add a phone number to get the check-in by text' });

    const ok = await prefs(await participant(), { textCheckInDay: 'mon', textCheckInTime: '18:00' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ view: 'self', textCheckInDay: 'mon', textCheckInTime: '18:00', phone: '317 555 0200' });
    // With it on, the phone number cannot be taken away.
    expect((await prefs(await participant(), { phone: null })).status).toBe(422);
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'participant:update'), eq(auditEvents.entityId, w.participantId)));
    expect(audited).toHaveLength(1);
    // Staff see and set it on the record ("How to reach them").
    const record = await (await coordinator()).request('GET', `/programs/${w.programId}/participants/${w.participantId}`);
    expect(record.body).toMatchObject({ view: 'full', textCheckInDay: 'mon', textCheckInTime: '18:00' });
  });

  it('sends one text at the chosen local time, never twice, and not to other participants', async () => {
    t.clock.set(MONDAY_1755);
    expect(await sweep()).toEqual({ queued: 0 });
    t.clock.set(MONDAY_1800);
    expect(await sweep()).toEqual({ queued: 1 });
    const sent = await delivered();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('What number best describes your pain on average in the past week?');
    expect(sent[0]).toContain('interfered with your enjoyment of life?');
    expect(sent[0]).toContain('interfered with your general activity?');
    expect(twilio.received.at(-1)?.form['To']).toBe(PHONE);
    // Later sweeps the same evening (or after a restart: the prompt and its outbox key are stored) send nothing.
    t.clock.set('2026-03-02T23:10:00.000Z');
    expect(await sweep()).toEqual({ queued: 0 });
    t.clock.set('2026-03-03T02:00:00.000Z');
    expect(await sweep()).toEqual({ queued: 0 });
    expect(await delivered()).toEqual([]);
    expect(await t.db.db.select().from(textCheckInPrompts)).toMatchObject([{ participantId: w.participantId, week: '2026-W10' }]);
    const audited = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'text_check_in_prompt:create'));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorId: null, programId: w.programId });
  });

  it('asks again about a reply it cannot read, at most twice', async () => {
    expect((await reply('six five seven')).statusCode).toBe(200);
    expect(await delivered()).toEqual([expect.stringContaining('For example: 6 5 7')]);
    await reply('6 5');
    expect(await delivered()).toEqual([expect.stringContaining('For example: 6 5 7')]);
    await reply('😀');
    expect(await delivered()).toEqual([]);
    expect(await checkIns()).toEqual([]);
  });

  it('records "6 5 7" as the week’s check-in, shown on the chart, and answers with a summary', async () => {
    t.clock.set('2026-03-02T23:30:00.000Z');
    expect((await reply('6 5 7')).statusCode).toBe(200);
    expect(await checkIns()).toMatchObject([
      { on: '2026-03-02', pain: 6, enjoyment: 5, activity: 7, score: 6, source: 'text', note: '' },
    ]);
    const progress = await (
      await participant()
    ).request('GET', `/programs/${w.programId}/participants/${w.participantId}/progress`);
    expect(progress.body.checkIns).toMatchObject([
      { on: '2026-03-02', pain: 6, enjoyment: 5, activity: 7, score: 6, source: 'text' },
    ]);
    expect(progress.body.checkIn).toMatchObject({ isDue: false, lastOn: '2026-03-02' });
    expect(await delivered()).toEqual([
      'Kindred: thanks, your check-in for this week is saved: pain 6, enjoyment of life 5, general activity 7. Pain score 6. This is your starting point.',
    ]);
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'pain_check_in:create'), eq(auditEvents.programId, w.programId)));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorId: null });

    // A second readable reply that week corrects the same check-in; an unreadable one is not asked about.
    t.clock.set('2026-03-04T14:00:00.000Z');
    await reply('6,5,8');
    expect(await checkIns()).toMatchObject([{ on: '2026-03-02', activity: 8 }]);
    expect(await delivered()).toEqual([expect.stringMatching(/^Kindred: thanks, your check-in for this week is changed: /)]);
    await reply('thanks!');
    expect(await delivered()).toEqual([]);
  });

  it('raises a safety event for risk words, as a check-in note does, and answers with the crisis line', async () => {
    // Next Monday's prompt.
    t.clock.set('2026-03-09T22:30:00.000Z');
    expect(await sweep()).toEqual({ queued: 1 });
    await delivered();
    await reply('7 7 7 I feel like ending it all');
    const [checkIn] = (await checkIns()).filter((c) => c.on === '2026-03-09');
    expect(checkIn).toMatchObject({ pain: 7, source: 'text', note: 'I feel like ending it all' });
    const events = await t.db.db.select().from(safetyEvents).where(eq(safetyEvents.participantId, w.participantId));
    expect(events).toMatchObject([
      { trigger: 'risk_words', sourceKey: `checkin:${checkIn!.id}`, raisedByRole: 'system', state: 'open' },
    ]);
    const texts = await delivered();
    expect(texts).toEqual([
      expect.stringContaining('Pain score 7. About the same as last time (6.3).'),
      expect.stringContaining('call 988 and press 1 (Veterans Crisis Line)'),
    ]);

    // An unreadable reply with risk words: an event with the message for a coordinator to read, no asking again.
    await reply('I want to die');
    const more = await t.db.db.select().from(safetyEvents).where(eq(safetyEvents.participantId, w.participantId));
    expect(more).toHaveLength(2);
    expect(more.find((e) => e.sourceKey.startsWith('sms:'))).toMatchObject({ note: 'I want to die', trigger: 'risk_words' });
    expect(await delivered()).toEqual([expect.stringContaining('988')]);
  });

  it('answers nothing and keeps nothing from a reply with no check-in text open', async () => {
    t.clock.set('2026-03-16T22:45:00.000Z'); // more than a week after the last prompt; this Monday's not swept yet
    const before = (await t.db.db.select().from(auditEvents)).length;
    await reply('5 5 5');
    await reply('hello');
    expect(await delivered()).toEqual([]);
    expect((await checkIns()).filter((c) => c.on === '2026-03-16')).toEqual([]);
    expect((await t.db.db.select().from(auditEvents)).length).toBe(before);
  });

  it('honours STOP first: no more prompts to the number, and START brings them back', async () => {
    expect((await reply('STOP')).statusCode).toBe(200);
    t.clock.set('2026-03-16T23:00:00.000Z');
    expect(await sweep()).toEqual({ queued: 0 });
    const toNumber = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.state, 'queued'));
    expect(toNumber).toEqual([]);
    expect(await t.db.db.select().from(textCheckInPrompts).where(eq(textCheckInPrompts.week, '2026-W12'))).toEqual([]);
    expect(await delivered()).toEqual([]);
    await reply('START');
    expect(await sweep()).toEqual({ queued: 1 });
    expect(await delivered()).toHaveLength(1);
  });

  it('writes to the participant in the language chosen on "How to reach me" (ADR 0041)', async () => {
    expect((await prefs(await participant(), { locale: 'es' })).status).toBe(200);
    t.clock.set('2026-03-23T22:00:00.000Z'); // Monday 18:00 EDT
    expect(await sweep()).toEqual({ queued: 1 });
    const [prompt] = await delivered();
    expect(prompt).toContain('¿Qué número describe mejor su dolor promedio en la última semana?');
    expect(prompt).not.toContain('What number');
    await reply('no sé');
    expect(await delivered()).toEqual([expect.stringContaining('Por ejemplo: 6 5 7')]);
    expect((await prefs(await participant(), { locale: 'en' })).status).toBe(200);
  });

  it('sends nothing to participants who are not in the program any more', async () => {
    await prefs(await coordinator(), { textCheckInDay: 'tue', textCheckInTime: '09:00' }, w.otherParticipantId);
    const change = await (
      await coordinator()
    ).request('POST', `/programs/${w.programId}/participants/${w.otherParticipantId}/status`, {
      status: 'withdrawn',
      on: '2026-03-16',
      reason: 'participant_request',
    });
    expect(change.status).toBe(200);
    t.clock.set('2026-03-17T14:00:00.000Z'); // Tuesday 10:00 EDT
    expect(await sweep()).toEqual({ queued: 0 });
  });
});
