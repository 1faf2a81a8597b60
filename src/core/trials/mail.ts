import { sessionWhenWords } from '../engagement/scheduling';
import type { Locale } from '../shared/locale';
import { greeting, type MailWords } from '../shared/mail';

/**
 * The invitation to a pain class of the trial's class arm (issue #11), in the participant's language
 * (issue #16; the Spanish is the program's own translation, ADR 0041 amendment).
 */

export const CLASS_SUBJECT = 'Kindred: your class';

export function classInvitationMail(
  locale: Locale,
  f: { givenName: string; programName: string; startsAt: Date; timeZone: string; place: string | null; videoUrl: string | null },
): MailWords {
  const when = sessionWhenWords(f.startsAt, f.timeZone, locale);
  const video = f.videoUrl ? (locale === 'es' ? `Por videollamada: ${f.videoUrl}` : `By video: ${f.videoUrl}`) : '';
  const where = [f.place, video].filter(Boolean).join('\n');
  if (locale === 'es') {
    return {
      subject: 'Kindred: su clase',
      text: [
        greeting(locale, f.givenName),
        '',
        `Le invitamos a la clase sobre el dolor de "${f.programName}" el ${when}.`,
        where,
        '',
        'Si no puede venir, avísele al programa, por favor.',
      ].join('\n'),
    };
  }
  return {
    subject: CLASS_SUBJECT,
    text: [
      greeting(locale, f.givenName),
      '',
      `You are invited to the pain class of "${f.programName}" on ${when}.`,
      where,
      '',
      'If you cannot come, please let the program know.',
    ].join('\n'),
  };
}
