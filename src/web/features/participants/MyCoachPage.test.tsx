import { describe, expect, it } from 'vitest';
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
