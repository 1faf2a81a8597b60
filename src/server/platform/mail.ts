import { asc, eq, inArray } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, Tx } from './database';
import { newId } from './ids';
import { mailMessages } from './mail.table';

export interface OutgoingMail {
  programId: string | null;
  to: string;
  /** Subjects carry nothing personal: they show on lock screens. */
  subject: string;
  text: string;
}

/**
 * Outgoing e-mail through a durable outbox: `enqueue` writes the message in the caller's
 * transaction, `deliverPending` sends queued messages over SMTP. Without SMTP (the demo) messages
 * are kept as `captured` and shown to coordinators instead of being sent anywhere.
 */
export interface Mailer {
  readonly isCapturing: boolean;
  enqueue(tx: Db | Tx, mail: OutgoingMail, at: Date): Promise<void>;
  deliverPending(db: Db, at: () => Date): Promise<{ sent: number; failed: number }>;
  close(): void;
}

const MAX_ATTEMPTS = 5;

export function createMailer(opts: { smtpUrl: string | null; from: string }): Mailer {
  const transport: Transporter | null = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  let delivering: Promise<{ sent: number; failed: number }> | null = null;

  async function deliver(db: Db, at: () => Date): Promise<{ sent: number; failed: number }> {
    if (!transport) return { sent: 0, failed: 0 };
    const queued = await db
      .select()
      .from(mailMessages)
      .where(inArray(mailMessages.state, ['queued']))
      .orderBy(asc(mailMessages.createdAt))
      .limit(50);
    let sent = 0;
    let failed = 0;
    for (const m of queued) {
      try {
        await transport.sendMail({
          from: opts.from,
          to: m.toAddress,
          subject: m.subject,
          text: m.bodyText,
          messageId: `<${m.id}@kindred>`,
        });
        await db
          .update(mailMessages)
          .set({ state: 'sent', sentAt: at(), attempts: m.attempts + 1 })
          .where(eq(mailMessages.id, m.id));
        sent++;
      } catch (err) {
        const attempts = m.attempts + 1;
        // Only the SMTP error's code is kept: its text may echo the address.
        const code = (err as { code?: string; responseCode?: number }).responseCode ?? (err as { code?: string }).code ?? 'error';
        await db
          .update(mailMessages)
          .set({ state: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued', attempts, lastError: String(code) })
          .where(eq(mailMessages.id, m.id));
        failed++;
      }
    }
    return { sent, failed };
  }

  return {
    isCapturing: transport === null,
    async enqueue(tx, mail, at) {
      await tx.insert(mailMessages).values({
        id: newId(),
        programId: mail.programId,
        toAddress: mail.to,
        subject: mail.subject,
        bodyText: mail.text,
        state: transport ? 'queued' : 'captured',
        createdAt: at,
      });
    },
    deliverPending(db, at) {
      // One delivery run at a time, so a message is never sent twice by overlapping runs.
      delivering ??= deliver(db, at).finally(() => {
        delivering = null;
      });
      return delivering;
    },
    close() {
      transport?.close();
    },
  };
}
