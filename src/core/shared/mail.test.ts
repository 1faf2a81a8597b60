import { describe, expect, it } from 'vitest';
import { invitationMail, passwordResetMail, signInAttemptsMail, signInCodeMail } from '../accounts/mail';
import {
  assessmentLinkMail,
  assessmentLinkReminderMail,
  assessmentLinkText,
  LINK_REMINDER_SUBJECT,
  LINK_SUBJECT,
} from '../assessments/mail';
import {
  sessionChangeMail,
  sessionReminderMail,
  sessionReminderText,
  sessionWhenWords,
  type SessionMailFacts,
} from '../engagement';
import { checkInReminderMail } from '../guidance/mail';
import { pairedMail } from '../matching/mail';
import { classInvitationMail } from '../trials/mail';
import type { Locale } from './locale';
import type { MailWords } from './mail';

/** Wednesday 9 December 2026, 6:00 PM in New York. */
const startsAt = new Date('2026-12-09T23:00:00Z');
const tz = 'America/New_York';
const url = 'https://k.example/x/1';

const session = (over: Partial<SessionMailFacts> = {}): SessionMailFacts => ({
  startsAt,
  timeZone: tz,
  modality: 'video',
  videoLink: 'https://v.example/sala',
  place: null,
  page: url,
  ...over,
});

/** Every participant-facing e-mail, written by its pure function in one language. */
function allMails(locale: Locale): Record<string, MailWords> {
  return {
    checkIn: checkInReminderMail(locale, 'Ana', url),
    scheduled: sessionChangeMail('scheduled', session(), 'participant', locale),
    moved: sessionChangeMail('moved', session({ modality: 'in_person', place: 'Biblioteca central' }), 'participant', locale),
    cancelled: sessionChangeMail('cancelled', session({ modality: 'phone' }), 'participant', locale),
    noLink: sessionChangeMail('scheduled', session({ videoLink: null }), 'participant', locale),
    reminder: sessionReminderMail(session(), 'participant', locale),
    paired: pairedMail(
      { programName: 'Programa Sol', publicUrl: url, participantGivenName: 'Ana', coachGivenName: 'Luis', firstContactDays: 3 },
      locale,
    ).participant,
    link: assessmentLinkMail(locale, { programName: 'Programa Sol', timepoint: 'Inicio', url, until: 'X' }),
    linkReminder: assessmentLinkReminderMail(locale, {
      programName: 'Programa Sol',
      timepoint: 'Inicio',
      sentOn: 'Y',
      until: 'X',
    }),
    classInvitation: classInvitationMail(locale, {
      givenName: 'Ana',
      programName: 'Programa Sol',
      startsAt,
      timeZone: tz,
      place: 'Biblioteca central',
      videoUrl: 'https://v.example/clase',
    }),
    invitation: invitationMail(locale, {
      displayName: 'Ana',
      inviterName: 'Marta',
      programName: 'Programa Sol',
      link: url,
      until: 'X',
    }),
    reset: passwordResetMail(locale, { displayName: 'Ana', link: url, minutes: 30 }),
    code: signInCodeMail(locale, { displayName: 'Ana', code: '123456', minutes: 10 }),
    attempts: signInAttemptsMail(locale, { displayName: 'Ana', publicUrl: 'https://k.example' }),
  };
}

/** English words that must not be left in a Spanish e-mail. */
const ENGLISH =
  /\b(Hello|Reminder|reminder|Your|your|you|the|and|with|on|is|at|AM|PM|Eastern|time|session|link|Open|Join|Where|See|please|Please|questions|questionnaires|password|code|December|Wednesday|By video|thanks|team)\b/;

