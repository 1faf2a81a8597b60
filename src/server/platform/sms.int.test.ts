import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from './audit.table';
import { outboxMessages, smsOptOuts } from './mail.table';
import { twilioSignature, twilioTransport } from './sms';
import { createTestApp, type TestApp, type World } from '../testing/harness';
import { fakeTwilio } from '../testing/fake-twilio';
import { DeliveryError } from './outbox';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'test-auth-token';
const FROM = '+15550009999';

describe('the Twilio SMS adapter against a local HTTP server', () => {
  let twilio: Awaited<ReturnType<typeof fakeTwilio>>;
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    twilio = await fakeTwilio();
    t = await createTestApp({
      sms: { provider: 'twilio', baseUrl: twilio.baseUrl, accountSid: SID, authToken: TOKEN, from: FROM, countryCode: '1' },
    });
    w = await t.seedWorld();
  });
  afterAll(async () => {
    await t.close();
    await twilio.close();
  });
  beforeEach(async () => {
    await t.db.db.delete(outboxMessages);
    await t.db.db.delete(smsOptOuts);
    twilio.received.length = 0;
    twilio.answers.length = 0;
    t.clock.set('2026-03-02T15:00:00.000Z');
  });

  const at = () => t.clock.now();
  const enqueue = (to = '+1 (317) 555-0200', key = 'reminder:1') =>
    t.deps.texter.enqueue(
      t.db.db,
      { programId: w.programId, to, text: 'Your session is tomorrow at 10:00', idempotencyKey: key },
      at(),
    );
  const message = async () => (await t.db.db.select().from(outboxMessages))[0]!;

  it('posts the message to the Messages API with basic auth and a form body, and records it as sent', async () => {
    expect(t.deps.texter.isCapturing).toBe(false);
    await enqueue();
    expect(await message()).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await t.deps.texter.deliverPending(t.db.db, at)).toEqual({ sent: 1, failed: 0 });
    expect(twilio.received).toEqual([
      {
        method: 'POST',
        url: `/2010-04-01/Accounts/${SID}/Messages.json`,
        authorization: `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`,
        contentType: 'application/x-www-form-urlencoded',
        form: { To: '+13175550200', From: FROM, Body: 'Your session is tomorrow at 10:00' },
      },
    ]);
    expect(await message()).toMatchObject({
      state: 'sent',
      attempts: 1,
      providerRef: `SM${'1'.padStart(32, '0')}`,
      sentAt: at(),
    });
    // Delivered once: later runs send nothing.
    expect(await t.deps.texter.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 0 });
    expect(twilio.received).toHaveLength(1);
  });

  it('retries with back-off after a server error, and sends once', async () => {
    twilio.answers.push({ status: 503, body: { code: 20503, message: 'Service unavailable', status: 503 } });
    twilio.answers.push({ status: 429, body: { code: 20429, message: 'Too many requests', status: 429 } });
    await enqueue();
    expect(await t.deps.texter.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 1 });
    expect(await message()).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: '503/20503',
      nextAttemptAt: new Date('2026-03-02T15:01:00.000Z'),
    });
    // Not before it is due.
    expect(await t.deps.texter.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 0 });
    expect(twilio.received).toHaveLength(1);
    t.clock.set('2026-03-02T15:01:00.000Z');
    await t.deps.texter.deliverPending(t.db.db, at);
    expect(await message()).toMatchObject({
      state: 'queued',
      attempts: 2,
      lastError: '429/20429',
      nextAttemptAt: new Date('2026-03-02T15:03:00.000Z'),
    });
    t.clock.set('2026-03-02T15:03:00.000Z');
    expect(await t.deps.texter.deliverPending(t.db.db, at)).toEqual({ sent: 1, failed: 0 });
    expect(await message()).toMatchObject({ state: 'sent', attempts: 3, lastError: null });
    expect(twilio.received).toHaveLength(3);
    // The coordinator sees the attempts; the error code, not the provider's message.
    const coordinator = await t.login('coordinator@test.org');
    const listed = await coordinator.request('GET', `/programs/${w.programId}/mail`);
    expect(listed.body[0]).toMatchObject({ channel: 'sms', state: 'sent', attempts: 3, subject: '', text: '' });
  });

  it('gives up at once on a number Twilio cannot text, and suppresses numbers Twilio says opted out', async () => {
    twilio.answers.push({
      status: 400,
      body: { code: 21211, message: "The 'To' number +13175550200 is not valid", status: 400 },
    });
    await enqueue();
    await t.deps.texter.deliverPending(t.db.db, at);
    expect(await message()).toMatchObject({ state: 'failed', lastError: '400/21211' });
    expect(JSON.stringify(await message())).not.toContain('is not valid');

    await t.db.db.delete(outboxMessages);
    twilio.answers.push({
      status: 400,
      body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 },
    });
    await enqueue();
    await t.deps.texter.deliverPending(t.db.db, at);
    expect(await message()).toMatchObject({ state: 'suppressed', lastError: '400/21610' });
    expect(await t.db.db.select({ key: smsOptOuts.phoneKey }).from(smsOptOuts)).toEqual([{ key: '13175550200' }]);
    // Later texts to that number are suppressed without asking Twilio.
    await enqueue('317 555 0200', 'reminder:2');
    await t.deps.texter.deliverPending(t.db.db, at);
    expect(twilio.received).toHaveLength(2);
  });

  it('retries when Twilio cannot be reached, and marks a request that timed out as "unknown", never resent', async () => {
    const closed = await fakeTwilio();
    await closed.close();
    const unreachable = twilioTransport({
      provider: 'twilio',
      baseUrl: closed.baseUrl,
      accountSid: SID,
      authToken: TOKEN,
      from: FROM,
      countryCode: '1',
    });
    await enqueue();
    const m = await message();
    await expect(unreachable.send(m)).rejects.toMatchObject({ outcome: 'retry', code: 'ECONNREFUSED' });

    twilio.answers.push({ status: 0, body: null });
    const impatient = twilioTransport(
      { provider: 'twilio', baseUrl: twilio.baseUrl, accountSid: SID, authToken: TOKEN, from: FROM, countryCode: '1' },
      { timeoutMs: 300 },
    );
    const err = await impatient.send(m).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ outcome: 'unknown', code: 'timeout' });
    expect(twilio.received).toHaveLength(1);
  });
});

