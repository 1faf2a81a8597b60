import { describe, expect, it } from 'vitest';
import { painJumpOf } from './pain-jump';

const c = (on: string, score: number, note = '') => ({ on, score, note });
const today = '2026-12-07';

describe('painJumpOf', () => {
  it('flags a latest score at least 2 points above the mean of the previous three', () => {
    const jump = painJumpOf(
      [c('2026-11-02', 9), c('2026-11-09', 4.3), c('2026-11-16', 4.7), c('2026-11-23', 5), c('2026-12-06', 7)],
      today,
    );
    expect(jump).toEqual({ from: 4.7, to: 7, on: '2026-12-06', note: null, isJump: true, isWorryingNote: false });
  });

  it('does not flag a rise under 2 points, a fall, or a single check-in without a worrying note', () => {
    expect(painJumpOf([c('2026-11-23', 4.7), c('2026-12-06', 6.6)], today)).toBeNull();
    expect(painJumpOf([c('2026-11-23', 7), c('2026-12-06', 4)], today)).toBeNull();
    expect(painJumpOf([c('2026-12-06', 9, 'A rough week')], today)).toBeNull();
    expect(painJumpOf([], today)).toBeNull();
  });

  it('counts exactly 2 points as a jump, in any order of input', () => {
    expect(painJumpOf([c('2026-12-06', 7), c('2026-11-30', 5)], today)).toMatchObject({ from: 5, to: 7, isJump: true });
  });

  it('flags a worrying note on its own, and carries the note with a jump', () => {
    expect(painJumpOf([c('2026-11-30', 5), c('2026-12-06', 5, 'Some days I want to die')], today)).toMatchObject({
      isJump: false,
      isWorryingNote: true,
      note: 'Some days I want to die',
    });
    expect(painJumpOf([c('2026-11-30', 4), c('2026-12-06', 7, '  Bad flare-up  ')], today)).toMatchObject({
      isJump: true,
      isWorryingNote: false,
      note: 'Bad flare-up',
    });
  });

  it('ignores a latest check-in older than two weeks', () => {
    expect(painJumpOf([c('2026-11-09', 3), c('2026-11-16', 8)], today)).toBeNull();
    expect(painJumpOf([c('2026-11-16', 3), c('2026-11-23', 8)], today)).toMatchObject({ isJump: true });
  });
});
