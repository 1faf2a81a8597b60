import type { CheckInFinding, FrequencyCategory, Weekday } from '../../../core/engagement';
import type { PairingEndReason } from '../../../core/pairings';

export const weekdayLabels = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
} as const satisfies Record<Weekday, string>;

/** Where a pair is on the escalation ladder, in plain words. */
export const ladderStateLabels = {
  first_contact: 'First contact due',
  reminder: 'Coach reminded',
  check_in: 'Check-in call',
  decision: 'Decision needed',
  none: 'On track',
  paused: 'Paused',
} as const;
export type LadderStateKey = keyof typeof ladderStateLabels;

export const ladderStateTones = {
  first_contact: 'info',
  reminder: 'warning',
  check_in: 'bad',
  decision: 'bad',
  none: 'good',
  paused: 'neutral',
} as const satisfies Record<LadderStateKey, 'good' | 'info' | 'warning' | 'bad' | 'neutral'>;

export const findingLabels = {
  wrong_number: 'Wrong number',
  lost_interest: 'Lost interest',
  coach_unavailable: 'Coach unavailable',
  busy_season: 'Busy season',
  health_problem: 'Health problem',
  other: 'Something else',
} as const satisfies Record<CheckInFinding, string>;

export const frequencyLabels = {
  weekly: 'Weekly',
  twice_monthly: 'Twice a month',
  monthly: 'Monthly',
  less_than_monthly: 'Less than monthly',
  too_early: 'Too early to say',
} as const satisfies Record<FrequencyCategory | 'too_early', string>;

/** Reasons offered when the decision is to find a new coach (a subset of the pairing end reasons). */
export const rePairReasonLabels = {
  reach: 'They could not reach each other',
  fit: 'Not a good fit',
  coach_paused: 'The coach is pausing',
  coach_retired: 'The coach is leaving',
  participant_request: 'The participant asked',
  other: 'Something else',
} as const satisfies Partial<Record<PairingEndReason, string>>;

export const pairSortLabels = {
  urgency: 'Most urgent first',
  days_quiet: 'Longest quiet',
  attempts: 'Most attempts since reached',
  coach_activity: 'Least coach activity',
  participant: 'Participant name',
  coach: 'Coach name',
} as const;

/** A share as a whole percentage, or "none yet". */
export function percent(x: number | null): string {
  return x === null ? 'None yet' : `${Math.round(x * 100)}%`;
}
