import { z } from 'zod';
import { describePegChange } from '../plans/progress';
import { seededRandom } from '../shared/seeded-random';
import { InterviewConsentView, InterviewTimeView, invitationChannels, sampleMemberStates } from './invitations';

/**
 * Purposive sampling from live data (issue #13, ADR 0044): candidates described by what Kindred
 * knows of them, dimensions chosen by the study, a quota per cell (one combination of values);
 * Kindred proposes whom to invite, deterministically from a seed, and reports the shortfall.
 */

/** What a sampling frame may be cut by; each value's definition is written down in ADR 0044. */
export const samplingDimensions = [
  'arm',
  'adherent',
  'frequency',
  'coachFidelity',
  'droppedOut',
  'outcomeImproved',
  'gender',
  'era',
  'painSite',
] as const;
export const SamplingDimension = z.enum(samplingDimensions);
export type SamplingDimension = z.infer<typeof SamplingDimension>;

/**
 * Whether a person's weekly pain check-ins (PEG, lower is better) improved, by the rule the
 * participant's and the coach's progress pages already use (`describePegChange`): `yes` when the
 * latest score is about 1 point or more below the first (MEANINGFUL_PEG_CHANGE) after at least three
 * check-ins; `too_early` with fewer than three (none included); `no` otherwise (the same, or higher).
 */
export function outcomeImprovedOf(checkIns: readonly { on: string; score: number }[]): 'yes' | 'no' | 'too_early' {
  const change = describePegChange(checkIns, 'you');
  if (change.isEarly) return 'too_early';
  return change.kind === 'lower' && change.isMeaningful ? 'yes' : 'no';
}

/** One person's value on every dimension, as Kindred knows it at the draw. */
export type CandidateValues = Record<SamplingDimension, string>;

export interface SamplingCandidate {
  participantId: string;
  values: CandidateValues;
  /** Why the person may not be asked at all (withdrew from follow-up, declined before); null if he or she may. */
  excludedBecause: string | null;
}

/** A cell: one value for each chosen dimension, in the order the dimensions were chosen. */
export type CellKey = string;

/** The key of a cell from its values (JSON of the values in dimension order: unambiguous, readable). */
export function cellKeyOf(dimensions: readonly SamplingDimension[], values: CandidateValues): CellKey {
  return JSON.stringify(dimensions.map((d) => values[d]));
}

export const SampleInput = z
  .object({
    dimensions: z.array(SamplingDimension).min(1).max(4),
    /** Target per cell; a cell not listed has a target of 0 (nobody proposed from it). */
    quotas: z
      .array(z.object({ values: z.array(z.string().min(1).max(60)).min(1).max(4), target: z.int().min(0).max(500) }))
      .max(400),
    /** The draw's seed; the same seed and frame propose the same people. */
    seed: z
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  })
  .refine((s) => new Set(s.dimensions).size === s.dimensions.length, { message: 'Each dimension once', path: ['dimensions'] })
  .refine((s) => s.quotas.every((q) => q.values.length === s.dimensions.length), {
    message: 'Each quota names one value per dimension',
    path: ['quotas'],
  });
export type SampleInput = z.infer<typeof SampleInput>;

export interface SampleCell {
  key: CellKey;
  values: string[];
  target: number;
  /** Candidates in the cell who may be asked. */
  available: number;
  proposed: number;
  /** target − proposed when the cell holds too few people; 0 otherwise. */
  shortfall: number;
}

export interface DrawnSample {
  cells: SampleCell[];
  /** Everyone in the frame with the cell he or she fell in and whether Kindred proposes him or her. */
  members: {
    participantId: string;
    cell: CellKey;
    values: CandidateValues;
    isProposed: boolean;
    excludedBecause: string | null;
  }[];
  excluded: Record<string, number>;
}

/** The same seed gives the same draw on every machine. */
export { seededRandom };

/**
 * Draws a purposive sample: candidates are put in cells by the chosen dimensions; in each cell the
 * people who may be asked are shuffled with the seed (after sorting by id, so the order rows came
 * from the database does not matter) and the first `target` are proposed. Cells are listed in the
 * order of the quotas, then any other cell with people in it (target 0) by key.
 */
