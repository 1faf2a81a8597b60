import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Weekday } from '../../../core/shared/time';
import type { CoachStatus } from '../../../core/coaches';
import type { Availability } from '../../../core/volunteers';
import type { Channel, Gender, PainLocation, TimeOfDay } from '../../../core/shared/vocab';
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
    /** How staff and participants should reach the coach (the coach edits these). */
    preferredChannel: text('preferred_channel').$type<Channel>().notNull().default('phone'),
    preferredTimes: jsonb('preferred_times').$type<TimeOfDay[]>().notNull().default([]),
    preferredDays: jsonb('preferred_days').$type<Weekday[]>().notNull().default([]),
    notBefore: text('not_before'),
    notAfter: text('not_after'),
    contactPausedUntil: date('contact_paused_until'),
    contactNotes: text('contact_notes').notNull().default(''),
    /** When the coach passed the last training module (#6). With the agreement signed, the coach can be paired. */
    trainedAt: timestamp('trained_at', { withTimezone: true }),
    /** When the coach signed the scope-and-boundaries agreement (the signature is in coach_agreements). */
    agreementSignedAt: timestamp('agreement_signed_at', { withTimezone: true }),
    /** Days and times of day the coach offered to coach, from the application; null when not recorded. */
    availability: jsonb('availability').$type<Availability>(),
    /** Background the program asked about (core/volunteers: service branches and eras). */
    serviceBranch: text('service_branch'),
    serviceEra: text('service_era'),
    /** Matching preferences (#6, ADR 0016): age band, same town for in-person pairs, a language in common. */
    birthYear: integer('birth_year'),
    town: text('town'),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('coaches_program_idx').on(t.programId, t.status), index('coaches_person_idx').on(t.personId)],
);
