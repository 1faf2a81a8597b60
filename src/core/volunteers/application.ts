import { z } from 'zod';
import { Weekday } from '../shared/time';
import { DomainError } from '../shared/errors';
import { BirthYear, Channel, Email, genders, PainLocation, personName, Phone, TimeOfDay } from '../shared/vocab';

/**
 * The branches of the US armed forces a volunteer can name, or none. Background is asked only when
 * the program asks it, and "prefer not to say" is always an answer: it is kept, but it never
 * counts as a shared background when matching.
 */
export const serviceBranches = [
  'army',
  'navy',
  'air_force',
  'marine_corps',
  'coast_guard',
  'space_force',
  'prefer_not_to_say',
] as const;
export const ServiceBranch = z.enum(serviceBranches);
export type ServiceBranch = z.infer<typeof ServiceBranch>;

/**
 * Service eras, broadly following the VA's periods of service (38 CFR 3.2), with the years between
 * the wars as their own era. A volunteer picks the era of most of his or her service.
 */
export const serviceEras = ['korea_or_earlier', 'vietnam', 'post_vietnam', 'gulf_war', 'post_9_11', 'prefer_not_to_say'] as const;
export const ServiceEra = z.enum(serviceEras);
export type ServiceEra = z.infer<typeof ServiceEra>;

/** Background in the words a proposal's reasons use ("both served in the Army in the Vietnam era"). */
export const serviceBranchWords: Record<ServiceBranch, string> = {
  army: 'Army',
  navy: 'Navy',
  air_force: 'Air Force',
  marine_corps: 'Marine Corps',
  coast_guard: 'Coast Guard',
  space_force: 'Space Force',
  prefer_not_to_say: '',
};
export const serviceEraWords: Record<ServiceEra, string> = {
  korea_or_earlier: 'Korea (or earlier)',
  vietnam: 'Vietnam',
  post_vietnam: 'post-Vietnam',
  gulf_war: 'Gulf War',
  post_9_11: 'post-9/11',
  prefer_not_to_say: '',
};

/** A background answer the matcher may compare: "prefer not to say" and no answer are both unknown. */
export function comparableBackground(value: string | null | undefined): string | null {
  return value && value !== 'prefer_not_to_say' ? value : null;
}

/** What a program asks of volunteers on its public application form. */
export const VolunteerSettings = z.object({
  asksServiceBranch: z.boolean().default(true),
  asksServiceEra: z.boolean().default(true),
  /** Applicants must consent to a background check, and screening must record that it cleared. */
  requiresBackgroundCheck: z.boolean().default(false),
});
export type VolunteerSettings = z.output<typeof VolunteerSettings>;
export const DEFAULT_VOLUNTEER_SETTINGS: VolunteerSettings = VolunteerSettings.parse({});

/** The public form's view of a program: its name and what it asks. Nothing else about the program. */
export const ApplicationFormView = VolunteerSettings.extend({ programName: z.string(), site: z.string() });
export type ApplicationFormView = z.infer<typeof ApplicationFormView>;

const Story = z
  .string()
  .trim()
  .min(20, 'Write a few sentences (at least 20 characters)')
  .max(2000, 'Keep it under 2,000 characters');

/** The honeypot: a field people never see. Only form-filling robots fill it. */
export const HONEYPOT_FIELD = 'website';

/** True when a request body carries something in the honeypot field. */
export function isHoneypotFilled(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const value = (body as Record<string, unknown>)[HONEYPOT_FIELD];
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
}

/** A volunteer's application to coach in a program, as sent by the public form (no account needed). */
export const ApplicationInput = z.object({
  givenName: personName('Enter your first name'),
  familyName: personName('Enter your last name'),
  email: Email,
  phone: Phone.nullable().default(null),
  gender: z.enum(genders, { error: 'Choose one' }),
  /** Where the volunteer's own pain is: coaches are people who manage their own pain. */
  painLocations: z.array(PainLocation).min(1, 'Choose at least one').max(9),
  aboutMe: Story,
  /** "My own pain and how I manage it." */
  ownPain: Story,
  availableDays: z.array(Weekday).min(1, 'Choose at least one day').max(7),
  availableTimes: z.array(TimeOfDay).min(1, 'Choose at least one time of day').max(3),
  modalities: z.array(Channel).min(1, 'Choose at least one way').max(4),
  serviceBranch: ServiceBranch.nullable().default(null),
  serviceEra: ServiceEra.nullable().default(null),
  /** Optional, for matching (ADR 0016): age band, same town for in-person pairs, a language in common. */
  birthYear: BirthYear.nullable().default(null),
  town: z.string().trim().max(80).nullable().default(null),
  languages: z.array(z.string().trim().min(2).max(40)).max(5).default([]),
  backgroundCheckConsent: z.boolean().default(false),
  /** The honeypot (see HONEYPOT_FIELD): never stored. */
  website: z.string().max(500).optional(),
});
export type ApplicationInput = z.infer<typeof ApplicationInput>;

/** A refused answer of the program's own rules: the field, a stable code and the words. */
export interface SettingProblem {
  field: 'serviceBranch' | 'serviceEra' | 'backgroundCheckConsent';
  reason: 'service_branch_required' | 'service_era_required' | 'background_check_consent_required';
  message: string;
}

/**
 * The checks that depend on the program's settings: the background it asks about must be answered
 * (with "prefer not to say" if the volunteer wishes) and a required background check consented to.
 * Pure; the form shows them before sending and the server refuses the first (ADR 0054).
 */
export function applicationSettingProblems(
  input: Pick<ApplicationInput, 'serviceBranch' | 'serviceEra' | 'backgroundCheckConsent'>,
  settings: VolunteerSettings,
): SettingProblem[] {
  const out: SettingProblem[] = [];
  if (settings.asksServiceBranch && input.serviceBranch === null) {
    out.push({
      field: 'serviceBranch',
      reason: 'service_branch_required',
      message: 'Choose your service branch, or "Prefer not to say"',
    });
  }
  if (settings.asksServiceEra && input.serviceEra === null) {
    out.push({ field: 'serviceEra', reason: 'service_era_required', message: 'Choose your service era, or "Prefer not to say"' });
  }
  if (settings.requiresBackgroundCheck && !input.backgroundCheckConsent) {
    out.push({
      field: 'backgroundCheckConsent',
      reason: 'background_check_consent_required',
      message: 'This program asks every coach to agree to a background check',
    });
  }
  return out;
}

/** {@link applicationSettingProblems}, refusing the first. */
export function checkApplication(input: ApplicationInput, settings: VolunteerSettings): void {
  const [first] = applicationSettingProblems(input, settings);
  if (first) throw new DomainError('invalid_state', first.reason, first.message);
}

/** When a volunteer can coach: days of the week and times of day. */
export const Availability = z.object({ days: z.array(Weekday), times: z.array(TimeOfDay) });
export type Availability = z.infer<typeof Availability>;
