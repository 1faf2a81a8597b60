import { date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const programs = pgTable('programs', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  site: text('site').notNull(),
  startOn: date('start_on').notNull(),
  lengthDays: integer('length_days').notNull().default(182),
  cadenceDays: integer('cadence_days').notNull().default(14),
  targetContacts: integer('target_contacts').notNull().default(12),
  topics: jsonb('topics').$type<{ key: string; title: string }[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