export function drawSample(candidates: readonly SamplingCandidate[], input: SampleInput): DrawnSample {
  const { dimensions } = input;
  const targets = new Map<CellKey, { values: string[]; target: number }>();
  for (const q of input.quotas) targets.set(JSON.stringify(q.values), { values: q.values, target: q.target });
  const byCell = new Map<CellKey, SamplingCandidate[]>();
  for (const c of [...candidates].sort((a, b) => a.participantId.localeCompare(b.participantId))) {
    const key = cellKeyOf(dimensions, c.values);
    byCell.set(key, [...(byCell.get(key) ?? []), c]);
  }
  const random = seededRandom(input.seed);
  const proposed = new Set<string>();
  const keys = [...targets.keys(), ...[...byCell.keys()].filter((k) => !targets.has(k)).sort()];
  const cells = keys.map((key) => {
    const eligible = (byCell.get(key) ?? []).filter((c) => c.excludedBecause === null);
    // Fisher–Yates over the eligible, one stream for the whole draw in cell order.
    const order = [...eligible];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const target = targets.get(key)?.target ?? 0;
    const chosen = order.slice(0, target);
    for (const c of chosen) proposed.add(c.participantId);
    return {
      key,
      values: targets.get(key)?.values ?? (JSON.parse(key) as string[]),
      target,
      available: eligible.length,
      proposed: chosen.length,
      shortfall: Math.max(0, target - chosen.length),
    };
  });
  const excluded: Record<string, number> = {};
  for (const c of candidates) if (c.excludedBecause) excluded[c.excludedBecause] = (excluded[c.excludedBecause] ?? 0) + 1;
  return {
    cells,
    members: [...candidates]
      .sort((a, b) => a.participantId.localeCompare(b.participantId))
      .map((c) => ({
        participantId: c.participantId,
        cell: cellKeyOf(dimensions, c.values),
        values: c.values,
        isProposed: proposed.has(c.participantId),
        excludedBecause: c.excludedBecause,
      })),
    excluded,
  };
}

/**
 * What staff record by hand: a decline given to them (by phone, in person) with its reason, or a
 * person put back to "not asked yet". Inviting sends the invitation (`POST …/invite`, ADR 0050).
 */
export const SampleMemberInput = z.discriminatedUnion('state', [
  z.object({ state: z.literal('proposed') }),
  z.object({ state: z.literal('declined'), reason: z.string().trim().min(1).max(200) }),
]);
export type SampleMemberInput = z.infer<typeof SampleMemberInput>;

/** The decline reasons counted (same words, ignoring case and spaces around), most frequent first. */
export function countDeclineReasons(reasons: readonly string[]): { reason: string; count: number }[] {
  const m = new Map<string, { reason: string; count: number }>();
  for (const r of reasons) {
    const key = r.trim().toLowerCase();
    const e = m.get(key);
    if (e) e.count++;
    else m.set(key, { reason: r.trim(), count: 1 });
  }
  return [...m.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** The frame before a draw: every combination of values of the chosen dimensions, with counts. */
export const SamplingFrameView = z.object({
  dimensions: z.array(SamplingDimension),
  cells: z.array(z.object({ values: z.array(z.string()), people: z.int(), available: z.int() })),
});
export type SamplingFrameView = z.infer<typeof SamplingFrameView>;

export const SampleSummary = z.object({ id: z.uuid(), drawnAt: z.string(), target: z.int(), proposed: z.int() });
export type SampleSummary = z.infer<typeof SampleSummary>;

/** A drawn sample as drawn; `name` and `drawnBy` are null for evaluators (codes only). */
export const SampleView = z.object({
  id: z.uuid(),
  drawnAt: z.string(),
  drawnBy: z.string().nullable(),
  dimensions: z.array(SamplingDimension),
  seed: z.int(),
  cells: z.array(
    z.object({
      key: z.string(),
      values: z.array(z.string()),
      target: z.int(),
      available: z.int(),
      proposed: z.int(),
      shortfall: z.int(),
    }),
  ),
  excluded: z.array(z.object({ reason: z.string(), count: z.int() })),
  members: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string().nullable(),
      values: z.array(z.string()),
      state: z.enum(sampleMemberStates),
      declineReason: z.string().nullable(),
      invitedAt: z.string().nullable(),
      /** How the invitation went: by e-mail, by text, or not sent (no address: staff ask by phone). */
      invitedVia: z.enum(invitationChannels).nullable(),
      consent: InterviewConsentView.nullable(),
      interview: InterviewTimeView.nullable(),
    }),
  ),
  declineReasons: z.array(z.object({ reason: z.string(), count: z.int() })),
  can: z.object({ sample: z.boolean(), invite: z.boolean() }),
});
export type SampleView = z.infer<typeof SampleView>;