describe('inbound STOP and START from Twilio', () => {
  let t: TestApp;
  let w: World;
  const inboundUrl = 'http://kindred.test/api/v1/sms/inbound';
  beforeAll(async () => {
    t = await createTestApp({
      sms: { provider: 'twilio', baseUrl: 'http://127.0.0.1:9', accountSid: SID, authToken: TOKEN, from: FROM, countryCode: '1' },
    });
    w = await t.seedWorld();
  });
  afterAll(() => t.close());

  const post = (params: Record<string, string>, signature: string | null = twilioSignature(TOKEN, inboundUrl, params)) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/sms/inbound',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(signature !== null ? { 'x-twilio-signature': signature } : {}),
      },
      payload: new URLSearchParams(params).toString(),
    });
  const inbound = (Body: string, From = '+13175550200') => ({
    MessageSid: 'SM0123456789abcdef0123456789abcdef',
    AccountSid: SID,
    From,
    To: FROM,
    Body,
    NumMedia: '0',
  });
  const optOuts = () => t.db.db.select().from(smsOptOuts);

  it('rejects requests without a valid signature (403), changing nothing', async () => {
    for (const signature of [null, 'forged=', twilioSignature('another-token', inboundUrl, inbound('STOP'))]) {
      const res = await post(inbound('STOP'), signature);
      expect(res.statusCode).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'forbidden' });
    }
    // Signed, but the parameters were changed on the way.
    const res = await post({ ...inbound('HELLO'), Body: 'STOP' }, twilioSignature(TOKEN, inboundUrl, inbound('HELLO')));
    expect(res.statusCode).toBe(403);
    expect(await optOuts()).toEqual([]);
  });

  it('opts the number out on STOP and back in on START, audited against the participant with that number', async () => {
    const res = await post(inbound('Stop'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.body).toContain('<Response></Response>');
    expect(await optOuts()).toMatchObject([{ phoneKey: '13175550200', keyword: 'STOP' }]);
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'sms_opt_out:update'), eq(auditEvents.entityId, w.participantId)));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorId: null, programId: w.programId });

    // Coordinators see it on the participant; texts to the number are suppressed.
    const coordinator = await t.login('coordinator@test.org');
    const texting = await coordinator.request('GET', `/programs/${w.programId}/participants/${w.participantId}/texting`);
    expect(texting.body).toEqual({ optedOut: true, optedOutAt: t.clock.now().toISOString() });
    expect(
      (await coordinator.request('GET', `/programs/${w.programId}/participants/${w.otherParticipantId}/texting`)).body,
    ).toMatchObject({ optedOut: false });
    await t.deps.texter.enqueue(t.db.db, { programId: w.programId, to: '317 555 0200', text: 'Reminder' }, t.clock.now());
    expect((await t.db.db.select().from(outboxMessages))[0]).toMatchObject({ state: 'suppressed' });
    // Only staff read it.
    const coach = await t.login('coach@test.org');
    expect((await coach.request('GET', `/programs/${w.programId}/participants/${w.participantId}/texting`)).status).toBe(403);

    // Repeating STOP is harmless; START opts back in.
    expect((await post(inbound('UNSUBSCRIBE'))).statusCode).toBe(200);
    expect(await optOuts()).toHaveLength(1);
    expect((await post(inbound('start'))).statusCode).toBe(200);
    expect(await optOuts()).toEqual([]);
    expect(
      (await coordinator.request('GET', `/programs/${w.programId}/participants/${w.participantId}/texting`)).body,
    ).toMatchObject({
      optedOut: false,
    });
  });

  it('keeps nothing from other messages', async () => {
    const before = (await t.db.db.select().from(auditEvents)).length;
    expect((await post(inbound('Can we move to Thursday? Stop by after 3'))).statusCode).toBe(200);
    expect(await optOuts()).toEqual([]);
    expect((await t.db.db.select().from(auditEvents)).length).toBe(before);
  });

  it('is rate-limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) statuses.push((await post(inbound('hello'), 'forged=')).statusCode);
    expect(statuses.filter((c) => c === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((c) => c !== 403 && c !== 429)).toEqual([]);
  });

  it('is not there when texts are only logged (no provider to sign requests)', async () => {
    const logOnly = await createTestApp();
    try {
      const params = inbound('STOP');
      const res = await logOnly.app.inject({
        method: 'POST',
        url: '/api/v1/sms/inbound',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(TOKEN, inboundUrl, params),
        },
        payload: new URLSearchParams(params).toString(),
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await logOnly.close();
    }
  });
});
