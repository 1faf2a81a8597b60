import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ParticipantStatus, WithdrawalReason } from '../../../core/participants';
import type { Locale } from '../../../core/shared/locale';
import type { Weekday } from '../../../core/shared/time';
import type { Channel, Gender, PainLocation, TimeOfDay } from '../../../core/shared/vocab';
import { people } from '../accounts/accounts.table';
import { programs } from '../programs/programs.table';

export const participants = pgTable(
  'participants',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    personId: uuid('person_id').references(() => people.id),
    /** Pseudonymous code shown to evaluators instead of the name. */
    code: text('code').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    gender: text('gender').$type<Gender>().notNull(),
    birthYear: integer('birth_year'),
    painLocations: jsonb('pain_locations').$type<PainLocation[]>().notNull(),
    preferredModality: text('preferred_modality').$type<Channel>().notNull(),
    preferredChannel: text('preferred_channel').$type<Channel>().notNull(),
    preferredTimes: jsonb('preferred_times').$type<TimeOfDay[]>().notNull(),
    contactNotes: text('contact_notes').notNull().default(''),
    preferredDays: jsonb('preferred_days').$type<Weekday[]>().notNull().default([]),
    /** Local clock times HH:MM. */
    notBefore: text('not_before'),
    notAfter: text('not_after'),
    /** No contact before this local date (the participant's pause). */
    contactPausedUntil: date('contact_paused_until'),
    genderMatters: boolean('gender_matters').notNull().default(true),
    phone: text('phone'),
    email: text('email'),
    canShareContact: boolean('can_share_contact').notNull().default(false),
    status: text('status').$type<ParticipantStatus>().notNull(),
    referredOn: date('referred_on').notNull(),
    enrolledOn: date('enrolled_on'),
    endedOn: date('ended_on'),
    withdrawalReason: text('withdrawal_reason').$type<WithdrawalReason>(),
    /** Matching preferences (#6, ADR 0016): shared background, same town for in-person pairs, a language in common. */
    serviceBranch: text('service_branch'),
    serviceEra: text('service_era'),
    town: text('town'),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    /** The weekly check-in by text message (#16, ADR 0040): the weekday and local HH:MM it is sent; both null = off. */
    textCheckInDay: text('text_check_in_day').$type<Weekday>(),
    textCheckInTime: text('text_check_in_time'),
    /** The language Kindred shows and sends this participant (issue #16, ADR 0041). */
    locale: text('locale').$type<Locale>().notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('participants_program_idx').on(t.programId, t.status), index('participants_person_idx').on(t.personId)],
);
