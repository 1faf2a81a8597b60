import { z } from 'zod';
import { isWithdrawnFrom, type WithdrawalScope } from './consent';
import type { ScreeningOutcome } from './gate';

/** One participant as CONSORT counts him or her (built by the server from screening, allocation, delivery, withdrawals and assessments). */
export interface ConsortParticipant {
  /** The latest screening's outcome, or null when never screened. */
  screening: ScreeningOutcome | null;
  /** The allocated arm's key, or null when not randomized. */
  arm: string | null;
  /** Whether the allocated intervention was received; when not, why (a short code or words). */
  delivery: { received: true } | { received: false; reason: string };
  withdrawals: readonly { scope: WithdrawalScope }[];
  /**
   * The state of each follow-up timepoint: completed; missed (the window closed without data);
   * stopped (the participant left the program before the window opened); or still pending.
   */
  followUp: Readonly<Record<string, 'completed' | 'missed' | 'stopped' | 'pending'>>;
}

export const ConsortArm = z.object({
  arm: z.string(),
  allocated: z.number(),
  received: z.number(),
  notReceived: z.record(z.string(), z.number()),
  lostToFollowUp: z.record(z.string(), z.number()),
  discontinued: z.record(z.string(), z.number()),
  analysed: z.record(z.string(), z.number()),
});
/**
 * A SMART's second stage (ADR 0037), per first-stage arm: how many reached the decision point
 * (decided), how many of them responded and continued, how many did not and were re-randomized to
 * each second-stage option, and how many are not decided yet (waiting for their date, or withdrawn
 * from the intervention before it).
 */
export const ConsortSecondStageArm = z.object({
  arm: z.string(),
  decided: z.number(),
  responders: z.number(),
  nonResponders: z.number(),
  rerandomized: z.record(z.string(), z.number()),
  notDecided: z.number(),
});
export const ConsortSecondStage = z.object({
  /** The decision point in words ("Week 8"). */
  decisionPoint: z.string(),
  /** The second-stage options in design order (masked "Option A" for evaluators until unblinding). */
  options: z.array(z.string()),
  arms: z.array(ConsortSecondStageArm),
});
export type ConsortSecondStage = z.infer<typeof ConsortSecondStage>;

export const Consort = z.object({
  assessed: z.number(),
  excluded: z.record(z.string(), z.number()),
  randomized: z.number(),
  arms: z.array(ConsortArm),
  /** Only for a SMART: the second stage at its decision point. */
  secondStage: ConsortSecondStage.optional(),
});
export type Consort = z.infer<typeof Consort>;

/** CONSORT as the page reads it: the counts and, for each `arm` value, the name to show. */
export const ConsortView = Consort.extend({
  armLabels: z.record(z.string(), z.string()),
  /** For a SMART, the name to show for each second-stage option of `secondStage`. */
  optionLabels: z.record(z.string(), z.string()).optional(),
});
export type ConsortView = z.infer<typeof ConsortView>;

/** Why an assessed participant was not randomized, as the CONSORT "Excluded" box groups it. */
const exclusionReason: Record<ScreeningOutcome, string> = {
  not_eligible: 'not_meeting_criteria',
  declined: 'declined',
  other: 'other',
  eligible: 'awaiting_randomization',
};

const bump = (m: Record<string, number>, k: string): void => {
  m[k] = (m[k] ?? 0) + 1;
};

/**
 * The CONSORT 2010 flow counted from records (ADR 0026). Assessed: screened or randomized.
 * Excluded: assessed but not randomized, by reason. Per arm and follow-up timepoint, every
 * allocated participant is in at most one of: discontinued (withdrew from use of data, withdrew
 * from follow-up and has no data at that timepoint, or left the program before the window opened), analysed (data at that timepoint), lost to
 * follow-up (the window closed without data); still-open windows are not yet counted. Analysis is
 * by intention to treat: the allocated arm, whatever was received.
 */
export function countConsort(
  arms: readonly { key: string }[],
  followUpTimepoints: readonly string[],
  participants: readonly ConsortParticipant[],
  armName: (key: string) => string = (k) => k,
): Consort {
  const zeros = (): Record<string, number> => Object.fromEntries(followUpTimepoints.map((t) => [t, 0]));
  const out: Consort = {
    assessed: 0,
    excluded: {},
    randomized: 0,
    arms: arms.map((a) => ({
      arm: armName(a.key),
      allocated: 0,
      received: 0,
      notReceived: {},
      lostToFollowUp: zeros(),
      discontinued: zeros(),
      analysed: zeros(),
    })),
  };
  for (const p of participants) {
    if (p.screening === null && p.arm === null) continue;
    out.assessed++;
    if (p.arm === null) {
      bump(out.excluded, exclusionReason[p.screening ?? 'other']);
      continue;
    }
    const i = arms.findIndex((a) => a.key === p.arm);
    const box = out.arms[i];
    if (!box) continue;
    out.randomized++;
    box.allocated++;
    if (p.delivery.received) box.received++;
    else bump(box.notReceived, p.delivery.reason);
    const noData = isWithdrawnFrom(p.withdrawals, 'data');
    const noFollowUp = isWithdrawnFrom(p.withdrawals, 'follow_up');
    for (const t of followUpTimepoints) {
      const state = p.followUp[t] ?? 'pending';
      if (noData || (noFollowUp && state !== 'completed') || state === 'stopped') bump(box.discontinued, t);
      else if (state === 'completed') bump(box.analysed, t);
      else if (state === 'missed') bump(box.lostToFollowUp, t);
    }
  }
  return out;
}

/** One randomized participant as the second stage counts him or her: the first arm, and the decision if made. */
export interface SecondStageParticipant {
  arm: string;
  decision: { responder: boolean; option: string | null } | null;
}

/**
 * The second stage of a SMART's CONSORT flow (ADR 0037), counted from the first-stage allocations
 * and the decisions made: per first arm, decided = responders + non-responders; every non-responder
 * is counted under the option drawn for him or her; the allocated not yet decided are `notDecided`,
 * so decided + notDecided = allocated. Participants whose arm is not in the design are skipped, as in
 * `countConsort`. Every option appears in `rerandomized`, with 0 when none was drawn.
 */
export function countSecondStage(
  decisionPoint: string,
  arms: readonly { key: string }[],
  options: readonly { key: string }[],
  participants: readonly SecondStageParticipant[],
  armName: (key: string) => string = (k) => k,
  optionName: (key: string) => string = (k) => k,
): ConsortSecondStage {
  const out: ConsortSecondStage = {
    decisionPoint,
    options: options.map((o) => optionName(o.key)),
    arms: arms.map((a) => ({
      arm: armName(a.key),
      decided: 0,
      responders: 0,
      nonResponders: 0,
      rerandomized: Object.fromEntries(options.map((o) => [optionName(o.key), 0])),
      notDecided: 0,
    })),
  };
  for (const p of participants) {
    const box = out.arms[arms.findIndex((a) => a.key === p.arm)];
    if (!box) continue;
    if (!p.decision) {
      box.notDecided++;
      continue;
    }
    box.decided++;
    if (p.decision.responder) {
      box.responders++;
      continue;
    }
    box.nonResponders++;
    if (p.decision.option !== null && options.some((o) => o.key === p.decision!.option)) {
      bump(box.rerandomized, optionName(p.decision.option));
    }
  }
  return out;
}