describe('participant e-mails in Spanish', () => {
  const es = allMails('es');
  for (const [name, mail] of Object.entries(es)) {
    it(`${name}: Spanish subject and body, with no English left over`, () => {
      expect(mail.subject).not.toMatch(ENGLISH);
      // Addresses are the app's own paths (/account/password), not words a person reads.
      expect(mail.text.replace(/https?:\/\/\S+/g, '')).not.toMatch(ENGLISH);
      expect(mail.text.startsWith('Hola')).toBe(true);
    });
  }

  it('differ from the English one by one', () => {
    const en = allMails('en');
    for (const name of Object.keys(en)) {
      expect(es[name]!.subject).not.toBe(en[name]!.subject);
      expect(es[name]!.text).not.toBe(en[name]!.text);
    }
  });

  it('keep subjects free of personal data', () => {
    for (const locale of ['en', 'es'] as const) {
      for (const mail of Object.values(allMails(locale))) {
        expect(mail.subject).not.toMatch(/Ana|Luis|Marta|Programa Sol|123456|https?:/);
      }
    }
  });

  it('state a session’s time in Spanish words in the program’s zone, 12-hour clock', () => {
    expect(sessionWhenWords(startsAt, tz, 'es')).toBe('miércoles, 9 de diciembre de 2026, 6:00 p. m. hora oriental');
    expect(es['scheduled']!.text).toContain(
      'Su próxima sesión de Kindred es una videollamada con su coach el miércoles, 9 de diciembre de 2026, 6:00 p. m. hora oriental.',
    );
    expect(es['scheduled']!.text).toContain('Únase a la videollamada: https://v.example/sala');
    expect(es['moved']!.text).toContain('Dónde: Biblioteca central');
    expect(es['noLink']!.text).toContain('Su coach le enviará el enlace de la videollamada.');
    expect(es['classInvitation']!.text).toContain('el miércoles, 9 de diciembre de 2026, 6:00 p. m. hora oriental');
  });

  it('carry the link, the code and the name they are about', () => {
    expect(es['checkIn']!.text).toContain(`Haga su control aquí: ${url}`);
    expect(es['checkIn']!.text).toContain('control semanal');
    expect(es['link']!.text).toContain(`Abrir: ${url}`);
    expect(es['link']!.text).toContain('(Inicio)');
    expect(es['linkReminder']!.text).toContain('"Kindred: preguntas de su programa"');
    expect(es['code']!.text).toContain('123456');
    expect(es['paired']!.text).toContain('Luis será su coach en Programa Sol');
  });
});

describe('participant e-mails in English stay as they were', () => {
  const en = allMails('en');

  it('keep their subjects', () => {
    expect(en['checkIn']!.subject).toBe('Your weekly check-in');
    expect(en['scheduled']!.subject).toBe('Your next Kindred session');
    expect(en['moved']!.subject).toBe('Your Kindred session has moved');
    expect(en['cancelled']!.subject).toBe('Your Kindred session is cancelled');
    expect(en['reminder']!.subject).toBe('Reminder: your Kindred session');
    expect(en['paired']!.subject).toBe('Your coach is ready');
    expect(en['link']!.subject).toBe(LINK_SUBJECT);
    expect(en['linkReminder']!.subject).toBe(LINK_REMINDER_SUBJECT);
    expect(en['classInvitation']!.subject).toBe('Kindred: your class');
    expect(en['invitation']!.subject).toBe('Your invitation to Kindred');
    expect(en['reset']!.subject).toBe('Choose a new Kindred password');
    expect(en['code']!.subject).toBe('Your Kindred sign-in code');
    expect(en['attempts']!.subject).toBe('Sign-in attempts on your Kindred account');
  });

  it('keep their words', () => {
    expect(sessionWhenWords(startsAt, tz)).toBe('Wednesday 9 December 2026 at 6:00 PM Eastern time');
    expect(en['scheduled']!.text).toBe(
      [
        'Hello,',
        '',
        'Your next Kindred session is a video call with your coach on Wednesday 9 December 2026 at 6:00 PM Eastern time.',
        'Join the video call: https://v.example/sala',
        '',
        'The calendar invitation is attached: open it to add the session to your calendar.',
        '',
        `See it in Kindred: ${url}`,
      ].join('\n'),
    );
    expect(en['reminder']!.text).toContain(
      'A reminder: your Kindred session with your coach is a video call on Wednesday 9 December 2026 at 6:00 PM Eastern time.',
    );
    expect(en['checkIn']!.text).toContain(`Hello Ana,\n\nIt is time for your weekly pain check-in`);
    expect(en['code']!.text).toContain('Your Kindred sign-in code is 123456. It works once, for 10 minutes.');
    expect(sessionChangeMail('scheduled', session(), 'coach', 'en').text).toContain('with a participant you coach on');
  });
});

describe('the texts that go with these e-mails', () => {
  it('remind of a session in the participant’s language', () => {
    expect(sessionReminderText(session({ modality: 'in_person', place: 'Biblioteca central' }), 'es')).toBe(
      'Kindred: recordatorio de su sesión (una reunión en persona) el miércoles, 9 de diciembre de 2026, 6:00 p. m. hora oriental. Dónde: Biblioteca central',
    );
    expect(sessionReminderText(session(), 'en')).toBe(
      'Kindred: reminder of your session (a video call) on Wednesday 9 December 2026 at 6:00 PM Eastern time. Join: https://v.example/sala',
    );
  });

  it('carry the questionnaire link in the participant’s language', () => {
    const f = { programName: 'Programa Sol', timepoint: 'Inicio', url, until: 'X' };
    expect(assessmentLinkText('es', f)).toBe(
      `Programa Sol: por favor, conteste unas preguntas cortas (Inicio). Su propio enlace, hasta el X: ${url}`,
    );
    expect(assessmentLinkText('en', f)).toBe(
      `Programa Sol: please answer a few short questions (Inicio). Your own link, until X: ${url}`,
    );
  });
});
