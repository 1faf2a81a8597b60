import { z } from 'zod';
import { DomainError } from '../shared/errors';

/**
 * What raised a safety event (issue #5): a coach's "Safety concern", staff recording one from a
 * participant's record, a participant's "I need help now", an assessment answer that carries a
 * safety flag (PHQ-9 item 9 above 0), or risk words in a check-in note (flagged for review only).
 */
export const safetyTriggers = ['coach_concern', 'staff_concern', 'participant_help', 'assessment_flag', 'risk_words'] as const;
export const SafetyTrigger = z.enum(safetyTriggers);
export type SafetyTrigger = z.infer<typeof SafetyTrigger>;

/**
 * What the person who raised it says happened. This is a report, not an assessment: coaches are
 * peers and are not asked to judge risk. Adverse events (a hospital stay, a fall, an injury) go in
 * the same log, so oversight has one place to look.
 */
export const safetyCategories = ['self_harm', 'medical_emergency', 'adverse_event', 'other'] as const;
export const SafetyCategory = z.enum(safetyCategories);
export type SafetyCategory = z.infer<typeof SafetyCategory>;

/** open → acknowledged → followed_up (more follow-ups may follow) → closed. */
export const safetyStates = ['open', 'acknowledged', 'followed_up', 'closed'] as const;
export const SafetyState = z.enum(safetyStates);
export type SafetyState = z.infer<typeof SafetyState>;

export type SafetyStep = 'acknowledge' | 'follow_up' | 'close';

/** Who raised the event, by role (the log shows this to evaluators instead of a name). */
export const raiserRoles = ['coach', 'staff', 'participant', 'system'] as const;
export type RaiserRole = (typeof raiserRoles)[number];

/** Plain words for the facts, shared by the task list, the e-mail-free summaries and the web app. */
export const safetyTriggerLabels = {
  coach_concern: 'Coach raised a safety concern',
  staff_concern: 'Staff raised a safety concern',
  participant_help: 'Participant pressed "I need help now"',
  assessment_flag: 'Assessment answer needs follow-up',
  risk_words: 'Words in a check-in note to review',
} as const satisfies Record<SafetyTrigger, string>;

export const safetyCategoryLabels = {
  self_harm: 'Talked about suicide or harming themselves',
  medical_emergency: 'A medical emergency',
  adverse_event: 'A hospital stay, fall or injury (adverse event)',
  other: 'Something else that worried them',
} as const satisfies Record<SafetyCategory, string>;

export const safetyStateLabels = {
  open: 'Needs acknowledging',
  acknowledged: 'Acknowledged, follow-up needed',
  followed_up: 'Followed up',
  closed: 'Closed',
} as const satisfies Record<SafetyState, string>;

/**
 * The state after a step, or a `conflict` naming why the step is not possible now. An event is
 * acknowledged once; follow-ups are recorded after acknowledging (as many as happen); it closes
 * only once a follow-up is recorded, and nothing changes a closed event.
 */
export function nextSafetyState(state: SafetyState, step: SafetyStep): SafetyState {
  if (state === 'closed') throw new DomainError('conflict', 'event_closed', 'This safety event is already closed');
  switch (step) {
    case 'acknowledge':
      if (state !== 'open')
        throw new DomainError('conflict', 'already_acknowledged', 'This safety event was already acknowledged');
      return 'acknowledged';
    case 'follow_up':
      if (state === 'open') {
        throw new DomainError('conflict', 'not_acknowledged', 'Acknowledge the safety event before recording a follow-up');
      }
      return 'followed_up';
    case 'close':
      if (state !== 'followed_up') {
        throw new DomainError('conflict', 'no_follow_up', 'Record a follow-up before closing the safety event');
      }
      return 'closed';
  }
}

/** The steps possible in a state, for the UI (derived from the same rule). */
export function possibleSteps(state: SafetyState): SafetyStep[] {
  return (['acknowledge', 'follow_up', 'close'] as const).filter((step) => {
    try {
      nextSafetyState(state, step);
      return true;
    } catch {
      return false;
    }
  });
}

/** A few minutes of clock difference between a phone and the server are not "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

/** A follow-up happened after the event was raised and not in the future. */
export function checkFollowUpTime(doneAt: Date, event: { raisedAt: Date }, now: Date): void {
  if (doneAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new DomainError('invalid_state', 'follow_up_in_future', 'The follow-up cannot be in the future');
  }
  if (doneAt.getTime() < event.raisedAt.getTime() - CLOCK_SKEW_MS) {
    throw new DomainError('invalid_state', 'follow_up_before_event', 'The follow-up cannot be before the event was raised');
  }
}

/** A client's idempotency key: a retry after a dropped connection returns the event already raised. */
const ClientKey = z.string().trim().min(8).max(100);

/** A coach (or staff) raises a safety concern about a participant. */
export const ConcernInput = z.object({
  participantId: z.uuid(),
  clientKey: ClientKey,
  category: SafetyCategory.nullable().default(null),
  /** A few words about what happened, for the coordinator. */
  note: z.string().trim().max(2000).default(''),
});
export type ConcernInput = z.infer<typeof ConcernInput>;

/** A participant presses "I need help now". */
export const HelpInput = z.object({ clientKey: ClientKey });
export type HelpInput = z.infer<typeof HelpInput>;

/** Staff record a follow-up: when, what was done, and to whom the person was referred. */
export const FollowUpInput = z.object({
  doneAt: z.iso.datetime({ offset: true }),
  action: z.string().trim().min(3, 'Say what was done').max(2000),
  referredTo: z.string().trim().max(200).default(''),
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

export const CloseInput = z.object({ note: z.string().trim().max(2000).default('') });
export type CloseInput = z.infer<typeof CloseInput>;

/** Facts particular to a trigger: the instrument and item of an assessment flag, the phrases found in a note. */
export const SafetyDetails = z.object({
  instrument: z.string().optional(),
  flag: z.string().optional(),
  responseId: z.string().optional(),
  /** The answer to the safety item (e.g. PHQ-9 item 9: 1, 2 or 3). */
  itemValue: z.number().optional(),
  /** The risk phrases found in a check-in note (the phrase list's words, never the note itself). */
  phrases: z.array(z.string()).optional(),
  checkInId: z.string().optional(),
  /** When the participant said "I need help now" was pressed by mistake (the event still needs staff). */
  mistakeReportedAt: z.string().optional(),
});
export type SafetyDetails = z.infer<typeof SafetyDetails>;
