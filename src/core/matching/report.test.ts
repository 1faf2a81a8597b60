import { describe, expect, it } from 'vitest';
import { characteristicsOf, matchReport, type ReportPairing } from './report';

const now = new Date('2026-07-01T00:00:00Z');
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const side = (o: Partial<ReportPairing['participant']> = {}): ReportPairing['participant'] => ({
  gender: 'man',
  painLocations: ['low_back'],
  birthYear: 1960,
  serviceBranch: 'army',
  serviceEra: 'vietnam',
  town: 'Bloomington',
  languages: ['English'],
  ...o,
});
const pairing = (o: Partial<ReportPairing> = {}): ReportPairing => ({
  startedAt: day(0),
  endedAt: null,
  endReason: null,
  participant: side(),
  coach: side(),
  ...o,
});

describe('characteristicsOf', () => {
  it('marks what the pair shares, and null where either side is unknown', () => {
    expect(characteristicsOf(pairing(), 10)).toEqual({
      same_gender: true,
      shared_pain_location: true,
      shared_background: true,
      age_band: true,
      same_town: true,
      shared_language: true,
    });
    const p = pairing({
      coach: side({
        gender: 'woman',
        painLocations: ['knee'],
        birthYear: 1985,
        serviceBranch: 'navy',
        serviceEra: 'gulf_war',
        town: ' bloomington ',
        languages: ['Spanish'],
      }),
    });
    expect(characteristicsOf(p, 10)).toEqual({
      same_gender: false,
      shared_pain_location: false,
      shared_background: false,
      age_band: false,
      same_town: true,
      shared_language: false,
    });
    const unknown = pairing({
      participant: side({
        gender: 'not_stated',
        painLocations: [],
        birthYear: null,
        serviceBranch: null,
        serviceEra: null,
        town: null,
        languages: [],
      }),
    });
    expect(Object.values(characteristicsOf(unknown, 10))).toEqual([null, null, null, null, null, null]);
  });
});

describe('matchReport', () => {
  it('compares pairs with a characteristic against pairs without it: days, re-matches and end reasons', () => {
    const report = matchReport(
      [
        pairing({ startedAt: day(0), endedAt: day(150), endReason: 'program_completed' }),
        pairing({ startedAt: day(0), endedAt: day(20), endReason: 'fit', coach: side({ painLocations: ['knee'] }) }),
        pairing({ startedAt: day(10), endedAt: day(40), endReason: 'reach', coach: side({ painLocations: ['hip'] }) }),
        pairing({ startedAt: day(100) }),
      ],
      10,
      now,
    );
    expect(report.overall).toMatchObject({ pairings: 4, active: 1, rematched: 2, completed: 1, lastingShare: 0.5 });
    const pain = report.rows.find((r) => r.characteristic === 'shared_pain_location')!;
    // With: 150 days (completed) and 81 days (active since day 100, to 1 July = day 181).
    expect(pain.with).toMatchObject({
      pairings: 2,
      rematched: 0,
      medianDays: 115.5,
      lastingShare: 1,
      endReasons: { program_completed: 1 },
    });
    expect(pain.without).toMatchObject({
      pairings: 2,
      rematched: 2,
      medianDays: 25,
      lastingShare: 0,
      endReasons: { fit: 1, reach: 1 },
    });
    expect(pain.unknown).toBe(0);
  });
  it('is empty but well-formed with no pairings', () => {
    const report = matchReport([], 10, now);
    expect(report.overall).toEqual({
      pairings: 0,
      active: 0,
      rematched: 0,
      completed: 0,
      medianDays: null,
      lastingShare: null,
      endReasons: {},
    });
    expect(report.rows).toHaveLength(6);
  });
});
