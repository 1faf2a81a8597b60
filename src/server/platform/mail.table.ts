import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { programs } from '../features/programs/programs.table';

/** Every outgoing e-mail, written in the same transaction as the change that caused it. */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id').references(() => programs.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    /** `queued` → `sent` or `failed`; `captured` when the deployment has no SMTP server (demo). */
    state: text('state', { enum: ['queued', 'sent', 'failed', 'captured'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_state_idx').on(t.state, t.createdAt)],
);
