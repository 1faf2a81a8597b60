/**
 * Safety (issue #5): the events raised when someone may be in crisis, their pure state rules and
 * timings, the risk-word flag for check-in notes, and the crisis information shown at once to the
 * person who raised one. Decisions: docs/decisions/0010-safety-events.md.
 */
import { z } from 'zod';
import { CrisisInfo } from './crisis';
import { SafetyCategory, SafetyDetails, SafetyState, SafetyTrigger, raiserRoles } from './events';

export * from './banner';
export * from './crisis';
export * from './events';
export * from './risk-words';
export * from './tasks';
export * from './timings';

const Instant = z.string();

export const SafetyTimingsView = z.object({
  minutesToAcknowledge: z.number().nullable(),
  minutesToFollowUp: z.number().nullable(),
  followUpDueAt: Instant,
  followUpStatus: z.enum(['pending', 'overdue', 'on_time', 'late']),
});
export type SafetyTimingsView = z.infer<typeof SafetyTimingsView>;

export const SafetyFollowUpView = z.object({
  id: z.uuid(),
  doneAt: Instant,
  action: z.string(),
  referredTo: z.string(),
  recordedByName: z.string(),
  recordedAt: Instant,
});
export type SafetyFollowUpView = z.infer<typeof SafetyFollowUpView>;

/** One safety event as staff see it: the facts, what has been done, and what can be done next. */
export const SafetyEventView = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  participantName: z.string(),
  participantCode: z.string(),
  /** For the call: staff who may see the event may see the participant's phone (issue #16). */
  participantPhone: z.string().nullable(),
  coachId: z.uuid().nullable(),
  coachName: z.string().nullable(),
  trigger: SafetyTrigger,
  category: SafetyCategory.nullable(),
  state: SafetyState,
  note: z.string(),
  details: SafetyDetails,
  raisedAt: Instant,
  raisedByRole: z.enum(raiserRoles),
  raisedByName: z.string().nullable(),
  acknowledgedAt: Instant.nullable(),
  acknowledgedByName: z.string().nullable(),
  closedAt: Instant.nullable(),
  closedByName: z.string().nullable(),
  closeNote: z.string(),
  followUps: z.array(SafetyFollowUpView),
  timings: SafetyTimingsView,
  steps: z.array(z.enum(['acknowledge', 'follow_up', 'close'])),
});
export type SafetyEventView = z.infer<typeof SafetyEventView>;

const logRowBase = {
  id: z.uuid(),
  participantCode: z.string(),
  trigger: SafetyTrigger,
  category: SafetyCategory.nullable(),
  state: SafetyState,
  raisedAt: Instant,
  raisedByRole: z.enum(raiserRoles),
  acknowledgedAt: Instant.nullable(),
  firstFollowUpAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  timings: SafetyTimingsView,
};

/** A row of the safety and adverse-event log: names for staff, the participant's code only for evaluators. */
export const SafetyLogRow = z.discriminatedUnion('view', [
  z.object({
    view: z.literal('full'),
    ...logRowBase,
    participantId: z.uuid(),
    participantName: z.string(),
    raisedByName: z.string().nullable(),
  }),
  z.object({ view: z.literal('pseudonymous'), ...logRowBase }),
]);
export type SafetyLogRow = z.infer<typeof SafetyLogRow>;

export const SafetyLogView = z.object({
  view: z.enum(['full', 'pseudonymous']),
  summary: z.object({
    total: z.int(),
    notClosed: z.int(),
    awaitingAcknowledgement: z.int(),
    followUpOverdue: z.int(),
    followUpsOnTime: z.int(),
    followUpsLate: z.int(),
    medianMinutesToAcknowledge: z.number().nullable(),
    medianMinutesToFollowUp: z.number().nullable(),
  }),
  events: z.array(SafetyLogRow),
});
export type SafetyLogView = z.infer<typeof SafetyLogView>;

/** What the person who raised an event gets back at once: that it was raised, and what to do now. */
export const RaisedView = z.object({
  id: z.uuid(),
  trigger: SafetyTrigger,
  raisedAt: Instant,
  crisis: CrisisInfo,
});
export type RaisedView = z.infer<typeof RaisedView>;
