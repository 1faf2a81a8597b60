import { date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { DEFAULT_LADDER, type LadderSettings } from '../../../core/engagement/ladder';
import { DEFAULT_TIME_ZONE } from '../../../core/shared/time';

export const programs = pgTable('programs', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  site: text('site').notNull(),
  startOn: date('start_on').notNull(),
  lengthDays: integer('length_days').notNull().default(182),
  cadenceDays: integer('cadence_days').notNull().default(14),
  targetContacts: integer('target_contacts').notNull().default(12),
  /** IANA zone in which attempts' local days and hours and pause dates are read. */
  timeZone: text('time_zone').notNull().default(DEFAULT_TIME_ZONE),
  /** The escalation ladder's settings (days), see core/engagement/ladder.ts. */
  ladder: jsonb('ladder').$type<LadderSettings>().notNull().default(DEFAULT_LADDER),
  topics: jsonb('topics').$type<{ key: string; title: string }[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
