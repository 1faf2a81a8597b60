import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS } from '../../core/outbox';
import { createTestApp, type TestApp, type World } from '../testing/harness';
import { createMailer } from './mail';
import { outboxMessages, smsOptOuts } from './mail.table';
import { claimNext, DeliveryError, optOut, type OutboxTransport } from './outbox';
import { createTexter } from './sms';

/**
 * A provider stand-in. `received` is what the provider accepted. Modes simulate the process dying:
 * `die_before` — the run claimed the message and stopped before calling the provider;
 * `die_after` — the provider accepted it and the run stopped before recording that.
 * A run that "dies" never resumes: its promise stays pending, like a killed process.
 */
function provider() {
  const received: { id: string; to: string; text: string }[] = [];
  let mode: 'ok' | 'die_before' | 'die_after' | 'reject' | 'timeout' = 'ok';
  let called: () => void = () => {};
  const transport: OutboxTransport = {
    async send(m) {
      called();
      if (mode === 'die_before') return new Promise(() => {});
      if (mode === 'reject') throw new DeliveryError('503', 'retry');
      received.push({ id: m.id, to: m.toAddress, text: m.bodyText });
      if (mode === 'die_after') return new Promise(() => {});
      if (mode === 'timeout') throw new DeliveryError('timeout', 'unknown');
      return { providerRef: `SM${received.length}` };
    },
  };
  return {
    received,
    transport,
    setMode: (m: typeof mode) => {
      mode = m;
    },
    /** Resolves when the provider is next called. */
    nextCall: () =>
      new Promise<void>((resolve) => {
        called = resolve;
      }),
  };
}

