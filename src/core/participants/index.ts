import { z } from 'zod';
import { addDaysOn, Weekday } from '../shared/time';
import { reachWindowFields } from '../engagement/reach-window';
import { DomainError } from '../shared/errors';
import { patchSchema } from '../shared/patch';
import { textCheckInFields } from '../plans/text-check-in';
import {
  BirthYear,
  Channel,
  DateOn,
  Email,
  Gender,
  GenderAnswer,
  PainLocation,
  personName,
  Phone,
  TimeOfDay,
} from '../shared/vocab';
import { Locale } from '../shared/locale';
import { ServiceBranch, ServiceEra } from '../volunteers/application';

/** Status from referral to the end of the program. */
export const participantStatuses = ['referred', 'enrolled', 'active', 'completed', 'withdrawn'] as const;
export const ParticipantStatus = z.enum(participantStatuses);
export type ParticipantStatus = z.infer<typeof ParticipantStatus>;

export const withdrawalReasons = [
  'participant_request',
  'lost_to_follow_up',
  'health',
  'ineligible',
  'moved',
  'died',
  'other',
] as const;
export const WithdrawalReason = z.enum(withdrawalReasons);
export type WithdrawalReason = z.infer<typeof WithdrawalReason>;

/** Which status changes a coordinator may make by hand. `active` is reached by pairing. */
const allowedTransitions: Record<ParticipantStatus, readonly ParticipantStatus[]> = {
  referred: ['enrolled', 'withdrawn'],
  enrolled: ['withdrawn', 'completed'],
  active: ['completed', 'withdrawn'],
  completed: [],
  withdrawn: [],
};

/** Decides whether a participant may move from one status to another; throws `invalid_state` if not. */
export function checkStatusChange(from: ParticipantStatus, to: ParticipantStatus): void {
  if (!allowedTransitions[from].includes(to)) {
    throw new DomainError('invalid_state', 'status_change_not_allowed', `Cannot change status from ${from} to ${to}`);
  }
}

/**
 * The last date a day that "has come" may carry: the program's today, plus one day because the
 * person typing may already be on the next day where they are (a browser ahead of the program's
 * zone); "2031" is refused either way.
 */
function latestDateOn(today: string): string {
  return addDaysOn(today, 1);
}

/** A referral is not dated after today, nor a year of birth after this year (issue #10). */
export function checkParticipantDates(
  input: { referredOn?: string | undefined; birthYear?: number | null | undefined },
  today: string,
): void {
  if (input.referredOn !== undefined && input.referredOn > latestDateOn(today)) {
    throw new DomainError('invalid_state', 'date_in_future', 'The referral date cannot be after today.');
  }
  if (input.birthYear !== undefined && input.birthYear !== null && input.birthYear > Number(latestDateOn(today).slice(0, 4))) {
    throw new DomainError('invalid_state', 'date_in_future', 'The year of birth cannot be after this year.');
  }
}

/** A status change happens on a day that has come: enrolment, completion and withdrawal are not planned ahead. */
export function checkStatusDate(on: string, today: string): void {
  if (on > latestDateOn(today)) {
    throw new DomainError('invalid_state', 'date_in_future', 'The date of the change cannot be after today.');
  }
}

/** True while a participant can be paired with a coach. */
export function isPairable(status: ParticipantStatus): boolean {
  return status === 'enrolled' || status === 'active';
}

const preferences = {
  preferredModality: Channel,
  preferredChannel: Channel,
  preferredTimes: z.array(TimeOfDay).max(3),
  contactNotes: z.string().trim().max(500),
  ...reachWindowFields,
};

export const ParticipantInput = z.object({
  givenName: personName('Enter the given name'),
  familyName: personName('Enter the family name'),
  gender: GenderAnswer,
  birthYear: BirthYear.nullable().default(null),
  painLocations: z.array(PainLocation).min(1, 'Choose at least one place where it hurts').max(9),
  preferredModality: preferences.preferredModality.default('phone'),
  preferredChannel: preferences.preferredChannel.default('phone'),
  preferredTimes: preferences.preferredTimes.default([]),
  contactNotes: preferences.contactNotes.default(''),
  preferredDays: preferences.preferredDays.default([]),
  notBefore: preferences.notBefore.default(null),
  notAfter: preferences.notAfter.default(null),
  contactPausedUntil: preferences.contactPausedUntil.default(null),
  genderMatters: z.boolean().default(true),
  phone: Phone.nullable().default(null),
  email: Email.nullable().default(null),
  canShareContact: z.boolean().default(false),
  /** Matching preferences (#6, ADR 0016): background, town (for in-person pairs), languages. */
  serviceBranch: ServiceBranch.nullable().default(null),
  serviceEra: ServiceEra.nullable().default(null),
  town: z.string().trim().max(80).nullable().default(null),
  languages: z.array(z.string().trim().min(2).max(40)).max(5).default([]),
  /** The language Kindred shows and sends the participant (issue #16, ADR 0041). */
  locale: Locale.default('en'),
  referredOn: z.iso.date({ error: 'Enter the date of referral' }),
  status: z.enum(['referred', 'enrolled']).default('referred'),
  /** Add even though people already in the program look like the same person (staff checked them). */
  confirmDuplicate: z.boolean().default(false),
});
export type ParticipantInput = z.infer<typeof ParticipantInput>;

/** What a coordinator may edit after creation (status has its own transitions). */
export const ParticipantUpdate = patchSchema(ParticipantInput.omit({ status: true, referredOn: true, confirmDuplicate: true }));
export type ParticipantUpdate = z.infer<typeof ParticipantUpdate>;

