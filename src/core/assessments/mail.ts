import type { Locale } from '../shared/locale';
import { greeting, type MailWords } from '../shared/mail';

/**
 * The e-mails of the one-time questionnaire link (issue #16), in the participant's language: the
 * link itself and the one reminder when it was not opened. Subjects carry nothing personal. The
 * Spanish is the program's own translation (ADR 0041 amendment). Dates come in already as words in
 * the same language (`dateOnWords(dateOn, locale)`); the timepoint's label is the program's own.
 */

export const LINK_SUBJECT = 'Kindred: questions from your program';
export const LINK_REMINDER_SUBJECT = 'Kindred: a reminder about your program\u2019s questions';

export const linkSubjects: Record<Locale, { link: string; reminder: string }> = {
  en: { link: LINK_SUBJECT, reminder: LINK_REMINDER_SUBJECT },
  es: { link: 'Kindred: preguntas de su programa', reminder: 'Kindred: un recordatorio sobre las preguntas de su programa' },
};

export interface LinkMailFacts {
  programName: string;
  /** The timepoint's label, as the program named it ("Baseline", "3 months"). */
  timepoint: string;
  url: string;
  /** The last day the link works, in words. */
  until: string;
}

/** The e-mail that carries a one-time questionnaire link. */
export function assessmentLinkMail(locale: Locale, f: LinkMailFacts): MailWords {
  if (locale === 'es') {
    return {
      subject: linkSubjects.es.link,
      text: [
        greeting(locale),
        '',
        `${f.programName} le pide que conteste unos cuestionarios cortos (${f.timepoint}). Toman unos 10 minutos y se pueden contestar en el teléfono.`,
        '',
        `Abrir: ${f.url}`,
        '',
        `El enlace es solo para usted y funciona hasta el ${f.until}. Puede parar y volver más tarde; una vez que envíe sus respuestas, ya no se puede usar.`,
        'Si no esperaba este mensaje, puede ignorarlo.',
      ].join('\n'),
    };
  }
  return {
    subject: LINK_SUBJECT,
    text: [
      greeting(locale),
      '',
      `${f.programName} asks you to answer a few short questionnaires (${f.timepoint}). They take about 10 minutes and work on a phone.`,
      '',
      `Open: ${f.url}`,
      '',
      `The link is yours alone and works until ${f.until}. You can stop and come back to it; once you send your answers it cannot be used again.`,
      'If you did not expect this message, you can ignore it.',
    ].join('\n'),
  };
}

/** The one reminder of a link not opened yet: it cannot carry the link (only its hash is kept). */
export function assessmentLinkReminderMail(
  locale: Locale,
  f: Omit<LinkMailFacts, 'url'> & { /** The day the link was sent, in words. */ sentOn: string },
): MailWords {
  if (locale === 'es') {
    return {
      subject: linkSubjects.es.reminder,
      text: [
        greeting(locale),
        '',
        `El ${f.sentOn}, ${f.programName} le envió un enlace a unos cuestionarios cortos (${f.timepoint}). Todavía no se ha abierto y funciona hasta el ${f.until}.`,
        '',
        `Busque nuestro correo con el asunto "${linkSubjects.es.link}". Si no lo encuentra, comuníquese con su programa y pida un enlace nuevo.`,
        'Si no esperaba este mensaje, puede ignorarlo.',
      ].join('\n'),
    };
  }
  return {
    subject: LINK_REMINDER_SUBJECT,
    text: [
      greeting(locale),
      '',
      `On ${f.sentOn} ${f.programName} sent you a link to a few short questionnaires (${f.timepoint}). It has not been opened yet and works until ${f.until}.`,
      '',
      `Look for our e-mail with the subject "${LINK_SUBJECT}". If you cannot find it, contact your program and ask for a new link.`,
      'If you did not expect this message, you can ignore it.',
    ].join('\n'),
  };
}

/** The questionnaire link by text message: the program, the timepoint, the last day and the link. */
export function assessmentLinkText(locale: Locale, f: LinkMailFacts): string {
  return locale === 'es'
    ? `${f.programName}: por favor, conteste unas preguntas cortas (${f.timepoint}). Su propio enlace, hasta el ${f.until}: ${f.url}`
    : `${f.programName}: please answer a few short questions (${f.timepoint}). Your own link, until ${f.until}: ${f.url}`;
}
