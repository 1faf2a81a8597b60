import type { CoachStatus, CoachUpdate, CoachView } from '../../../core/coaches';
import { languagesOf, type Channel, type Gender, type PainLocation } from '../../../core/shared/vocab';
import type { NewCoachBody } from './coaches.api';

export interface CoachFormValues {
  givenName: string;
  familyName: string;
  gender: Gender | '';
  painLocations: PainLocation[];
  modalities: Channel[];
  phone: string;
  email: string;
  status: CoachStatus;
  caseload: string;
  birthYear: string;
  town: string;
  /** Comma-separated. */
  languages: string;
}

export const emptyCoach: CoachFormValues = {
  givenName: '',
  familyName: '',
  gender: '',
  painLocations: [],
  modalities: ['phone'],
  phone: '',
  email: '',
  status: 'active',
  caseload: '1',
  birthYear: '',
  town: '',
  languages: '',
};

export function coachValuesOf(c: CoachView): CoachFormValues {
  return {
    givenName: c.givenName,
    familyName: c.familyName,
    gender: c.gender,
    painLocations: c.painLocations,
    modalities: c.modalities,
    phone: c.phone ?? '',
    email: c.email ?? '',
    status: c.status,
    caseload: String(c.caseload),
    birthYear: c.birthYear === null ? '' : String(c.birthYear),
    town: c.town ?? '',
    languages: c.languages.join(', '),
  };
}

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null);

/** The body of POST or PATCH /coaches. */
export function coachBody(v: CoachFormValues): NewCoachBody & CoachUpdate {
  return {
    givenName: v.givenName.trim(),
    familyName: v.familyName.trim(),
    gender: v.gender as Gender,
    painLocations: v.painLocations,
    modalities: v.modalities,
    phone: orNull(v.phone),
    email: orNull(v.email),
    status: v.status,
    caseload: Number(v.caseload),
    birthYear: v.birthYear.trim() ? Number(v.birthYear.trim()) : null,
    town: orNull(v.town),
    languages: languagesOf(v.languages),
  };
}

export const coachFieldLabels: Record<string, string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  gender: 'Gender',
  painLocations: 'Their own pain',
  modalities: 'Ways they can meet',
  phone: 'Phone',
  email: 'E-mail',
  status: 'Status',
  caseload: 'Caseload',
  birthYear: 'Year of birth',
  town: 'Town',
  languages: 'Languages',
};
