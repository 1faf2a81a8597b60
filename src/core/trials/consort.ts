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
export const Consort = z.object({
  assessed: z.number(),
  excluded: z.record(z.string(), z.number()),
  randomized: z.number(),
  arms: z.array(ConsortArm),
});
export type Consort = z.infer<typeof Consort>;

/** CONSORT as the page reads it: the counts and, for each `arm` value, the name to show. */
export const ConsortView = Consort.extend({ armLabels: z.record(z.string(), z.string()) });
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
