import { z } from 'zod';
import { pairingEndReasons, type PairingEndReason } from '../pairings';
import { DAY_MS } from '../shared/time';
import type { Gender, PainLocation } from '../shared/vocab';
import { normalizeWord } from './profile';

/*
 * What kinds of matches last (#6, ADR 0016): every pairing a program made, grouped by the match
 * characteristics the matcher weighs, with how long the pairings lasted and why they ended. Pure.
 */

/** The end reasons that mean "re-matched": the pair did not last for a reason about the match. */
export const rematchReasons = [
  'reach',
  'fit',
  'coach_paused',
  'participant_request',
] as const satisfies readonly PairingEndReason[];

export const matchCharacteristics = [
  'same_gender',
  'shared_pain_location',
  'shared_background',
  'age_band',
  'same_town',
  'shared_language',
] as const;
export type MatchCharacteristic = (typeof matchCharacteristics)[number];

interface Side {
  gender: Gender;
  painLocations: readonly PainLocation[];
  birthYear: number | null;
  serviceBranch: string | null;
  serviceEra: string | null;
  town: string | null;
  languages: readonly string[];
}

export interface ReportPairing {
  startedAt: Date;
  endedAt: Date | null;
  endReason: PairingEndReason | null;
  participant: Side;
  coach: Side;
}

const known = (s: string | null | undefined) => normalizeWord(s) !== '';
const same = (a: string | null, b: string | null) => known(a) && normalizeWord(a) === normalizeWord(b);

/**
 * Which characteristics a pair has; null where either side's attribute is unknown (the pair then
 * counts in neither group for it, so unknowns do not dilute the comparison).
 */
export function characteristicsOf(p: ReportPairing, ageBandYears: number): Record<MatchCharacteristic, boolean | null> {
  const a = p.participant;
  const b = p.coach;
  const bothKnown = (x: unknown, y: unknown) => x !== null && y !== null;
  const backgroundKnown = (known(a.serviceBranch) && known(b.serviceBranch)) || (known(a.serviceEra) && known(b.serviceEra));
  return {
    same_gender: a.gender === 'not_stated' || b.gender === 'not_stated' ? null : a.gender === b.gender,
    shared_pain_location:
      a.painLocations.length && b.painLocations.length ? a.painLocations.some((l) => b.painLocations.includes(l)) : null,
    shared_background: backgroundKnown ? same(a.serviceBranch, b.serviceBranch) || same(a.serviceEra, b.serviceEra) : null,
    age_band: bothKnown(a.birthYear, b.birthYear) ? Math.abs(a.birthYear! - b.birthYear!) <= ageBandYears : null,
    same_town: known(a.town) && known(b.town) ? same(a.town, b.town) : null,
    shared_language:
      a.languages.length && b.languages.length ? a.languages.some((l) => b.languages.some((m) => same(l, m))) : null,
  };
}

const GroupStats = z.object({
  pairings: z.int(),
  /** Still going. */
  active: z.int(),
  /** Ended for a reason about the match (reach, fit, coach paused, participant request). */
  rematched: z.int(),
  /** Ended with the program completed. */
  completed: z.int(),
  /** Median days together, counting active pairings up to today (so a lower bound for them). */
  medianDays: z.number().nullable(),
  /** Share of pairings that did not end in a re-match, 0–1 (null with no pairings). */
  lastingShare: z.number().nullable(),
  endReasons: z.partialRecord(z.enum(pairingEndReasons), z.int()),
});
export type GroupStats = z.infer<typeof GroupStats>;

export const MatchReportView = z.object({
  ageBandYears: z.int(),
  overall: GroupStats,
  rows: z.array(
    z.object({
      characteristic: z.enum(matchCharacteristics),
      with: GroupStats,
      without: GroupStats,
      /** Pairs where either side's attribute is not recorded. */
      unknown: z.int(),
    }),
  ),
});
export type MatchReportView = z.infer<typeof MatchReportView>;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function statsOf(ps: readonly ReportPairing[], now: Date): GroupStats {
  const endReasons: Partial<Record<PairingEndReason, number>> = {};
  let active = 0;
  let rematched = 0;
  let completed = 0;
  const days: number[] = [];
  for (const p of ps) {
    const end = p.endedAt ?? now;
    days.push(Math.max(0, Math.floor((end.getTime() - p.startedAt.getTime()) / DAY_MS)));
    if (!p.endedAt) {
      active++;
      continue;
    }
    if (p.endReason) endReasons[p.endReason] = (endReasons[p.endReason] ?? 0) + 1;
    if (p.endReason && (rematchReasons as readonly string[]).includes(p.endReason)) rematched++;
    if (p.endReason === 'program_completed') completed++;
  }
  return {
    pairings: ps.length,
    active,
    rematched,
    completed,
    medianDays: median(days),
    lastingShare: ps.length ? (ps.length - rematched) / ps.length : null,
    endReasons,
  };
}

/** The report: overall, then per characteristic the pairs with it beside the pairs without it. */
export function matchReport(ps: readonly ReportPairing[], ageBandYears: number, now: Date): MatchReportView {
  const marks = ps.map((p) => characteristicsOf(p, ageBandYears));
  return {
    ageBandYears,
    overall: statsOf(ps, now),
    rows: matchCharacteristics.map((c) => ({
      characteristic: c,
      with: statsOf(
        ps.filter((_, k) => marks[k]![c] === true),
        now,
      ),
      without: statsOf(
        ps.filter((_, k) => marks[k]![c] === false),
        now,
      ),
      unknown: marks.filter((m) => m[c] === null).length,
    })),
  };
}
