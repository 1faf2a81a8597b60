import type { Locale } from '../shared/locale';
import { greeting, type MailWords } from '../shared/mail';

/**
 * The account e-mails (invitation, new password, sign-in code, sign-in attempts), in the language
 * of the participant the account belongs to, else English (issue #16). Subjects carry nothing
 * personal. The Spanish is the program's own translation (ADR 0041 amendment).
 */

export function invitationMail(
  locale: Locale,
  f: { displayName: string; inviterName: string; programName: string; link: string; /** In words. */ until: string },
): MailWords {
  if (locale === 'es') {
    return {
      subject: 'Su invitación a Kindred',
      text:
        `${greeting(locale, f.displayName)}\n\n${f.inviterName} le invitó a unirse a ${f.programName} en Kindred.\n\n` +
        `Abra este enlace para elegir su contraseña (funciona una sola vez, hasta el ${f.until}):\n${f.link}\n\n` +
        'Si no esperaba este correo, puede ignorarlo.\n',
    };
  }
  return {
    subject: 'Your invitation to Kindred',
    text:
      `${greeting(locale, f.displayName)}\n\n${f.inviterName} has invited you to join ${f.programName} on Kindred.\n\n` +
      `Open this link to choose your password (it works once, until ${f.until}):\n${f.link}\n\n` +
      'If you were not expecting this, you can ignore this e-mail.\n',
  };
}

export function passwordResetMail(locale: Locale, f: { displayName: string; link: string; minutes: number }): MailWords {
  if (locale === 'es') {
    return {
      subject: 'Elija una nueva contraseña de Kindred',
      text:
        `${greeting(locale, f.displayName)}\n\n` +
        'Alguien (esperamos que usted) pidió elegir una nueva contraseña para su cuenta de Kindred.\n\n' +
        `Abra este enlace en los próximos ${f.minutes} minutos para elegirla. Funciona una sola vez:\n` +
        `${f.link}\n\n` +
        'Si no lo pidió, puede ignorar este correo: su contraseña sigue igual.\n',
    };
  }
  return {
    subject: 'Choose a new Kindred password',
    text:
      `${greeting(locale, f.displayName)}\n\n` +
      'Someone (we hope you) asked to choose a new password for your Kindred account.\n\n' +
      `Open this link within ${f.minutes} minutes to choose one. It works once:\n` +
      `${f.link}\n\n` +
      'If you did not ask, you can ignore this e-mail: your password stays as it is.\n',
  };
}

/** The sign-in code's words: the text message itself, and the body of the e-mail. */
export function signInCodeWords(locale: Locale, code: string, minutes: number): string {
  return locale === 'es'
    ? `Su código para entrar en Kindred es ${code}. Funciona una sola vez, durante ${minutes} minutos. Nadie de Kindred se lo pedirá.`
    : `Your Kindred sign-in code is ${code}. It works once, for ${minutes} minutes. Nobody from Kindred will ask you for it.`;
}

export function signInCodeMail(locale: Locale, f: { displayName: string; code: string; minutes: number }): MailWords {
  const words = signInCodeWords(locale, f.code, f.minutes);
  if (locale === 'es') {
    return {
      subject: 'Su código para entrar en Kindred',
      text: `${greeting(locale, f.displayName)}\n\n${words}\n\nSi no lo pidió, puede ignorar este mensaje.\n`,
    };
  }
  return {
    subject: 'Your Kindred sign-in code',
    text: `${greeting(locale, f.displayName)}\n\n${words}\n\nIf you did not ask for it, you can ignore this message.\n`,
  };
}

export function signInAttemptsMail(locale: Locale, f: { displayName: string; publicUrl: string }): MailWords {
  if (locale === 'es') {
    return {
      subject: 'Intentos de entrar en su cuenta de Kindred',
      text:
        `${greeting(locale, f.displayName)}\n\n` +
        'Alguien escribió una contraseña equivocada para su cuenta de Kindred varias veces seguidas, desde un ' +
        'dispositivo desde el que usted no había entrado antes.\n\n' +
        'Si fue usted, no tiene que hacer nada. Si no, su cuenta sigue segura mientras nadie adivine su ' +
        'contraseña: Kindred ahora hace más lentos los nuevos intentos desde dispositivos desconocidos, y los ' +
        'dispositivos desde los que usted ya entró no se ven afectados.\n\n' +
        `Para mayor seguridad, elija una contraseña nueva y larga: ${f.publicUrl}/account/password\n` +
        `¿La olvidó? ${f.publicUrl}/forgot-password\n` +
        `Con la verificación en dos pasos, una contraseña adivinada no sirve de nada: ${f.publicUrl}/account/security\n`,
    };
  }
  return {
    subject: 'Sign-in attempts on your Kindred account',
    text:
      `${greeting(locale, f.displayName)}\n\n` +
      'Someone has typed a wrong password for your Kindred account several times in a row, from a device ' +
      'you have not signed in from before.\n\n' +
      'If that was you, there is nothing to do. If not, your account is still safe as long as your password ' +
      'is not guessed: Kindred now slows down further tries from unknown devices, and the devices you have ' +
      'signed in from before are not affected.\n\n' +
      `To be safe, choose a new, long password: ${f.publicUrl}/account/password\n` +
      `Forgot it? ${f.publicUrl}/forgot-password\n` +
      `Two-factor sign-in makes a guessed password useless: ${f.publicUrl}/account/security\n`,
  };
}
