import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CoachStatus } from '../../../core/coaches';
import type { Channel, Gender, PainLocation } from '../../../core/shared/vocab';
import { people } from '../accounts/accounts.table';
import { programs } from '../programs/programs.table';

export const coaches = pgTable(
  'coaches',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    personId: uuid('person_id').references(() => people.id),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    gender: text('gender').$type<Gender>().notNull(),
    painLocations: jsonb('pain_locations').$type<PainLocation[]>().notNull(),
    modalities: jsonb('modalities').$type<Channel[]>().notNull(),
    phone: text('phone'),
    email: text('email'),
    status: text('status').$type<CoachStatus>().notNull(),
    caseload: integer('caseload').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('coaches_program_idx').on(t.programId, t.status), index('coaches_person_idx').on(t.personId)],
);
