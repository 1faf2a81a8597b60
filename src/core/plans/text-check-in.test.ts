import { describe, expect, it } from 'vitest';
import { findInstrument } from '../instruments';
import { DEFAULT_CRISIS_INFO } from '../safety/crisis';
import {
  askAgainText,
  checkInPromptText,
  checkInSummaryText,
  comparedWithLast,
  crisisText,
  decideReply,
  isInReplyWindow,
  MAX_ASK_AGAIN,
  parseCheckInReply,
  PEG_TEXT_QUESTIONS,
  textCheckInDue,
  textCheckInFields,
  textCheckInProblem,
  type TextCheckInFacts,
} from './text-check-in';

const scores = (pain: number, enjoyment: number, activity: number, note = '') => ({
  kind: 'scores',
  pain,
  enjoyment,
  activity,
  note,
});

describe('parseCheckInReply', () => {
  it.each([
    ['6 5 7', scores(6, 5, 7)],
    ['6,5,7', scores(6, 5, 7)],
    ['6, 5, 7', scores(6, 5, 7)],
    ['6/5/7', scores(6, 5, 7)],
    ['6-5-7', scores(6, 5, 7)],
    ['  6\n5\n7  ', scores(6, 5, 7)],
    ['pain 6 5 7', scores(6, 5, 7)],
    ['PEG: 6 5 7', scores(6, 5, 7)],
    ['10 10 10', scores(10, 10, 10)],
    ['0 0 0', scores(0, 0, 0)],
    ['6 5 7 rough week with my back', scores(6, 5, 7, 'rough week with my back')],
    ['I think 6, 5 and 7', scores(6, 5, 7, 'I think and')],
    ['６ ５ ７', scores(6, 5, 7)],
    ['6️⃣ 5️⃣ 7️⃣', scores(6, 5, 7)],
    ['6 5 7 👍', scores(6, 5, 7, '👍')],
  ])('reads %j', (body, expected) => {
    expect(parseCheckInReply(body)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['👍', 'no_numbers'],
    ['😀😀😀', 'no_numbers'],
    ['feeling bad this week', 'no_numbers'],
    ['6 5', 'not_three'],
    ['6', 'not_three'],
    ['657', 'not_three'],
    ['6 5 7 8', 'not_three'],
    ['6.5 5 7', 'not_three'],
    ['call me at 3 pm on the 12th about 6 5 7', 'not_three'],
    ['6 5 11', 'out_of_range'],
    ['12 5 7', 'out_of_range'],
    ['100 5 7', 'out_of_range'],
  ])('cannot read %j (%s)', (body, why) => {
    expect(parseCheckInReply(body)).toEqual({ kind: 'unreadable', why });
  });

  it('keeps at most 1,000 characters of words as the note', () => {
    const r = parseCheckInReply(`6 5 7 ${'a'.repeat(1500)}`);
    expect(r.kind === 'scores' && r.note.length).toBe(1000);
  });
});

describe('textCheckInDue', () => {
  const zone = 'America/New_York';
  const on: TextCheckInFacts = {
    status: 'active',
    phone: '317 555 0200',
    textCheckInDay: 'mon',
    textCheckInTime: '18:00',
    contactPausedUntil: null,
    lastCheckInOn: null,
  };
  // Monday 2 March 2026, 18:00 in New York is 23:00 UTC (EST).
  const mondayAt = (utc: string) => new Date(`2026-03-02T${utc}Z`);

  it('is due on the chosen weekday at or after the chosen local time, with the ISO week as its key', () => {
    expect(textCheckInDue(on, mondayAt('22:59:59'), zone)).toEqual({ isDue: false, why: 'too_early' });
    expect(textCheckInDue(on, mondayAt('23:00:00'), zone)).toEqual({ isDue: true, week: '2026-W10', today: '2026-03-02' });
    expect(textCheckInDue(on, new Date('2026-03-03T04:59:00Z'), zone)).toMatchObject({ isDue: true, today: '2026-03-02' });
    // Past midnight local it is Tuesday: not the day.
    expect(textCheckInDue(on, new Date('2026-03-03T05:00:00Z'), zone)).toEqual({ isDue: false, why: 'not_the_day' });
    // In UTC it is already Tuesday, but it is Monday 7 PM in Los Angeles.
    expect(textCheckInDue(on, new Date('2026-03-03T03:00:00Z'), 'America/Los_Angeles')).toMatchObject({ isDue: true });
  });

  it('follows the wall clock across daylight saving', () => {
    // 9 March 2026 (after the change on 8 March): 18:00 EDT is 22:00 UTC.
    expect(textCheckInDue(on, new Date('2026-03-09T21:59:00Z'), zone)).toMatchObject({ why: 'too_early' });
    expect(textCheckInDue(on, new Date('2026-03-09T22:00:00Z'), zone)).toMatchObject({ isDue: true, week: '2026-W11' });
    // A time skipped on the Sunday of the change is reached at the first minute after it.
    const sunday = { ...on, textCheckInDay: 'sun' as const, textCheckInTime: '02:30' };
    expect(textCheckInDue(sunday, new Date('2026-03-08T06:59:00Z'), zone)).toMatchObject({ why: 'too_early' });
    expect(textCheckInDue(sunday, new Date('2026-03-08T07:00:00Z'), zone)).toMatchObject({ isDue: true });
  });

  it('is not due when off, without a phone, outside the program, paused, or checked in this past week', () => {
    const at = mondayAt('23:30:00');
    expect(textCheckInDue({ ...on, textCheckInDay: null, textCheckInTime: null }, at, zone)).toMatchObject({ why: 'off' });
    expect(textCheckInDue({ ...on, phone: ' ' }, at, zone)).toMatchObject({ why: 'no_phone' });
    for (const status of ['referred', 'completed', 'withdrawn'])
      expect(textCheckInDue({ ...on, status }, at, zone)).toMatchObject({ why: 'not_in_program' });
    expect(textCheckInDue({ ...on, status: 'enrolled' }, at, zone)).toMatchObject({ isDue: true });
    expect(textCheckInDue({ ...on, contactPausedUntil: '2026-03-03' }, at, zone)).toMatchObject({ why: 'paused' });
    expect(textCheckInDue({ ...on, contactPausedUntil: '2026-03-02' }, at, zone)).toMatchObject({ isDue: true });
    expect(textCheckInDue({ ...on, lastCheckInOn: '2026-02-28' }, at, zone)).toMatchObject({ why: 'checked_in' });
    expect(textCheckInDue({ ...on, lastCheckInOn: '2026-02-23' }, at, zone)).toMatchObject({ isDue: true });
  });
});

describe('the choice', () => {
  it('needs a day and a time together, and a phone number', () => {
    expect(textCheckInProblem({ textCheckInDay: null, textCheckInTime: null, phone: null })).toBeNull();
    expect(textCheckInProblem({ textCheckInDay: 'mon', textCheckInTime: '18:00', phone: '317 555 0200' })).toBeNull();
    expect(textCheckInProblem({ textCheckInDay: 'mon', textCheckInTime: null, phone: '1' })).toMatchObject({
      field: 'textCheckInTime',
    });
    expect(textCheckInProblem({ textCheckInDay: null, textCheckInTime: '18:00', phone: '1' })).toMatchObject({
      field: 'textCheckInDay',
    });
    expect(textCheckInProblem({ textCheckInDay: 'mon', textCheckInTime: '18:00', phone: null })).toEqual({
      field: 'phone',
      message: 'Add a phone number to get the check-in by text',
    });
  });

  it('takes times from 7 AM to 9 PM only, with a plain message', () => {
    expect(textCheckInFields.textCheckInTime.safeParse('07:00').success).toBe(true);
    expect(textCheckInFields.textCheckInTime.safeParse('21:00').success).toBe(true);
    const late = textCheckInFields.textCheckInTime.safeParse('21:30');
    expect(late.success).toBe(false);
    expect(late.error?.issues[0]?.message).toBe('Choose a time between 7 AM and 9 PM');
  });
});

describe('replies', () => {
  it('are read for seven days after the prompt', () => {
    const sent = new Date('2026-03-02T23:00:00Z');
    expect(isInReplyWindow(sent, new Date('2026-03-02T23:05:00Z'))).toBe(true);
    expect(isInReplyWindow(sent, new Date('2026-03-09T22:59:59Z'))).toBe(true);
    expect(isInReplyWindow(sent, new Date('2026-03-09T23:00:00Z'))).toBe(false);
    expect(isInReplyWindow(sent, new Date('2026-03-02T22:00:00Z'))).toBe(false);
  });

  it('record, correct, ask again a bounded number of times, or answer nothing', () => {
    const readable = parseCheckInReply('6 5 7');
    const unreadable = parseCheckInReply('hello');
    expect(decideReply(readable, null)).toEqual({ kind: 'none', why: 'no_prompt' });
    expect(decideReply(unreadable, null)).toEqual({ kind: 'none', why: 'no_prompt' });
    expect(decideReply(readable, { isAnswered: false, askedAgain: 0 })).toEqual({ kind: 'record', isCorrection: false });
    expect(decideReply(readable, { isAnswered: true, askedAgain: 2 })).toEqual({ kind: 'record', isCorrection: true });
    expect(decideReply(unreadable, { isAnswered: false, askedAgain: 0 })).toEqual({ kind: 'ask_again' });
    expect(decideReply(unreadable, { isAnswered: false, askedAgain: MAX_ASK_AGAIN - 1 })).toEqual({ kind: 'ask_again' });
    expect(decideReply(unreadable, { isAnswered: false, askedAgain: MAX_ASK_AGAIN })).toEqual({
      kind: 'none',
      why: 'asked_enough',
    });
    expect(decideReply(unreadable, { isAnswered: true, askedAgain: 0 })).toEqual({ kind: 'none', why: 'already_answered' });
  });
});

describe('texts', () => {
  it('ask the PEG questions in the instrument library’s English words', () => {
    const peg = findInstrument('peg');
    expect(peg?.definition.items.map((i) => i.text)).toEqual([...PEG_TEXT_QUESTIONS.en]);
    const prompt = checkInPromptText('en');
    for (const q of PEG_TEXT_QUESTIONS.en) expect(prompt).toContain(q);
    expect(prompt).toContain('6 5 7');
    expect(prompt).toContain('STOP');
  });

  it('exist in Spanish for every message', () => {
    const es = [
      checkInPromptText('es'),
      askAgainText('es'),
      checkInSummaryText({ pain: 6, enjoyment: 5, activity: 7, score: 6, previousScore: 6.3, isCorrection: false }, 'es'),
      crisisText(DEFAULT_CRISIS_INFO, 'es'),
    ];
    for (const t of es) expect(t).toMatch(/[áéíóúñ¿]|Responda|Envíe|gracias|llame/);
    expect(checkInPromptText('es')).toContain(PEG_TEXT_QUESTIONS.es[0]);
    expect(checkInPromptText('es')).toContain('STOP');
    expect(askAgainText('es')).toContain('6 5 7');
    expect(crisisText(DEFAULT_CRISIS_INFO, 'es')).toContain('988 y marque 1');
  });

  it('ask again with an example', () => {
    expect(askAgainText('en')).toContain('For example: 6 5 7');
  });

  it('sum up the week plainly, against the last check-in by the 1-point rule', () => {
    const base = { pain: 6, enjoyment: 5, activity: 7, score: 6, isCorrection: false };
    expect(checkInSummaryText({ ...base, previousScore: 6.3 }, 'en')).toBe(
      'Kindred: thanks, your check-in for this week is saved: pain 6, enjoyment of life 5, general activity 7. Pain score 6. About the same as last time (6.3).',
    );
    expect(checkInSummaryText({ ...base, previousScore: null }, 'en')).toContain('This is your starting point.');
    expect(checkInSummaryText({ ...base, previousScore: 7 }, 'en')).toContain('Lower than last time (7): a good sign.');
    expect(checkInSummaryText({ ...base, previousScore: 4.7 }, 'en')).toContain('Higher than last time (4.7).');
    expect(checkInSummaryText({ ...base, score: 5.7, previousScore: null, isCorrection: true }, 'en')).toMatch(
      /^Kindred: thanks, your check-in for this week is changed: .*Pain score 5\.7\./,
    );
    expect(comparedWithLast(5.1, 6)).toBe('same');
    expect(comparedWithLast(5, 6)).toBe('lower');
  });

  it('give the crisis line as the app does: 988, press 1, the text number and 911', () => {
    expect(crisisText(DEFAULT_CRISIS_INFO, 'en')).toBe(
      'Kindred: if you are in crisis or thinking about hurting yourself, call 988 and press 1 (Veterans Crisis Line), or text 838255. In an emergency call 911. Someone from the program will read your message.',
    );
    expect(crisisText({ ...DEFAULT_CRISIS_INFO, callPress: null, textNumber: null }, 'en')).toContain(
      'call 988 (Veterans Crisis Line). In',
    );
  });
});
