import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { programs } from '../programs/programs.table';

/** A person who can sign in. Roles are granted per program in `role_grants`. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    isAdmin: boolean('is_admin').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('people_email_key').on(t.email)],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    role: text('role', {
      enum: ['admin', 'coordinator', 'coach', 'participant', 'evaluator', 'assessor'],
    }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('role_grants_key').on(t.personId, t.programId, t.role)],
);

/** Server-side sessions; the cookie carries a random token and only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    /** The id shown on "Where you are signed in", so a session can be ended without its token. */
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** `full`; or a session half-way through signing in: `totp` (code next) or `enrol` (two-factor set-up first). */
    stage: text('stage', { enum: ['full', 'totp', 'enrol'] })
      .notNull()
      .default('full'),
    /** "Firefox on Windows" (browserSummary), never the raw User-Agent. */
    browser: text('browser'),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_person_idx').on(t.personId), uniqueIndex('sessions_id_key').on(t.id)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    email: text('email').notNull(),
    role: text('role', { enum: ['coordinator', 'coach', 'participant', 'evaluator', 'assessor'] }).notNull(),
    displayName: text('display_name').notNull(),
    /** The coach or participant record the new account is linked to, when there is one. */
    subjectId: uuid('subject_id'),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invitations_token_key').on(t.tokenHash),
    index('invitations_program_idx')
      .on(t.programId)
      .where(sql`accepted_at is null`),
  ],
);

/**
 * Sign-in failures per key (ADR 0021), kept in the database so that every server agrees:
 * `address:<ip>`, `account:<sha-256 of the e-mail>` (failures from devices the account does not
 * know; unknown e-mails are counted alike, so the answer says nothing about which accounts exist),
 * `device:<device token hash>` (a device that signed in before), `totp:<person id>`.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  firstFailureAt: timestamp('first_failure_at', { withTimezone: true }).notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});

/**
 * Devices a person has signed in from: the long-lived `kindred_device` cookie holds a random token,
 * only its SHA-256 is stored. One browser may be known for several people.
 */
export const knownDevices = pgTable(
  'known_devices',
  {
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenHash, t.personId] }), index('known_devices_person_idx').on(t.personId)],
);

/** "Forgot your password?" links: one-time, expiring, token stored as its SHA-256. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('password_resets_token_key').on(t.tokenHash),
    index('password_resets_person_idx').on(t.personId, t.createdAt),
  ],
);

/**
 * A person's authenticator (TOTP, RFC 6238). The shared secret is never sent again after enrolment;
 * `confirmedAt` is set once a first code proved the app has it; `lastUsedStep` refuses replays.
 */
export const totpFactors = pgTable('totp_factors', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastUsedStep: integer('last_used_step'),
});

/** One-time recovery codes, stored as SHA-256 hashes, shown once. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('recovery_codes_key').on(t.personId, t.codeHash)],
);

/** A program's sign-in policy; no row means the defaults (two-factor optional for everyone). */
export const signInSettings = pgTable('sign_in_settings', {
  programId: uuid('program_id')
    .primaryKey()
    .references(() => programs.id),
  staffTwoFactorRequired: boolean('staff_two_factor_required').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by')
    .notNull()
    .references(() => people.id),
});

/**
 * Six-digit sign-in codes for participants, sent by e-mail or text: one-time, 10 minutes, hashed
 * (with the person's id, SHA-256), used up after 5 wrong tries.
 */
export const signInCodes = pgTable(
  'sign_in_codes',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    codeHash: text('code_hash').notNull(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    failedTries: integer('failed_tries').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('sign_in_codes_person_idx').on(t.personId, t.createdAt)],
);

/**
 * A single sign-on attempt between leaving for the provider and coming back (ADR 0031): the browser
 * holds a random cookie, only its SHA-256 is stored; state, nonce and the PKCE verifier never leave
 * the server. Used once (deleted on the callback), 10 minutes at most.
 */
export const oidcLogins = pgTable('oidc_logins', {
  cookieHash: text('cookie_hash').primaryKey(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
