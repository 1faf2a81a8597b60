import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { outboxChannels, outboxStates } from '../../core/outbox';
import { programs } from '../features/programs/programs.table';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * The outbox: every outgoing e-mail and text message, written in the same transaction as the change
 * that caused it (ADR 0012). The table keeps its first name, `mail_messages`, although it now holds
 * text messages too.
 */
export const outboxMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id').references(() => programs.id),
    channel: text('channel', { enum: outboxChannels }).notNull().default('email'),
    /** An e-mail address or, for text messages, a phone number. */
    toAddress: text('to_address').notNull(),
    /** Empty for text messages. Subjects carry nothing personal: they show on lock screens. */
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    attachments: jsonb('attachments').$type<MailAttachment[]>(),
    /** The caller's key: a second message with the same key on the same channel is not written. */
    idempotencyKey: text('idempotency_key'),
    state: text('state', { enum: outboxStates }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When a queued message may be tried (again); null means now. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** When the delivery run that holds it (state `sending`) claimed it. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** The last error's code only (an SMTP reply code, an HTTP status): error texts may echo the address. */
    lastError: text('last_error'),
    /** The provider's id for the message (Twilio's message SID), when it gave one. */
    providerRef: text('provider_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_state_idx').on(t.state, t.createdAt),
    index('mail_due_idx').on(t.channel, t.state, t.nextAttemptAt),
    index('mail_program_idx').on(t.programId, t.createdAt),
    // Rows without a key never conflict: PostgreSQL treats nulls as distinct.
    uniqueIndex('mail_idempotency_idx').on(t.channel, t.idempotencyKey),
  ],
);

/** The outbox under its first name, for code written before it held text messages. */
export const mailMessages = outboxMessages;

/** Phone numbers that asked, by texting STOP, not to be sent text messages. START removes the row. */
export const smsOptOuts = pgTable('sms_opt_outs', {
  /** Digits only (`phoneKey` in src/core/outbox). */
  phoneKey: text('phone_key').primaryKey(),
  keyword: text('keyword').notNull(),
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull(),
});
