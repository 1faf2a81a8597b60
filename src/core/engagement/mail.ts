import type { Locale } from '../shared/locale';
import { greeting, type MailWords } from '../shared/mail';
import type { Channel } from '../shared/vocab';
import { modalityWords, sessionWhenWords } from './scheduling';

/**
 * The session e-mails (issue #3, ADR 0013) in the recipient's language (issue #16): the invitation
 * when a session is scheduled or moved, the cancellation, and the reminder before it. Subjects carry
 * nothing personal. The Spanish is the program's own translation (ADR 0041 amendment).
 */

export type SessionChange = 'scheduled' | 'moved' | 'cancelled';

/** Who reads the e-mail: the participant (about "your coach") or the coach (about "a participant you coach"). */
export type SessionAudience = 'participant' | 'coach';

export interface SessionMailFacts {
  startsAt: Date;
  timeZone: string;
  modality: Channel;
  videoLink: string | null;
  place: string | null;
  /** The page in Kindred that shows the session. */
  page: string;
}

const modalityWordsEs: Record<Channel, string> = {
  phone: 'una llamada telefónica',
  video: 'una videollamada',
  in_person: 'una reunión en persona',
  text: 'un control por mensaje de texto',
};

/** The session's way of meeting in words: "a phone call", "una llamada telefónica". */
export function modalityIn(modality: Channel, locale: Locale): string {
  return locale === 'es' ? modalityWordsEs[modality] : modalityWords[modality];
}

const otherWords: Record<Locale, Record<SessionAudience, string>> = {
  en: { participant: 'your coach', coach: 'a participant you coach' },
  es: { participant: 'su coach', coach: 'una persona a la que usted acompaña como coach' },
};

function whereLines(f: SessionMailFacts, locale: Locale): string[] {
  if (f.modality === 'video') {
    if (f.videoLink) return [locale === 'es' ? `Únase a la videollamada: ${f.videoLink}` : `Join the video call: ${f.videoLink}`];
    return [locale === 'es' ? 'Su coach le enviará el enlace de la videollamada.' : 'Your coach will send the video link.'];
  }
  if (f.modality === 'in_person') return [locale === 'es' ? `Dónde: ${f.place ?? ''}` : `Where: ${f.place ?? ''}`];
  return [];
}

const changeSubjects: Record<Locale, Record<SessionChange, string>> = {
  en: {
    scheduled: 'Your next Kindred session',
    moved: 'Your Kindred session has moved',
    cancelled: 'Your Kindred session is cancelled',
  },
  es: {
    scheduled: 'Su próxima sesión de Kindred',
    moved: 'Su sesión de Kindred cambió',
    cancelled: 'Su sesión de Kindred se canceló',
  },
};

/** The e-mail that goes with the calendar invitation (or cancellation) of a session. */
export function sessionChangeMail(change: SessionChange, f: SessionMailFacts, to: SessionAudience, locale: Locale): MailWords {
  const when = sessionWhenWords(f.startsAt, f.timeZone, locale);
  const other = otherWords[locale][to];
  const how = modalityIn(f.modality, locale);
  let lines: string[];
  if (locale === 'es') {
    lines =
      change === 'cancelled'
        ? [`Se canceló su sesión de Kindred con ${other} del ${when}.`]
        : [
            `${change === 'moved' ? 'Su sesión de Kindred cambió. Ahora es' : 'Su próxima sesión de Kindred es'} ${how} con ${other} el ${when}.`,
            ...whereLines(f, locale),
            '',
            'La invitación para su calendario va adjunta: ábrala para añadir la sesión a su calendario.',
          ];
    return {
      subject: changeSubjects.es[change],
      text: [greeting(locale), '', ...lines, '', `Véala en Kindred: ${f.page}`].join('\n'),
    };
  }
  lines =
    change === 'cancelled'
      ? [`Your Kindred session with ${other} on ${when} is cancelled.`]
      : [
          `${change === 'moved' ? 'Your Kindred session has moved. It is now' : 'Your next Kindred session is'} ${how} with ${other} on ${when}.`,
          ...whereLines(f, locale),
          '',
          'The calendar invitation is attached: open it to add the session to your calendar.',
        ];
  return {
    subject: changeSubjects.en[change],
    text: [greeting(locale), '', ...lines, '', `See it in Kindred: ${f.page}`].join('\n'),
  };
}

/** The reminder e-mail before a session. */
export function sessionReminderMail(f: SessionMailFacts, to: SessionAudience, locale: Locale): MailWords {
  const when = sessionWhenWords(f.startsAt, f.timeZone, locale);
  const other = otherWords[locale][to];
  const how = modalityIn(f.modality, locale);
  if (locale === 'es') {
    return {
      subject: 'Recordatorio: su sesión de Kindred',
      text: [
        greeting(locale),
        '',
        `Le recordamos que su sesión de Kindred con ${other} es ${how} el ${when}.`,
        ...whereLines(f, locale),
        '',
        `Véala en Kindred: ${f.page}`,
      ].join('\n'),
    };
  }
  return {
    subject: 'Reminder: your Kindred session',
    text: [
      greeting(locale),
      '',
      `A reminder: your Kindred session with ${other} is ${how} on ${when}.`,
      ...whereLines(f, locale),
      '',
      `See it in Kindred: ${f.page}`,
    ].join('\n'),
  };
}

/** What a text reminder of a session says: no names, the time in the program's zone, and where to join. */
export function sessionReminderText(f: Omit<SessionMailFacts, 'page'>, locale: Locale): string {
  const when = sessionWhenWords(f.startsAt, f.timeZone, locale);
  const how = modalityIn(f.modality, locale);
  if (locale === 'es') {
    const where =
      f.modality === 'video' && f.videoLink
        ? ` Únase: ${f.videoLink}`
        : f.modality === 'in_person'
          ? ` Dónde: ${f.place ?? ''}`
          : '';
    return `Kindred: recordatorio de su sesión (${how}) el ${when}.${where}`;
  }
  const where =
    f.modality === 'video' && f.videoLink
      ? ` Join: ${f.videoLink}`
      : f.modality === 'in_person'
        ? ` Where: ${f.place ?? ''}`
        : '';
  return `Kindred: reminder of your session (${how}) on ${when}.${where}`;
}
