import { dateOnWords } from '../../../core/shared/time';
import type { PipelineState, RetireReason } from '../../../core/volunteers';

/** An e-mail to a volunteer. Subjects say nothing personal: they show on lock screens. */
export interface VolunteerMail {
  subject: string;
  text: string;
}

const sign = (programName: string) => `\nWith thanks,\nThe ${programName} team\n`;

/** The confirmation a volunteer gets after applying on the public form. */
export function applicationReceivedMail(givenName: string, programName: string): VolunteerMail {
  return {
    subject: 'We received your application',
    text:
      `Hello ${givenName},\n\nThank you for offering to coach with ${programName}. We have your application.\n\n` +
      'Someone from the program team will read it and get in touch to talk it over. ' +
      'If you did not apply, you can ignore this e-mail.\n' +
      sign(programName),
  };
}

const retiredWords: Record<RetireReason, string> = {
  not_suitable:
    'After reading your application and talking with you, we will not be going ahead with coaching this time. ' +
    'Thank you for offering your time and your experience.',
  withdrew: 'You told us you would rather not go on. Thank you for your interest, and you are welcome to apply again.',
  no_response: 'We could not reach you, so we have closed your application for now. You are welcome to apply again.',
  training_not_completed:
    'As the training was not completed, we have closed your coaching place for now. You are welcome to apply again.',
  stepped_down: 'You have stepped down as a coach. Thank you for the difference you made to the people you coached.',
  other: 'Your time as a volunteer coach with us has come to an end. Thank you for all you offered.',
};

/**
 * What the volunteer is told at each step of the journey. `signInUrl` is where a coach in training
 * goes to take the modules (a separate invitation e-mail sets up the account).
 */
export function stepMail(
  to: PipelineState,
  o: {
    givenName: string;
    programName: string;
    publicUrl: string;
    from?: PipelineState | null;
    pausedUntil?: string;
    retiredReason?: RetireReason;
  },
): VolunteerMail {
  const hello = `Hello ${o.givenName},\n\n`;
  switch (to) {
    case 'applied':
      return applicationReceivedMail(o.givenName, o.programName);
    case 'screened':
      return {
        subject: 'Your application: next steps',
        text: `${hello}Thank you for talking with us. You have passed screening for ${o.programName}. Training comes next; we will be in touch when your place is ready.\n${sign(o.programName)}`,
      };
    case 'in_training':
      return {
        subject: 'Your coach training is ready',
        text:
          `${hello}Welcome to coach training with ${o.programName}. You will get a separate e-mail with a link to set up your Kindred account.\n\n` +
          'Once you are signed in, open Training: read each short module, answer its quiz, and sign the scope and boundaries agreement. ' +
          'When all of that is done, you can be matched with a participant.\n\n' +
          `Kindred: ${o.publicUrl}\n${sign(o.programName)}`,
      };
    case 'active':
      if (o.from === 'paused') {
        return {
          subject: 'Welcome back',
          text: `${hello}Your pause has ended and you are coaching with ${o.programName} again. We may match you with a participant soon.\n${sign(o.programName)}`,
        };
      }
      return {
        subject: 'You are ready to coach',
        text: `${hello}You have finished your training and signed the agreement. You can now be matched with a participant; we will let you know when that happens.\n${sign(o.programName)}`,
      };
    case 'paused':
      return {
        subject: 'Your coaching is paused',
        text: `${hello}Your coaching with ${o.programName} is paused until ${o.pausedUntil ? dateOnWords(o.pausedUntil) : 'further notice'}. You will not be matched with anyone new until then. Take the time you need.\n${sign(o.programName)}`,
      };
    case 'retired':
      return {
        subject: 'About your place as a volunteer coach',
        text: `${hello}${retiredWords[o.retiredReason ?? 'other']}\n${sign(o.programName)}`,
      };
  }
}