/** What participants may change about themselves: how and when to be reached. */
export const PreferencesUpdate = z
  .object({
    preferredModality: preferences.preferredModality,
    preferredChannel: preferences.preferredChannel,
    preferredTimes: preferences.preferredTimes,
    contactNotes: preferences.contactNotes,
    preferredDays: preferences.preferredDays,
    notBefore: preferences.notBefore,
    notAfter: preferences.notAfter,
    contactPausedUntil: preferences.contactPausedUntil,
    phone: Phone.nullable(),
    canShareContact: z.boolean(),
    /** The weekly check-in by text message: day and local time, or both null (#16, ADR 0040). */
    ...textCheckInFields,
    locale: Locale,
  })
  .partial();
export type PreferencesUpdate = z.infer<typeof PreferencesUpdate>;

export const StatusChange = z.discriminatedUnion('status', [
  z.object({ status: z.literal('enrolled'), on: DateOn }),
  z.object({ status: z.literal('completed'), on: DateOn }),
  z.object({ status: z.literal('withdrawn'), on: DateOn, reason: WithdrawalReason }),
]);
export type StatusChange = z.infer<typeof StatusChange>;

/** A pseudonymous code for evaluators: program-unique, carries no personal information. */
export function participantCode(sequence: number): string {
  return `P-${String(sequence).padStart(4, '0')}`;
}

const base = {
  id: z.uuid(),
  code: z.string(),
  status: ParticipantStatus,
};
const engagement = {
  coach: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  pairedAt: z.string().nullable(),
  lastReachedAt: z.string().nullable(),
  reachedCount: z.int(),
  attemptCount: z.int(),
  /** Where the pair stands against the cadence, null when not paired. */
  pairState: z.enum(['on_track', 'due', 'overdue', 'quiet', 'paused']).nullable(),
  /** When the pair next talks, by the one rule (core/tasks nextContactOf), and what set it. */
  nextContactDueOn: z.string().nullable(),
  nextContactBasis: z.enum(['session', 'agreed', 'cadence']).nullable(),
};
const preferenceFields = {
  preferredModality: Channel,
  preferredChannel: Channel,
  preferredTimes: z.array(TimeOfDay),
  contactNotes: z.string(),
  preferredDays: z.array(Weekday),
  notBefore: z.string().nullable(),
  notAfter: z.string().nullable(),
  contactPausedUntil: z.string().nullable(),
};

/** The weekly check-in by text message as the participant and staff see it (null: off), and the program's zone its time is in. */
const textCheckInView = {
  textCheckInDay: Weekday.nullable(),
  textCheckInTime: z.string().nullable(),
  timeZone: z.string(),
};

/** Staff see the whole record. */
export const ParticipantFullView = z.object({
  view: z.literal('full'),
  ...base,
  givenName: z.string(),
  familyName: z.string(),
  gender: Gender,
  birthYear: z.int().nullable(),
  painLocations: z.array(PainLocation),
  ...preferenceFields,
  ...textCheckInView,
  genderMatters: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  canShareContact: z.boolean(),
  serviceBranch: ServiceBranch.nullable(),
  serviceEra: ServiceEra.nullable(),
  town: z.string().nullable(),
  languages: z.array(z.string()),
  locale: Locale,
  referredOn: z.string(),
  enrolledOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  withdrawalReason: WithdrawalReason.nullable(),
  ...engagement,
});

/** A coach sees what coaching needs: name, how to reach (with permission), preferences, pain locations. */
export const ParticipantCoachingView = z.object({
  view: z.literal('coaching'),
  ...base,
  givenName: z.string(),
  familyName: z.string(),
  painLocations: z.array(PainLocation),
  ...preferenceFields,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  ...engagement,
});

/** A participant's own record, with the coach's name and how to reach the coach. */
export const ParticipantSelfView = z.object({
  view: z.literal('self'),
  ...base,
  givenName: z.string(),
  familyName: z.string(),
  ...preferenceFields,
  ...textCheckInView,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  canShareContact: z.boolean(),
  locale: Locale,
  coach: z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
  lastReachedAt: z.string().nullable(),
  nextContactDueOn: z.string().nullable(),
  nextContactBasis: z.enum(['session', 'agreed', 'cadence']).nullable(),
});

/** Evaluators see no name and no contact details. */
export const ParticipantPseudonymousView = z.object({
  view: z.literal('pseudonymous'),
  ...base,
  gender: Gender,
  birthYear: z.int().nullable(),
  painLocations: z.array(PainLocation),
  preferredModality: Channel,
  referredOn: z.string(),
  enrolledOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  withdrawalReason: WithdrawalReason.nullable(),
  coachId: z.uuid().nullable(),
  reachedCount: z.int(),
  attemptCount: z.int(),
  pairState: engagement.pairState,
});

export const ParticipantView = z.discriminatedUnion('view', [
  ParticipantFullView,
  ParticipantCoachingView,
  ParticipantSelfView,
  ParticipantPseudonymousView,
]);
export type ParticipantView = z.infer<typeof ParticipantView>;

/** One person already in the program who is probably the one being added: what staff need to tell. */
export const DuplicateMatch = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  birthYear: z.int().nullable(),
  status: ParticipantStatus,
  referredOn: z.string(),
  matchedOn: z.array(z.enum(['name', 'phone'])),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatch>;

/** The 409 answer to a likely duplicate: the matches, never their contact details. */
export const LikelyDuplicateReply = z.object({
  error: z.literal('conflict'),
  reason: z.literal('likely_duplicate'),
  message: z.string(),
  matches: z.array(DuplicateMatch),
  requestId: z.string(),
});
export type LikelyDuplicateReply = z.infer<typeof LikelyDuplicateReply>;

export { duplicateReasons, LIKELY_DUPLICATE_MESSAGE, nameKey, type DuplicateFacts, type DuplicateReason } from './duplicates';
