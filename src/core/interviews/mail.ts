import { modalityIn, sessionWhenWords } from '../engagement';
import type { Locale } from '../shared/locale';
import { greeting, type MailWords } from '../shared/mail';
import type { Channel } from '../shared/vocab';

/**
 * The interview e-mails and text (issue #13, ADR 0050) in the participant's language (issue #16):
 * the invitation, and the interview's time once it is scheduled. Subjects and texts carry nothing
 * personal and do not say what the study is about. The Spanish is the program's own translation.
 */

/** The invitation e-mail: what is asked, that it is the person's choice, and where to answer. */
export function interviewInvitationMail(page: string, locale: Locale): MailWords {
  if (locale === 'es') {
    return {
      subject: 'Una invitación de Kindred',
      text: [
        greeting(locale),
        '',
        'Estamos conversando con algunas personas del programa sobre cómo les ha ido, y nos gustaría escucharle a usted.',
        'Es una conversación de unos 45 minutos, por teléfono, por video o en persona, cuando a usted le convenga.',
        'Participar es su decisión: si dice que no, nada cambia en su programa ni con su coach.',
        '',
        `Lea la invitación y responda en Kindred: ${page}`,
      ].join('\n'),
    };
  }
  return {
    subject: 'An invitation from Kindred',
    text: [
      greeting(locale),
      '',
      'We are talking with some people in the program about how it has gone for them, and we would like to hear from you.',
      'It is a conversation of about 45 minutes, by phone, video or in person, at a time that suits you.',
      'Taking part is up to you: saying no changes nothing about your program or your coach.',
      '',
      `Read the invitation and answer in Kindred: ${page}`,
    ].join('\n'),
  };
}

/** The invitation by text message, for a participant with no e-mail address. */
export function interviewInvitationText(page: string, locale: Locale): string {
  return locale === 'es'
    ? `Kindred: le invitamos a una conversación sobre el programa. Es su decisión. Lea y responda: ${page}`
    : `Kindred: you are invited to a conversation about the program. It is up to you. Read and answer: ${page}`;
}

export interface InterviewMailFacts {
  startsAt: Date;
  timeZone: string;
  modality: Channel;
  videoLink: string | null;
  place: string | null;
  page: string;
  /** Whether the interview was moved (it had a time before). */
  isMoved: boolean;
}

function whereLine(f: InterviewMailFacts, locale: Locale): string[] {
  if (f.modality === 'video' && f.videoLink)
    return [locale === 'es' ? `Únase a la videollamada: ${f.videoLink}` : `Join the video call: ${f.videoLink}`];
  if (f.modality === 'in_person' && f.place) return [locale === 'es' ? `Dónde: ${f.place}` : `Where: ${f.place}`];
  return [];
}

/** The e-mail that goes with the calendar invitation of the interview. */
export function interviewScheduledMail(f: InterviewMailFacts, locale: Locale): MailWords {
  const when = sessionWhenWords(f.startsAt, f.timeZone, locale);
  const how = modalityIn(f.modality, locale);
  if (locale === 'es') {
    return {
      subject: f.isMoved ? 'Su entrevista de Kindred cambió' : 'Su entrevista de Kindred',
      text: [
        greeting(locale),
        '',
        `${f.isMoved ? 'Su entrevista cambió. Ahora es' : 'Gracias por aceptar. Su entrevista es'} ${how} el ${when}.`,
        ...whereLine(f, locale),
        '',
        'La invitación para su calendario va adjunta.',
        '',
        `Véala en Kindred: ${f.page}`,
      ].join('\n'),
    };
  }
  return {
    subject: f.isMoved ? 'Your Kindred interview has moved' : 'Your Kindred interview',
    text: [
      greeting(locale),
      '',
      `${f.isMoved ? 'Your interview has moved. It is now' : 'Thank you for agreeing. Your interview is'} ${how} on ${when}.`,
      ...whereLine(f, locale),
      '',
      'The calendar invitation is attached.',
      '',
      `See it in Kindred: ${f.page}`,
    ].join('\n'),
  };
}

/** The e-mail that goes with the calendar cancellation when staff cancel a booked interview. */
export function interviewCancelledMail(
  f: Omit<InterviewMailFacts, 'isMoved' | 'videoLink' | 'place'>,
  locale: Locale,
): MailWords {
  const when = sessionWhenWords(f.startsAt, f.timeZone, locale);
  const how = modalityIn(f.modality, locale);
  if (locale === 'es') {
    return {
      subject: 'Su entrevista de Kindred fue cancelada',
      text: [
        greeting(locale),
        '',
        `Su entrevista ${how} del ${when} fue cancelada. Nos pondremos en contacto para buscar otro momento, si usted quiere.`,
        '',
        'La cancelación para su calendario va adjunta.',
        '',
        `Véala en Kindred: ${f.page}`,
      ].join('\n'),
    };
  }
  return {
    subject: 'Your Kindred interview is cancelled',
    text: [
      greeting(locale),
      '',
      `Your interview ${how} on ${when} is cancelled. We will be in touch to find another time, if you would like one.`,
      '',
      'The calendar cancellation is attached.',
      '',
      `See it in Kindred: ${f.page}`,
    ].join('\n'),
  };
}

/** The reminder before the interview, by e-mail. */
export function interviewReminderMail(f: Omit<InterviewMailFacts, 'isMoved'>, locale: Locale): MailWords {
  const when = sessionWhenWords(f.startsAt, f.timeZone, locale);
  const how = modalityIn(f.modality, locale);
  const facts = { ...f, isMoved: false };
  if (locale === 'es') {
    return {
      subject: 'Recordatorio: su entrevista de Kindred',
      text: [
        greeting(locale),
        '',
        `Le recordamos que su entrevista es ${how} el ${when}.`,
        ...whereLine(facts, locale),
        '',
        `Véala en Kindred: ${f.page}`,
      ].join('\n'),
    };
  }
  return {
    subject: 'Reminder: your Kindred interview',
    text: [
      greeting(locale),
      '',
      `A reminder: your interview is ${how} on ${when}.`,
      ...whereLine(facts, locale),
      '',
      `See it in Kindred: ${f.page}`,
    ].join('\n'),
  };
}

/** The reminder by text message: no names, the time in the program's zone. */
export function interviewReminderText(f: Pick<InterviewMailFacts, 'startsAt' | 'timeZone' | 'modality'>, locale: Locale): string {
  const when = sessionWhenWords(f.startsAt, f.timeZone, locale);
  const how = modalityIn(f.modality, locale);
  return locale === 'es'
    ? `Kindred: recordatorio de su entrevista (${how}) el ${when}.`
    : `Kindred: reminder of your interview (${how}) on ${when}.`;
}
