import { describe, expect, it } from 'vitest';
import { seededRandom } from '../shared/seeded-random';
import { pairQuality, QualityColumns, type Profile } from './profile';
import { MatchingSettings } from './types';

/** A random profile over small value ranges, so that equal fields (and so points) are common. */
function randomProfile(r: () => number, languages: number): Profile {
  const int = (n: number) => Math.floor(r() * n);
  const some = (n: number) => [...new Set(Array.from({ length: int(3) }, () => 1 + int(n)))].sort((a, b) => a - b);
  return {
    gender: int(4),
    modalities: int(8),
    times: int(8),
    pain: int(64),
    branch: int(4),
    era: int(4),
    birthYear: r() < 0.2 ? 0 : 1940 + int(50),
    town: int(5),
    languages: some(languages),
    avoid: [],
    self: 0,
  };
}

describe('QualityColumns', () => {
  it('gives every pair the points pairQuality gives it (few languages: bit sets; many: lists)', () => {
    for (const [seed, languages] of [
      [1, 3],
      [2, 40],
    ] as const) {
      const r = seededRandom(seed);
      for (let round = 0; round < 20; round++) {
        const settings = MatchingSettings.parse({
          weights: {
            painLocations: Math.floor(r() * 6),
            background: Math.floor(r() * 6),
            ageBand: Math.floor(r() * 6),
            sameTown: Math.floor(r() * 6),
            language: Math.floor(r() * 6),
          },
          ageBandYears: 1 + Math.floor(r() * 15),
        });
        const coaches = Array.from({ length: 60 }, () => randomProfile(r, languages));
        const columns = new QualityColumns(coaches, settings);
        // Every coach, in a shuffled order with repeats, as the matcher passes a subset of classes.
        const js = Int32Array.from({ length: 90 }, () => Math.floor(r() * coaches.length));
        const out = new Int32Array(js.length);
        for (let k = 0; k < 30; k++) {
          const p = randomProfile(r, languages);
          columns.score(p, js, js.length, out);
          expect([...out]).toEqual([...js].map((j) => pairQuality(p, coaches[j]!, settings)));
        }
      }
    }
  });

  it('scores only the first n coaches it is given', () => {
    const settings = MatchingSettings.parse({});
    const coach: Profile = { ...randomProfile(seededRandom(3), 3), pain: 1 };
    const out = new Int32Array([-1, -1]);
    new QualityColumns([coach], settings).score({ ...coach, pain: 1 }, Int32Array.from([0, 0]), 1, out);
    expect(out[0]).toBeGreaterThanOrEqual(settings.weights.painLocations);
    expect(out[1]).toBe(-1);
  });
});
