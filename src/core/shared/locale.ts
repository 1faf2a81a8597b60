import { z } from 'zod';

/**
 * The languages a person can choose for what Kindred shows and sends them (issue #16, ADR 0041).
 * English is the source; Spanish is the first translation.
 */
export const Locale = z.enum(['en', 'es']);
export type Locale = z.infer<typeof Locale>;

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself, as a chooser shows it. */
export const localeNames: Record<Locale, string> = { en: 'English', es: 'Español' };
