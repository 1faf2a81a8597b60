import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness';
import { createMailer } from './mail';
import { outboxMessages } from './mail.table';

/** E-mail through the outbox to a local SMTP server: attachments, refusals retried with back-off, sent once. */
describe('the mailer against a local SMTP server', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  let port = 0;
  const received: string[] = [];
  let refuseNext: number[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const code = refuseNext.shift();
          if (code) return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: code }));
          received.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
    t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });
  beforeEach(async () => {
    await t.db.db.delete(outboxMessages);
    received.length = 0;
    refuseNext = [];
    t.clock.set('2026-03-02T15:00:00.000Z');
  });

  const at = () => t.clock.now();
  const mail = {
    programId: null,
    to: 'sam@test.org',
    subject: 'Your next session',
    text: 'The invitation is attached.',
    attachments: [
      { filename: 'session.ics', contentType: 'text/calendar; method=REQUEST', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
    ],
    idempotencyKey: 'invite:1',
  };
  const row = async () => (await t.db.db.select().from(outboxMessages))[0]!;

  it('sends the attachment with the message, once', async () => {
    await t.deps.mailer.enqueue(t.db.db, mail, at());
    await t.deps.mailer.enqueue(t.db.db, mail, at());
    expect(await t.deps.mailer.deliverPending(t.db.db, at)).toEqual({ sent: 1, failed: 0 });
    expect(await t.deps.mailer.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/Content-Type: text\/calendar; method=REQUEST/i);
    expect(received[0]).toMatch(/filename=session\.ics/);
    expect(received[0]).toContain('The invitation is attached.');
    expect(await row()).toMatchObject({ state: 'sent', attempts: 1, lastError: null });
  });

  it('retries a message the server refused (451) after the back-off, and delivers it once', async () => {
    refuseNext = [451];
    await t.deps.mailer.enqueue(t.db.db, mail, at());
    expect(await t.deps.mailer.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 1 });
    expect(await row()).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: '451',
      nextAttemptAt: new Date('2026-03-02T15:01:00Z'),
    });
    expect(JSON.stringify(await row())).not.toContain('Mailbox busy');
    expect(await t.deps.mailer.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 0 });
    t.clock.set('2026-03-02T15:01:00.000Z');
    expect(await t.deps.mailer.deliverPending(t.db.db, at)).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(await row()).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('retries when the SMTP server cannot be reached (nothing can have been delivered)', async () => {
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = createMailer({ smtpUrl: `smtp://127.0.0.1:${closedPort}`, from: 'Kindred <no-reply@kindred.test>' });
    try {
      await unreachable.enqueue(t.db.db, mail, at());
      expect(await unreachable.deliverPending(t.db.db, at)).toEqual({ sent: 0, failed: 1 });
      expect(await row()).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: new Date('2026-03-02T15:01:00Z') });
    } finally {
      unreachable.close();
    }
  });
});
