import type { Locale } from './locale';

/**
 * An e-mail's words as the outbox takes them. Subjects carry nothing personal: they show on lock
 * screens. Every participant-facing e-mail is written in English and Spanish (issue #16, ADR 0041
 * amendment); the Spanish is the program's own translation (no published source).
 */
export interface MailWords {
  subject: string;
  text: string;
}

/** The greeting line: "Hello Ana," / "Hola, Ana:"; without a name "Hello," / "Hola:". */
export function greeting(locale: Locale, name?: string): string {
  if (locale === 'es') return name ? `Hola, ${name}:` : 'Hola:';
  return name ? `Hello ${name},` : 'Hello,';
}
