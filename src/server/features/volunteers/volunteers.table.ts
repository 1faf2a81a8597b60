import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Weekday } from '../../../core/shared/time';
import type { Channel, Gender, PainLocation, TimeOfDay } from '../../../core/shared/vocab';
import type { PipelineState, QuizAnswers, RetireReason, ScreeningChecklist } from '../../../core/volunteers';
import { people } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { programs } from '../programs/programs.table';

/** What a program asks on its public application form; a program without a row uses the defaults. */
export const volunteerSettings = pgTable('volunteer_settings', {
  programId: uuid('program_id')
    .primaryKey()
    .references(() => programs.id),
  asksServiceBranch: boolean('asks_service_branch').notNull().default(true),
  asksServiceEra: boolean('asks_service_era').notNull().default(true),
  requiresBackgroundCheck: boolean('requires_background_check').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by').references(() => people.id),
});

/** One volunteer's application and where it stands on the journey. Personal data: audited. */
export const volunteerApplications = pgTable(
  'volunteer_applications',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    gender: text('gender').$type<Gender>().notNull(),
    painLocations: jsonb('pain_locations').$type<PainLocation[]>().notNull(),
    aboutMe: text('about_me').notNull(),
    ownPain: text('own_pain').notNull(),
    availableDays: jsonb('available_days').$type<Weekday[]>().notNull(),
    availableTimes: jsonb('available_times').$type<TimeOfDay[]>().notNull(),
    modalities: jsonb('modalities').$type<Channel[]>().notNull(),
    serviceBranch: text('service_branch'),
    serviceEra: text('service_era'),
    /** Optional answers for matching (ADR 0016), copied to the coach record when training starts. */
    birthYear: integer('birth_year'),
    town: text('town'),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    /** Null when the program did not require a background check when the volunteer applied. */
    backgroundCheckConsent: boolean('background_check_consent'),
    state: text('state').$type<PipelineState>().notNull(),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull(),
    screening: jsonb('screening').$type<ScreeningChecklist>(),
    screeningNote: text('screening_note').notNull().default(''),
    pausedUntil: date('paused_until'),
    retiredReason: text('retired_reason').$type<RetireReason>(),
    /** The coach record, created when training starts. */
    coachId: uuid('coach_id').references(() => coaches.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('volunteer_applications_program_idx').on(t.programId, t.state),
    index('volunteer_applications_coach_idx').on(t.coachId),
  ],
);

/** Every step of every journey: who moved the applicant, when, from where to where, and why. */
export const volunteerSteps = pgTable(
  'volunteer_steps',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => volunteerApplications.id),
    /** Null for the application itself. */
    fromState: text('from_state').$type<PipelineState>(),
    toState: text('to_state').$type<PipelineState>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** Who made the move; null for the public application (no account). */
    actorId: uuid('actor_id').references(() => people.id),
    note: text('note').notNull().default(''),
  },
  (t) => [index('volunteer_steps_application_idx').on(t.applicationId, t.at)],
);

/** Every quiz attempt a coach makes, scored on the server against the module's version. */
export const trainingAttempts = pgTable(
  'training_attempts',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => coaches.id),
    moduleKey: text('module_key').notNull(),
    moduleVersion: integer('module_version').notNull(),
    answers: jsonb('answers').$type<QuizAnswers>().notNull(),
    correct: integer('correct').notNull(),
    total: integer('total').notNull(),
    isPassed: boolean('is_passed').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('training_attempts_coach_idx').on(t.coachId, t.moduleKey)],
);

/** The coach's signature of the scope-and-boundaries agreement: the name typed, the version read, when. */
export const coachAgreements = pgTable(
  'coach_agreements',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => coaches.id),
    version: integer('version').notNull(),
    signedName: text('signed_name').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('coach_agreements_coach_idx').on(t.coachId, t.signedAt)],
);
