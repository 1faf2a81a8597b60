import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { englishT, translator } from '../../i18n/i18n';
import es from '../../i18n/messages/es.json';
import { nextTalkWords } from './MyCoachPage';

const now = new Date(2026, 11, 7, 9); // Mon 7 Dec 2026, local time

describe('the participant’s next talk (issue #16: dates disagree)', () => {
  it('names the session when the next talk is the scheduled session, so it cannot read as a second date', () => {
    expect(nextTalkWords('2026-12-08', 'session', now)).toBe('Your next talk is your session on Tue 8 Dec.');
  });

  it('says the day was agreed, or that the coach will be in touch by the program’s day', () => {
    expect(nextTalkWords('2026-12-15', 'agreed', now)).toBe('You and your coach agreed to talk next on Tue 15 Dec.');
    expect(nextTalkWords('2026-12-11', 'cadence', now)).toBe('Your coach will be in touch by Fri 11 Dec.');
  });

  it('never tells a participant a day that has passed', () => {
    expect(nextTalkWords('2026-12-04', 'cadence', now)).toBe('Your coach will be in touch soon.');
  });
});

describe("the participant's next talk on the program's calendar, not the device's (issue #16)", () => {
  // 6:00 AM UTC on Wed 9 Dec 2026: 1:00 AM Wed 9 Dec in New York, still 10:00 PM Tue 8 Dec in Los Angeles.
  const lateEvening = new Date('2026-12-09T06:00:00.000Z');
  const spanishT = translator(createIntl({ locale: 'es', messages: es }));

  it('keeps the day until it has passed where the program is, in English and Spanish', () => {
    expect(nextTalkWords('2026-12-08', 'cadence', lateEvening, englishT, 'en', 'America/Los_Angeles')).toBe(
      'Your coach will be in touch by Tue 8 Dec.',
    );
    expect(nextTalkWords('2026-12-08', 'cadence', lateEvening, englishT, 'en', 'America/New_York')).toBe(
      'Your coach will be in touch soon.',
    );
    expect(nextTalkWords('2026-12-08', 'session', lateEvening, spanishT, 'es', 'America/Los_Angeles')).toBe(
      'Su próxima conversación es su sesión del mar, 8 de dic.',
    );
    expect(nextTalkWords('2026-12-08', 'session', lateEvening, spanishT, 'es', 'America/New_York')).toBe(
      'Su coach se comunicará con usted pronto.',
    );
  });
});
