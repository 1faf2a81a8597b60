import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, Tx } from './database';
import { newId } from './ids';
import { outboxMessages, type MailAttachment } from './mail.table';
import { deliveryRuns, DeliveryError, type DeliveryRun, type OutboxTransport } from './outbox';

export interface OutgoingMail {
  programId: string | null;
  to: string;
  /** Subjects carry nothing personal: they show on lock screens. */
  subject: string;
  text: string;
  /** Files sent with the message (e.g. a calendar invitation, `text/calendar`). */
  attachments?: MailAttachment[];
  /**
   * Makes enqueueing idempotent: a second message with the same key is not written. Anything a timer
   * or sweep sends should carry one (e.g. `reminder:<session id>:<person id>`).
   */
  idempotencyKey?: string;
}

/**
 * Outgoing e-mail through the durable outbox (ADR 0012): `enqueue` writes the message in the caller's
 * transaction, `deliverPending` sends due messages over SMTP, each at most once. Without SMTP (the
 * demo) messages are kept as `captured` and shown to coordinators instead of being sent anywhere.
 */
export interface Mailer {
  readonly isCapturing: boolean;
  /** The configured From address (`KINDRED_MAIL_FROM`), e.g. `Kindred <no-reply@example.org>`. */
  readonly from: string;
  /** Resolves to false when a message with the same idempotency key already exists. */
  enqueue(tx: Db | Tx, mail: OutgoingMail, at: Date): Promise<boolean>;
  deliverPending(db: Db, at: () => Date): Promise<DeliveryRun>;
  /** Delivers now, in the background, if anything was queued since the last run began (after a write request). */
  deliverSoon(db: Db, at: () => Date, onError: (err: Error) => void): Promise<DeliveryRun | void> | null;
  /** A stopping server's last call: claims nothing more and waits for the message in hand (ADR 0043). */
  drain(): Promise<void>;
  close(): void;
}

/** SMTP failures that prove the server did not take the message; anything else may have delivered it. */
export function classifySmtpError(err: unknown): DeliveryError {
  const e = err as { code?: unknown; responseCode?: unknown; syscall?: unknown };
  if (typeof e.responseCode === 'number') {
    // 4xx: try again later; 5xx: the server refuses for good (but a 5xx on connect/auth may be a
    // misconfiguration that gets fixed, so those are retried too).
    const permanent = e.responseCode >= 500 && e.code === 'EENVELOPE';
    return new DeliveryError(String(e.responseCode), permanent ? 'permanent' : 'retry');
  }
  const code = typeof e.code === 'string' ? e.code : 'error';
  if (['EDNS', 'EAUTH', 'ENOAUTH', 'EENVELOPE', 'ETLS'].includes(code) || e.syscall === 'connect' || e.syscall === 'getaddrinfo')
    return new DeliveryError(code, 'retry');
  return new DeliveryError(code, 'unknown');
}

/**
 * SMTP through nodemailer as an outbox transport. Every attempt at one message carries the same
 * Message-ID (`<outbox id@kindred>`): SMTP has no other idempotency key, and receivers that
 * de-duplicate use it (ADR 0043).
 */
export function smtpTransport(opts: { smtpUrl: string; from: string }): OutboxTransport & { close(): void } {
  // Every wait is bounded well inside the claim lease, so a live run never looks like a dead one.
  const smtp: Transporter = nodemailer.createTransport({
    url: opts.smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(m) {
      try {
        const info = (await smtp.sendMail({
          from: opts.from,
          to: m.toAddress,
          subject: m.subject,
          text: m.bodyText,
          messageId: `<${m.id}@kindred>`,
          attachments: (m.attachments ?? []).map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        })) as { messageId?: string };
        return { providerRef: info.messageId ?? null };
      } catch (err) {
        throw classifySmtpError(err);
      }
    },
    close() {
      smtp.close();
    },
  };
}

export function createMailer(opts: { smtpUrl: string | null; from: string; transport?: OutboxTransport }): Mailer {
  const smtp = opts.smtpUrl && !opts.transport ? smtpTransport({ smtpUrl: opts.smtpUrl, from: opts.from }) : null;
  const transport: OutboxTransport | null = opts.transport ?? smtp;
  const runs = deliveryRuns('email', transport);

  return {
    isCapturing: transport === null,
    from: opts.from,
    async enqueue(tx, mail, at) {
      const rows = await tx
        .insert(outboxMessages)
        .values({
          id: newId(),
          channel: 'email',
          programId: mail.programId,
          toAddress: mail.to,
          subject: mail.subject,
          bodyText: mail.text,
          attachments: mail.attachments?.length ? mail.attachments : null,
          idempotencyKey: mail.idempotencyKey ?? null,
          state: transport ? 'queued' : 'captured',
          createdAt: at,
        })
        .onConflictDoNothing()
        .returning({ id: outboxMessages.id });
      if (rows.length > 0) runs.queued();
      return rows.length > 0;
    },
    // One delivery run at a time in this process; claims keep other processes off the same rows.
    deliverPending: runs.deliverPending,
    deliverSoon: runs.deliverSoon,
    drain: runs.drain,
    close() {
      smtp?.close();
    },
  };
}