describe('the outbox: idempotent enqueueing, at-most-once delivery across crashes, retries with back-off', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.db.db.delete(outboxMessages);
    await t.db.db.delete(smsOptOuts);
    t.clock.set('2026-03-02T15:00:00.000Z');
  });

  const at = () => t.clock.now();
  const row = async (id?: string) => {
    const rows = await t.db.db.select().from(outboxMessages);
    return id ? rows.find((r) => r.id === id)! : rows[0]!;
  };
  const advance = (ms: number) => t.clock.set(new Date(t.clock.now().getTime() + ms));
  const text = (key?: string) => ({
    programId: w.programId,
    to: '+1 555 010 0100',
    text: 'Reminder: your session is tomorrow',
    ...(key ? { idempotencyKey: key } : {}),
  });

  it('writes a message once per idempotency key and channel; a second enqueue is a no-op', async () => {
    const p = provider();
    const texter = createTexter({ sms: null, transport: p.transport });
    const mailer = createMailer({ smtpUrl: null, from: 'x@kindred.test', transport: p.transport });
    expect(await texter.enqueue(t.db.db, text('reminder:s1:p1'), at())).toBe(true);
    expect(await texter.enqueue(t.db.db, { ...text('reminder:s1:p1'), text: 'changed' }, at())).toBe(false);
    // Inside a caller's transaction too, and without disturbing that transaction.
    await t.db.db.transaction(async (tx) => {
      expect(await texter.enqueue(tx, text('reminder:s1:p1'), at())).toBe(false);
      expect(await texter.enqueue(tx, text('reminder:s2:p1'), at())).toBe(true);
    });
    const mail = { programId: w.programId, to: 'p@test.org', subject: 'Your session reminder', text: 'Tomorrow' };
    expect(await mailer.enqueue(t.db.db, { ...mail, idempotencyKey: 'reminder:s1:p1' }, at())).toBe(true);
    expect(await mailer.enqueue(t.db.db, { ...mail, idempotencyKey: 'reminder:s1:p1' }, at())).toBe(false);
    // Without a key nothing is deduplicated.
    expect(await mailer.enqueue(t.db.db, mail, at())).toBe(true);
    expect(await mailer.enqueue(t.db.db, mail, at())).toBe(true);
    const rows = await t.db.db.select().from(outboxMessages);
    expect(rows.map((r) => [r.channel, r.idempotencyKey]).sort()).toEqual([
      ['email', null],
      ['email', null],
      ['email', 'reminder:s1:p1'],
      ['sms', 'reminder:s1:p1'],
      ['sms', 'reminder:s2:p1'],
    ]);
    expect(rows.find((r) => r.channel === 'sms' && r.idempotencyKey === 'reminder:s1:p1')!.bodyText).toBe(
      'Reminder: your session is tomorrow',
    );
    await texter.deliverPending(t.db.db, at);
    await mailer.deliverPending(t.db.db, at);
    expect(p.received).toHaveLength(5);
  });

  it('delivers right after a write: a message queued while a run is sending leaves in that same run', async () => {
    const sent: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstCalled!: () => void;
    const sending = new Promise<void>((resolve) => (firstCalled = resolve));
    const transport: OutboxTransport = {
      async send(m) {
        if (sent.length === 0 && m.toAddress === 'a@test.org') {
          firstCalled();
          await gate;
        }
        sent.push(m.toAddress);
        return { providerRef: null };
      },
    };
    const mailer = createMailer({ smtpUrl: null, from: 'x@kindred.test', transport });
    const errors: Error[] = [];
    const onError = (e: Error) => errors.push(e);
    const mail = (to: string) => ({ programId: w.programId, to, subject: 'Your sign-in code', text: '123456' });
    // Nothing queued: no run at all.
    expect(mailer.deliverSoon(t.db.db, at, onError)).toBeNull();
    await mailer.enqueue(t.db.db, mail('a@test.org'), at());
    const run = mailer.deliverSoon(t.db.db, at, onError);
    expect(run).not.toBeNull();
    await sending;
    // Committed while the run is sending: that run (claiming one at a time, then going round once
    // more because it was asked again) sends it before it resolves, and nothing stays marked queued.
    await mailer.enqueue(t.db.db, mail('b@test.org'), at());
    expect(mailer.deliverSoon(t.db.db, at, onError)).not.toBeNull();
    release();
    expect(await run).toEqual({ sent: 2, failed: 0 });
    expect(sent).toEqual(['a@test.org', 'b@test.org']);
    expect(errors).toEqual([]);
    expect(mailer.deliverSoon(t.db.db, at, onError)).toBeNull();
  });

  it('keeps attachments with the e-mail', async () => {
    const p = provider();
    const mailer = createMailer({ smtpUrl: null, from: 'x@kindred.test', transport: p.transport });
    const ics = {
      filename: 'session.ics',
      contentType: 'text/calendar; method=REQUEST',
      content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR',
    };
    await mailer.enqueue(
      t.db.db,
      { programId: null, to: 'p@test.org', subject: 'Your next session', text: 'See the invitation', attachments: [ics] },
      at(),
    );
    expect((await row()).attachments).toEqual([ics]);
  });

  it('sends exactly once when the run dies while claiming (before the claim commits), then retries', async () => {
    const p = provider();
    const texter = createTexter({ sms: null, transport: p.transport });
    await texter.enqueue(t.db.db, text('k'), at());
    // The claim is rolled back with the dying transaction: the message is still queued.
    await expect(
      t.db.db.transaction(async (tx) => {
        expect(await claimNext(tx, 'sms', at())).not.toBeNull();
        throw new Error('process killed');
      }),
    ).rejects.toThrow('process killed');
    expect(await row()).toMatchObject({ state: 'queued', attempts: 0 });
    // The restarted process delivers it, once.
    const restarted = createTexter({ sms: null, transport: p.transport });
    expect(await restarted.deliverPending(t.db.db, at)).toEqual({ sent: 1, failed: 0 });
    expect(await restarted.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 0 });
    expect(p.received).toHaveLength(1);
    expect(await row()).toMatchObject({ state: 'sent', attempts: 1, providerRef: 'SM1', sentAt: at() });
  });

  it('never sends twice when the run dies after the provider accepted the message: it becomes "unknown"', async () => {
    const p = provider();
    const dying = createTexter({ sms: null, transport: p.transport });
    await dying.enqueue(t.db.db, text('k'), at());
    p.setMode('die_after');
    const called = p.nextCall();
    void dying.deliverPending(t.db.db, at);
    await called;
    expect(p.received).toHaveLength(1);
    expect(await row()).toMatchObject({ state: 'sending', attempts: 1 });

    // The restarted process (same provider, now healthy) must not send it again: not while the
    // claim may still be live, and not after it expired.
    p.setMode('ok');
    const restarted = createTexter({ sms: null, transport: p.transport });
    expect(await restarted.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 0 });
    advance(CLAIM_LEASE_MS + 1);
    expect(await restarted.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 0 });
    expect(await row()).toMatchObject({ state: 'unknown', lastError: 'interrupted', claimedAt: null });
    advance(24 * 3_600_000);
    await restarted.deliverPending(t.db.db, at);
    expect(p.received).toHaveLength(1);
  });

  it('sends exactly once when the run dies after claiming but before calling the provider, once a coordinator sends it again', async () => {
    const p = provider();
    const dying = createTexter({ sms: null, transport: p.transport });
    await dying.enqueue(t.db.db, text('k'), at());
    p.setMode('die_before');
    const called = p.nextCall();
    void dying.deliverPending(t.db.db, at);
    await called;
    expect(p.received).toHaveLength(0);

    p.setMode('ok');
    const restarted = createTexter({ sms: null, transport: p.transport });
    advance(CLAIM_LEASE_MS + 1);
    await restarted.deliverPending(t.db.db, at);
    const m = await row();
    expect(m).toMatchObject({ state: 'unknown' });
    expect(p.received).toHaveLength(0);

    // The coordinator sees it and decides to send it again.
    const coordinator = await t.login('coordinator@test.org');
    const listed = await coordinator.request('GET', `/programs/${w.programId}/mail`);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: m.id, channel: 'sms', state: 'unknown', attempts: 1, lastError: 'interrupted', text: '' }),
    ]);
    const resent = await coordinator.request('POST', `/programs/${w.programId}/mail/${m.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ state: 'queued', attempts: 0 });
    await restarted.deliverPending(t.db.db, at);
    await restarted.deliverPending(t.db.db, at);
    expect(p.received.map((r) => r.id)).toEqual([m.id]);
    expect(await row()).toMatchObject({ state: 'sent' });
    // A sent message cannot be sent again.
    expect((await coordinator.request('POST', `/programs/${w.programId}/mail/${m.id}/resend`)).status).toBe(409);
  });

  it('does not retry when the provider may have taken the message (a timeout)', async () => {
    const p = provider();
    const texter = createTexter({ sms: null, transport: p.transport });
    await texter.enqueue(t.db.db, text('k'), at());
    p.setMode('timeout');
    expect(await texter.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 1 });
    p.setMode('ok');
    advance(24 * 3_600_000);
    await texter.deliverPending(t.db.db, at);
    expect(p.received).toHaveLength(1);
    expect(await row()).toMatchObject({ state: 'unknown', lastError: 'timeout' });
  });

  it('retries a rejected message with back-off, and sends it once', async () => {
    const p = provider();
    const texter = createTexter({ sms: null, transport: p.transport });
    await texter.enqueue(t.db.db, text('k'), at());
    p.setMode('reject');
    expect(await texter.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 1 });
    expect(await row()).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: '503',
      nextAttemptAt: new Date('2026-03-02T15:01:00Z'),
    });
    advance(60_000);
    expect(await texter.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 1 });
    expect(await row()).toMatchObject({ attempts: 2, nextAttemptAt: new Date('2026-03-02T15:03:00Z') });
    p.setMode('ok');
    advance(60_000); // 15:02: not yet due
    expect(await texter.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 0 });
    advance(60_000);
    expect(await texter.deliverPending(t.db.db, at)).toEqual({ sent: 1, failed: 0 });
    expect(await row()).toMatchObject({ state: 'sent', attempts: 3, lastError: null });
    expect(p.received).toHaveLength(1);
  });

  it('gives up after the last attempt, as "failed"', async () => {
    const p = provider();
    const texter = createTexter({ sms: null, transport: p.transport });
    await texter.enqueue(t.db.db, text('k'), at());
    p.setMode('reject');
    for (let i = 0; i < 12; i++) {
      await texter.deliverPending(t.db.db, at);
      advance(4 * 3_600_000);
    }
    expect(await row()).toMatchObject({ state: 'failed', attempts: 10, lastError: '503' });
  });

  it('lets two delivery runs (two processes) claim different messages, each sent once', async () => {
    const p = provider();
    const a = createTexter({ sms: null, transport: p.transport });
    const b = createTexter({ sms: null, transport: p.transport });
    for (let i = 0; i < 6; i++) await a.enqueue(t.db.db, text(`k${i}`), new Date(at().getTime() + i));
    const [ra, rb] = await Promise.all([a.deliverPending(t.db.db, at), b.deliverPending(t.db.db, at)]);
    expect(ra.sent + rb.sent).toBe(6);
    expect(new Set(p.received.map((r) => r.id)).size).toBe(6);
    expect(p.received).toHaveLength(6);
    expect((await t.db.db.select().from(outboxMessages)).every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('suppresses texts to numbers that opted out, at enqueue and at delivery', async () => {
    const p = provider();
    const texter = createTexter({ sms: null, transport: p.transport });
    await optOut(t.db.db, '+15550100100', 'STOP', at());
    await texter.enqueue(t.db.db, text('before'), at());
    expect(await row()).toMatchObject({ state: 'suppressed' });
    await t.db.db.delete(smsOptOuts);
    await texter.enqueue(t.db.db, text('after'), at());
    await optOut(t.db.db, '15550100100', 'STOP', at());
    await texter.deliverPending(t.db.db, at);
    expect((await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, 'after')))[0]).toMatchObject({
      state: 'suppressed',
    });
    expect(p.received).toHaveLength(0);
  });

  it('keeps texts as "captured" with the log-only provider and marks bad numbers failed without sending', async () => {
    const captured: string[] = [];
    const texter = createTexter({ sms: null, onCaptured: (id) => captured.push(id) });
    expect(texter.isCapturing).toBe(true);
    await texter.enqueue(t.db.db, text('k'), at());
    await texter.enqueue(t.db.db, { ...text('bad'), to: 'call me' }, at());
    const rows = await t.db.db.select().from(outboxMessages);
    expect(rows.map((r) => [r.idempotencyKey, r.state, r.lastError]).sort()).toEqual([
      ['bad', 'failed', 'invalid_number'],
      ['k', 'captured', null],
    ]);
    expect(captured).toEqual([rows.find((r) => r.idempotencyKey === 'k')!.id]);
    expect(await texter.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 0 });
  });
});
