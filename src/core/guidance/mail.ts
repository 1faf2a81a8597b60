import type { Locale } from '../shared/locale';
import { greeting, type MailWords } from '../shared/mail';

/**
 * The weekly check-in reminder e-mail (issue #16), in the participant's language. The subject
 * carries nothing personal (it shows on lock screens).
 */
export function checkInReminderMail(locale: Locale, givenName: string, link: string): MailWords {
  if (locale === 'es') {
    return {
      subject: 'Su control semanal',
      text: [
        greeting(locale, givenName),
        '',
        'Es hora de su control semanal del dolor: tres preguntas rápidas sobre la última semana.',
        'Su coach ve cómo van las cosas antes de su próxima conversación (si usted comparte sus controles).',
        '',
        `Haga su control aquí: ${link}`,
        '',
        'Para dejar de recibir estos recordatorios por un tiempo, ponga una pausa en "Cómo comunicarse conmigo".',
      ].join('\n'),
    };
  }
  return {
    subject: 'Your weekly check-in',
    text: [
      greeting(locale, givenName),
      '',
      'It is time for your weekly pain check-in: three quick questions about the past week.',
      'Your coach sees how things are going before your next talk (if you share your check-ins).',
      '',
      `Check in here: ${link}`,
      '',
      'To stop these reminders for a while, set a pause under "How to reach me".',
    ].join('\n'),
  };
}
