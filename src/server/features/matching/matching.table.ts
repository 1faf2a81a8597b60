import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { MatchingSettings } from '../../../core/matching';
import { people } from '../accounts/accounts.table';
import { programs } from '../programs/programs.table';

/** A program's own matching settings (hard rules and weights); no row means the defaults (ADR 0016). */
export const matchingSettings = pgTable('matching_settings', {
  programId: uuid('program_id')
    .primaryKey()
    .references(() => programs.id),
  settings: jsonb('settings').$type<MatchingSettings>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by').references(() => people.id),
});
