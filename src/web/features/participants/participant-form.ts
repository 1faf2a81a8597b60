import type { ParticipantUpdate } from '../../../core/participants';
import type { Locale } from '../../../core/shared/locale';
import { languagesOf, type Channel, type Gender, type PainLocation, type TimeOfDay } from '../../../core/shared/vocab';
import type { ServiceBranch, ServiceEra } from '../../../core/volunteers';
import type { FullParticipant, NewParticipantBody } from './participants.api';

/** What the participant form holds while it is being filled in (strings for text inputs). */
export interface ParticipantFormValues {
  givenName: string;
  familyName: string;
  gender: Gender | '';
  birthYear: string;
  painLocations: PainLocation[];
  preferredModality: Channel;
  preferredChannel: Channel;
  preferredTimes: TimeOfDay[];
  contactNotes: string;
  genderMatters: boolean;
  phone: string;
  email: string;
  canShareContact: boolean;
  referredOn: string;
  status: 'referred' | 'enrolled';
  /** For matching (#6): background, town (in-person pairs), languages (comma-separated). */
  serviceBranch: ServiceBranch | '';
  serviceEra: ServiceEra | '';
  town: string;
  languages: string;
  /** The language Kindred uses with the participant (ADR 0041). */
  locale: Locale;
}

export function emptyParticipant(today: string): ParticipantFormValues {
  return {
    givenName: '',
    familyName: '',
    gender: '',
    birthYear: '',
    painLocations: [],
    preferredModality: 'phone',
    preferredChannel: 'phone',
    preferredTimes: [],
    contactNotes: '',
    genderMatters: true,
    phone: '',
    email: '',
    canShareContact: false,
    referredOn: today,
    status: 'referred',
    serviceBranch: '',
    serviceEra: '',
    town: '',
    languages: '',
    locale: 'en',
  };
}

export function valuesOf(p: FullParticipant): ParticipantFormValues {
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    gender: p.gender,
    birthYear: p.birthYear === null ? '' : String(p.birthYear),
    painLocations: p.painLocations,
    preferredModality: p.preferredModality,
    preferredChannel: p.preferredChannel,
    preferredTimes: p.preferredTimes,
    contactNotes: p.contactNotes,
    genderMatters: p.genderMatters,
    phone: p.phone ?? '',
    email: p.email ?? '',
    canShareContact: p.canShareContact,
    referredOn: p.referredOn,
    status: p.status === 'referred' ? 'referred' : 'enrolled',
    serviceBranch: p.serviceBranch ?? '',
    serviceEra: p.serviceEra ?? '',
    town: p.town ?? '',
    languages: p.languages.join(', '),
    locale: p.locale,
  };
}

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null);

function common(v: ParticipantFormValues) {
  return {
    givenName: v.givenName.trim(),
    familyName: v.familyName.trim(),
    gender: v.gender as Gender,
    birthYear: v.birthYear.trim() ? Number(v.birthYear.trim()) : null,
    painLocations: v.painLocations,
    preferredModality: v.preferredModality,
    preferredChannel: v.preferredChannel,
    preferredTimes: v.preferredTimes,
    contactNotes: v.contactNotes.trim(),
    genderMatters: v.genderMatters,
    phone: orNull(v.phone),
    email: orNull(v.email),
    canShareContact: v.canShareContact,
    serviceBranch: v.serviceBranch || null,
    serviceEra: v.serviceEra || null,
    town: orNull(v.town),
    languages: languagesOf(v.languages),
    locale: v.locale,
  };
}

/** The body of POST /participants. Empty optional fields are sent as null. */
export function newParticipantBody(v: ParticipantFormValues): NewParticipantBody {
  return { ...common(v), referredOn: v.referredOn, status: v.status };
}

/** The body of PATCH /participants/:id (status and referral date have their own ways to change). */
export function participantUpdateBody(v: ParticipantFormValues): ParticipantUpdate {
  return common(v);
}

/** Field names as people read them, for the error summary. */
export const participantFieldLabels: Record<string, string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  gender: 'Gender',
  birthYear: 'Year of birth',
  painLocations: 'Where it hurts',
  preferredModality: 'How they would like to meet',
  preferredChannel: 'Best way to reach them',
  preferredTimes: 'Best times',
  contactNotes: 'Notes about reaching them',
  genderMatters: 'Coach gender',
  phone: 'Phone',
  email: 'E-mail',
  canShareContact: 'Permission to share contact details',
  referredOn: 'Referred on',
  status: 'Status',
  serviceBranch: 'Service branch',
  serviceEra: 'Service era',
  town: 'Town',
  languages: 'Languages',
  locale: 'Language for Kindred',
};
