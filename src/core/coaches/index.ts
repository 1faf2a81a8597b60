import { z } from 'zod';
import { patchSchema } from '../shared/patch';
import { BirthYear, Channel, Email, Gender, GenderAnswer, PainLocation, Phone, personName } from '../shared/vocab';

export const coachStatuses = ['active', 'paused', 'retired'] as const;
export const CoachStatus = z.enum(coachStatuses);
export type CoachStatus = z.infer<typeof CoachStatus>;

const caseloadWords = 'Enter a whole number from 1 to 20';

export const CoachInput = z.object({
  givenName: personName('Enter the given name'),
  familyName: personName('Enter the family name'),
  gender: GenderAnswer,
  painLocations: z.array(PainLocation).max(9).default([]),
  modalities: z.array(Channel).min(1, 'Choose at least one way to meet').max(4).default(['phone']),
  phone: Phone.nullable().default(null),
  email: Email.nullable().default(null),
  status: CoachStatus.default('active'),
  /** How many participants the coach chooses to coach at once; ECLIPSE started everyone at one. */
  caseload: z.int({ error: caseloadWords }).min(1, caseloadWords).max(20, caseloadWords).default(1),
  /** Matching preferences (#6, ADR 0016): age band, town (for in-person pairs), languages. */
  birthYear: BirthYear.nullable().default(null),
  town: z.string().trim().max(80).nullable().default(null),
  languages: z.array(z.string().trim().min(2).max(40)).max(5).default([]),
});
export type CoachInput = z.infer<typeof CoachInput>;

export const CoachUpdate = patchSchema(CoachInput);
export type CoachUpdate = z.infer<typeof CoachUpdate>;

export const CoachView = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  gender: Gender,
  painLocations: z.array(PainLocation),
  modalities: z.array(Channel),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: CoachStatus,
  caseload: z.int(),
  activePairings: z.int(),
  hasAccount: z.boolean(),
  /** Reached contacts in the last 30 days, across the coach's participants. */
  recentReached: z.int(),
  /** Training passed and the scope agreement signed: only then can the coach be paired (#6). */
  isTrained: z.boolean(),
  birthYear: z.int().nullable(),
  town: z.string().nullable(),
  languages: z.array(z.string()),
});
export type CoachView = z.infer<typeof CoachView>;

export * from './support';
export * from './reminders';
