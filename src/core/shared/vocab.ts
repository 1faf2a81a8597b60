import { z } from 'zod';
import { wordedRefusals } from './messages';

/** Words shared by several features: one definition each. */
export const genders = ['woman', 'man', 'nonbinary', 'not_stated'] as const;
export const Gender = z.enum(genders);
export type Gender = z.infer<typeof Gender>;

export const painLocations = ['low_back', 'neck', 'shoulder', 'hip', 'knee', 'hand', 'foot', 'widespread', 'other'] as const;
export const PainLocation = z.enum(painLocations);
export type PainLocation = z.infer<typeof PainLocation>;

/** How a contact happens. */
export const channels = ['phone', 'video', 'in_person', 'text'] as const;
export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

export const timesOfDay = ['morning', 'afternoon', 'evening'] as const;
export const TimeOfDay = z.enum(timesOfDay);
export type TimeOfDay = z.infer<typeof TimeOfDay>;

/** `assessor`: enters research assessments and is blind to the trial arm (no coaching data; ADR 0015). */
export const roles = ['admin', 'coordinator', 'coach', 'participant', 'evaluator', 'assessor'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/**
 * Fields worded for the forms that fill them (issue #14, forms from the schemas): the server's refusal
 * and the form's own check then say the same thing, from one definition.
 */
export const personName = (words: string) => z.string({ error: words }).trim().min(1, words).max(80);
/** A person's gender as a form asks it: left unchosen, it says how to answer. */
export const GenderAnswer = z.enum(genders, { error: 'Choose a gender, or "Not stated"' });
const yearWords = 'Enter a year such as 1958, or leave it empty';
/** A year of birth: one sentence for every way it can be wrong (not a number, a fraction, out of range). */
export const BirthYear = z.int({ error: yearWords }).min(1900, yearWords).max(2100, yearWords);

/** A number of days a setting takes, refused in the words a form shows beside it (ADR 0054). */
export const wholeDays = (min: number, max: number) => {
  const words = `Enter a whole number of days from ${min} to ${max}.`;
  return z.int({ error: words }).min(min, words).max(max, words);
};

export const Uuid = z.uuid();
export const DateOn = z.iso.date();
export const Email = z
  .email()
  .max(254)
  .transform((s) => s.toLowerCase());
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{7,20}$/, wordedRefusals.phone);

/** Languages as a form takes them, "English, Spanish" → ["English", "Spanish"] (empty parts dropped, each kept once). */
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
