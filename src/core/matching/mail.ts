import type { Locale } from '../shared/locale';
import { greeting, type MailWords } from '../shared/mail';

/**
 * The e-mails both sides get when a coordinator approves a pairing (#6, ADR 0016). Subjects say
 * nothing personal (they show on lock screens). The coach's e-mail does not name the participant:
 * the coach signs in to see who it is and how to reach him or her. The participant's is in his or
 * her language (issue #16; the Spanish is the program's own translation, ADR 0041 amendment); the
 * coach's in English.
 */
export function pairedMail(
  o: {
    programName: string;
    publicUrl: string;
    participantGivenName: string;
    coachGivenName: string;
    firstContactDays: number;
  },
  participantLocale: Locale = 'en',
): { participant: MailWords; coach: MailWords } {
  const sign = `\nWith thanks,\nThe ${o.programName} team\n`;
  const days = `${o.firstContactDays} day${o.firstContactDays === 1 ? '' : 's'}`;
  return {
    participant:
      participantLocale === 'es'
        ? {
            subject: 'Ya tiene coach',
            text:
              `${greeting('es', o.participantGivenName)}\n\n${o.coachGivenName} será su coach en ${o.programName}: es veterano o veterana como usted y recibió formación como coach. ` +
              `Espere una primera llamada o un mensaje en ${o.firstContactDays === 1 ? '1 día' : `${o.firstContactDays} días`} como máximo.\n\n` +
              `Cuando inicie sesión, verá cómo comunicarse con su coach: ${o.publicUrl}\n` +
              `\nCon agradecimiento,\nEl equipo de ${o.programName}\n`,
          }
        : {
            subject: 'Your coach is ready',
            text:
              `Hello ${o.participantGivenName},\n\n${o.coachGivenName}, a fellow veteran trained as a coach, will be your coach in ${o.programName}. ` +
              `Expect a first call or message within ${days}.\n\n` +
              `When you sign in you can see how to reach your coach: ${o.publicUrl}\n` +
              sign,
          },
    coach: {
      subject: 'A new participant to coach',
      text:
        `Hello ${o.coachGivenName},\n\nThank you: you have been paired with a new participant in ${o.programName}. ` +
        `Please make the first contact within ${days}.\n\n` +
        `Sign in to see who it is and how he or she prefers to be reached: ${o.publicUrl}\n` +
        sign,
    },
  };
}
