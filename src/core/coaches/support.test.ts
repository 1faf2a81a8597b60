import { describe, expect, it } from 'vitest';
import {
  boosterRecord,
  CoachCheckInInput,
  monthWords,
  scoreCoachPeg,
  worseningSigns,
  type BoosterFact,
  type CheckInFact,
} from './support';

const session = (heldOn: string, attended: string[] = [], isRecorded = true): BoosterFact => ({
  heldOn,
  isRecorded,
  attended: new Set(attended),
});

describe('boosterRecord (missed two in a row → booster due)', () => {
  const today = '2026-06-30';
  it('is not due with no sessions, or one missed', () => {
    expect(boosterRecord('c', '2026-01-01', [], today)).toMatchObject({ expected: 0, missedInARow: 0, isBoosterDue: false });
    const one = boosterRecord('c', '2026-01-01', [session('2026-02-01', ['c']), session('2026-03-01')], today);
    expect(one).toMatchObject({ expected: 2, attended: 1, missedInARow: 1, isBoosterDue: false, lastAttendedOn: '2026-02-01' });
  });
  it('is due after two missed in a row, and says which', () => {
    const r = boosterRecord(
      'c',
      '2026-01-01',
      [session('2026-04-01'), session('2026-02-01', ['c']), session('2026-03-01')],
      today,
    );
    expect(r).toMatchObject({ missedInARow: 2, missedOn: ['2026-03-01', '2026-04-01'], isBoosterDue: true });
  });
  it('two missed but not in a row is not due', () => {
    const r = boosterRecord(
      'c',
      '2026-01-01',
      [session('2026-02-01'), session('2026-03-01', ['c']), session('2026-04-01')],
      today,
    );
    expect(r).toMatchObject({ expected: 3, attended: 1, missedInARow: 1, isBoosterDue: false });
  });
  it('attending a later session (a catch-up) clears it', () => {
    const r = boosterRecord(
      'c',
      '2026-01-01',
      [session('2026-02-01'), session('2026-03-01'), session('2026-03-15', ['c'])],
      today,
    );
    expect(r).toMatchObject({ missedInARow: 0, isBoosterDue: false, lastAttendedOn: '2026-03-15' });
  });
  it('ignores sessions before the coach could coach, after today, or without recorded attendance', () => {
    const sessions = [
      session('2025-12-01'),
      session('2026-01-01'),
      session('2026-02-01', [], false),
      session('2026-03-01'),
      session('2026-08-01'),
    ];
    expect(boosterRecord('c', '2026-01-15', sessions, today)).toMatchObject({
      expected: 1,
      missedInARow: 1,
      isBoosterDue: false,
    });
    expect(boosterRecord('c', '2025-11-01', sessions, today)).toMatchObject({ expected: 3, missedInARow: 3, isBoosterDue: true });
  });
  it('another coach’s attendance does not count', () => {
    const r = boosterRecord('c', '2026-01-01', [session('2026-02-01', ['d']), session('2026-03-01', ['d'])], today);
    expect(r.isBoosterDue).toBe(true);
  });
});

const check = (month: string, pegScore: number, stress: number, feelings: CheckInFact['feelings'] = []): CheckInFact => ({
  month,
  pegScore,
  stress,
  feelings,
});

describe('worseningSigns (a coordinator calls the coach)', () => {
  it('none without check-ins, or with one calm one', () => {
    expect(worseningSigns([])).toEqual([]);
    expect(worseningSigns([check('2026-01', 7, 8, ['giving_back'])])).toEqual([]);
  });
  it('"too much" counts at once, even the first time', () => {
    expect(worseningSigns([check('2026-01', 3, 2, ['too_much', 'giving_back'])])).toEqual(['said coaching feels like too much']);
  });
  it('PEG up 1 point or more since last month', () => {
    expect(worseningSigns([check('2026-02', 5, 3), check('2026-01', 4, 3)])).toEqual([
      'own pain (PEG) up 1 point since last month',
    ]);
    expect(worseningSigns([check('2026-01', 4, 3), check('2026-02', 4.67, 3)])).toEqual([]);
    expect(worseningSigns([check('2026-01', 4, 3), check('2026-02', 3, 3)])).toEqual([]);
  });
  it('stress up 2 points or more since last month; 1 point is not a trend', () => {
    expect(worseningSigns([check('2026-01', 4, 3), check('2026-02', 4, 5)])).toEqual(['stress up 2 points since last month']);
    expect(worseningSigns([check('2026-01', 4, 3), check('2026-02', 4, 4)])).toEqual([]);
  });
  it('a slow rise counts against the first check-in (the baseline)', () => {
    const history = [check('2026-01', 3, 2), check('2026-02', 3.67, 3), check('2026-03', 4.33, 4)];
    expect(worseningSigns(history)).toEqual([
      'own pain (PEG) up 1.3 points since the first check-in',
      'stress up 2 points since the first check-in',
    ]);
  });
  it('judges the latest month only: an earlier bad month that recovered does not count', () => {
    expect(worseningSigns([check('2026-01', 3, 2), check('2026-02', 6, 8, ['too_much']), check('2026-03', 3, 2)])).toEqual([]);
  });
  it('all signs together', () => {
    expect(worseningSigns([check('2026-01', 2, 1), check('2026-02', 4, 6, ['too_much'])])).toEqual([
      'said coaching feels like too much',
      'own pain (PEG) up 2 points since last month',
      'stress up 5 points since last month',
    ]);
  });
});

describe('the check-in input and its PEG', () => {
  it('scores PEG as the mean of the three items', () => {
    expect(scoreCoachPeg({ pegPain: 4, pegEnjoyment: 5, pegActivity: 6 })).toBe(5);
  });
  it('refuses items out of range and a feeling twice', () => {
    expect(CoachCheckInInput.safeParse({ pegPain: 11, pegEnjoyment: 0, pegActivity: 0, stress: 0 }).success).toBe(false);
    expect(
      CoachCheckInInput.safeParse({ pegPain: 1, pegEnjoyment: 0, pegActivity: 0, stress: 0, feelings: ['too_much', 'too_much'] })
        .success,
    ).toBe(false);
    expect(CoachCheckInInput.parse({ pegPain: 1, pegEnjoyment: 0, pegActivity: 0, stress: 0 })).toMatchObject({
      feelings: [],
      note: '',
    });
  });
});

describe('monthWords', () => {
  it('says a month as people do, from a month key or a date, whatever the machine zone', () => {
    expect(monthWords('2026-12')).toBe('December 2026');
    expect(monthWords('2026-01-01')).toBe('January 2026');
  });
});
