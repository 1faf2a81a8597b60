import { describe, expect, it } from 'vitest';
import { barLayout, ladderOutcomes, niceMax, weeklyReached, weekStartOn } from './charts';

const NY = 'America/New_York';

describe('weekly reached contacts', () => {
  it('finds the local Monday of an instant', () => {
    // Monday 2 March 2026, 00:30 UTC is still Sunday 1 March in New York.
    expect(weekStartOn(new Date('2026-03-02T00:30:00Z'), NY)).toBe('2026-02-23');
    expect(weekStartOn(new Date('2026-03-02T05:30:00Z'), NY)).toBe('2026-03-02');
    expect(weekStartOn(new Date('2026-03-08T23:00:00Z'), NY)).toBe('2026-03-02'); // Sunday evening
  });

  it('counts reached contacts per local week, oldest first, with quiet weeks as zero', () => {
    const now = new Date('2026-03-18T15:00:00Z'); // Wednesday
    const series = weeklyReached(
      [
        new Date('2026-03-02T15:00:00Z'),
        new Date('2026-03-03T15:00:00Z'),
        new Date('2026-03-16T15:00:00Z'),
        new Date('2026-03-09T03:00:00Z'), // Sunday 8 March 23:00 local: the week of 2 March
        new Date('2026-01-01T15:00:00Z'), // too old
      ],
      { now, timeZone: NY, weeks: 4 },
    );
    expect(series).toEqual([
      { weekOf: '2026-02-23', reached: 0 },
      { weekOf: '2026-03-02', reached: 3 },
      { weekOf: '2026-03-09', reached: 0 },
      { weekOf: '2026-03-16', reached: 1 },
    ]);
  });
});

describe('ladder outcomes', () => {
  it('counts each step fired and how it ended', () => {
    const at = new Date('2026-03-02T15:00:00Z');
    const rows = ladderOutcomes([
      { step: 'reminder', actedAt: null, outcome: null, isEpisodeOver: true },
      { step: 'reminder', actedAt: null, outcome: null, isEpisodeOver: false },
      { step: 'check_in', actedAt: at, outcome: 'called', isEpisodeOver: false },
      { step: 'check_in', actedAt: null, outcome: null, isEpisodeOver: false },
      { step: 'decision', actedAt: at, outcome: 'pause', isEpisodeOver: false },
      { step: 'decision', actedAt: at, outcome: 're_pair', isEpisodeOver: true },
    ]);
    expect(rows.map((r) => [r.step, r.fired])).toEqual([
      ['reminder', 2],
      ['check_in', 2],
      ['decision', 2],
    ]);
    expect(rows[0]!.outcomes).toMatchObject({ resolved: 1, open: 1 });
    expect(rows[1]!.outcomes).toMatchObject({ called: 1, open: 1 });
    expect(rows[2]!.outcomes).toMatchObject({ pause: 1, re_pair: 1, open: 0 });
  });
});

describe('bar geometry', () => {
  it('picks a nice axis top', () => {
    expect([0, 1, 3, 7, 10, 11, 42, 180].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 200]);
  });

  it('lays bars in equal slots with heights in proportion to the axis top', () => {
    const { top, ticks, bars } = barLayout(
      [
        { key: 'a', label: 'A', value: 5 },
        { key: 'b', label: 'B', value: 10 },
        { key: 'c', label: 'C', value: 0 },
      ],
      { width: 300, height: 100, gap: 0.2 },
    );
    expect(top).toBe(10);
    expect(ticks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(bars.map((b) => [b.x, b.width, b.y, b.height])).toEqual([
      [10, 80, 50, 50],
      [110, 80, 0, 100],
      [210, 80, 100, 0],
    ]);
  });

  it('draws an all-zero or empty series without dividing by zero', () => {
    expect(barLayout([{ key: 'a', label: 'A', value: 0 }], { width: 100, height: 50 }).bars[0]).toMatchObject({
      height: 0,
      y: 50,
    });
    expect(barLayout([], { width: 100, height: 50 })).toEqual({ top: 1, ticks: [0, 1], bars: [] });
  });
});
