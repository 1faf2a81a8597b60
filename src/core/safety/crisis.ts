import { z } from 'zod';
import { Email, Phone } from '../shared/vocab';

/**
 * A number to dial or text: short codes such as 988, 838255 or 911 are allowed, unlike `Phone`
 * (which asks for 7 to 20 digits). Digits, spaces, a leading plus and the usual separators only.
 */
export const DialNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{3,20}$/, 'Enter a number of 3 to 20 digits')
  .refine((s) => s.replace(/\D/g, '').length >= 3, 'Enter a number of 3 to 20 digits');

/**
 * What a person in crisis is told to do now. The defaults are the Veterans Crisis Line (dial 988
 * then press 1, text 838255, chat at VeteransCrisisLine.net/Chat; free, confidential, 24/7) and 911
 * for emergencies (shared/domain/ECLIPSE-and-instruments.md §5, from veteranscrisisline.net). A
 * program outside the United States sets its own line, numbers and chat address.
 */
export const CrisisInfo = z.object({
  /** The crisis line's name, e.g. "Veterans Crisis Line". */
  lineName: z.string().trim().min(1).max(80),
  /** The number to call, e.g. 988. */
  callNumber: DialNumber,
  /** The key to press once connected (988 then 1 reaches the veterans' line), or null. */
  callPress: z
    .string()
    .trim()
    .regex(/^[0-9*#]{1,4}$/, 'Enter the key to press, e.g. 1')
    .nullable(),
  /** The number to text, or null when the line takes no texts. */
  textNumber: DialNumber.nullable(),
  /** The line's chat page (https only), or null. */
  chatUrl: z
    .url({ protocol: /^https$/, message: 'Enter a web address starting with https://' })
    .max(300)
    .nullable(),
  /** The emergency number (911 in the United States, 112 in Europe, 999 in the United Kingdom). */
  emergencyNumber: DialNumber,
  /** The program's own contact for help that is not an emergency, or null. */
  programContact: z
    .object({
      name: z.string().trim().min(1).max(120),
      phone: Phone,
      /** When someone answers, in plain words, e.g. "Weekdays 8:00 to 16:30". */
      hours: z.string().trim().max(120).default(''),
    })
    .nullable(),
});
export type CrisisInfo = z.infer<typeof CrisisInfo>;

export const DEFAULT_CRISIS_INFO: CrisisInfo = {
  lineName: 'Veterans Crisis Line',
  callNumber: '988',
  callPress: '1',
  textNumber: '838255',
  chatUrl: 'https://www.veteranscrisisline.net/Chat',
  emergencyNumber: '911',
  programContact: null,
};

/**
 * A program's safety settings: who is e-mailed when a safety event is raised, and the crisis
 * information shown to the person who raised it. With no safety contacts the program's
 * coordinators are e-mailed, so an alert always reaches someone.
 */
export const SafetySettings = z.object({
  safetyContacts: z
    .array(Email)
    .max(20)
    .refine((list) => new Set(list).size === list.length, 'Each address only once'),
  crisis: CrisisInfo,
});
export type SafetySettings = z.infer<typeof SafetySettings>;

/** The settings as the server answers them (addresses already checked and lower-cased). */
export const SafetySettingsView = z.object({ safetyContacts: z.array(z.string()), crisis: CrisisInfo });

export const DEFAULT_SAFETY_SETTINGS: SafetySettings = { safetyContacts: [], crisis: DEFAULT_CRISIS_INFO };

/** The digits (and a leading plus) to put after `tel:` or `sms:`. */
export function dialString(number: string): string {
  return number.replace(/[^+\d]/g, '');
}
