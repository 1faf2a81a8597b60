import type { CoachStatus, CoachUpdate, CoachView } from '../../../core/coaches';
import type { Channel, Gender, PainLocation } from '../../../core/shared/vocab';
import type { FieldMessages } from '../../ui/form';
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

export function missingCoachFields(v: CoachFormValues): FieldMessages {
  const out: FieldMessages = {};
  if (!v.givenName.trim()) out['givenName'] = 'Enter the given name';
  if (!v.familyName.trim()) out['familyName'] = 'Enter the family name';
  if (!v.gender) out['gender'] = 'Choose a gender, or "Not stated"';
  if (v.modalities.length === 0) out['modalities'] = 'Choose at least one way to meet';
  const n = Number(v.caseload);
  if (!Number.isInteger(n) || n < 1 || n > 20) out['caseload'] = 'Enter a whole number from 1 to 20';
  if (v.birthYear.trim() && !/^(19|20)\d\d$/.test(v.birthYear.trim()))
    out['birthYear'] = 'Enter a year such as 1968, or leave it empty';
  return out;
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

/** "English, Spanish" → ["English", "Spanish"] (empty parts dropped, each kept once). */
export function languagesOf(s: string): string[] {
  return [
    ...new Set(
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
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
