import { clockOf, clockWords, dateOnWords, localTimeOf } from '../shared/time';
import {
  safetyCategoryLabels,
  safetyTriggerLabels,
  type RaiserRole,
  type SafetyCategory,
  type SafetyDetails,
  type SafetyState,
  type SafetyTrigger,
} from './events';

/** The facts a coordinator's safety task states. */
export interface SafetyTaskFacts {
  trigger: SafetyTrigger;
  category: SafetyCategory | null;
  state: SafetyState;
  raisedAt: Date;
  raisedByRole: RaiserRole;
  raisedByName: string | null;
  details: SafetyDetails;
}

const nextStepWords = {
  open: 'Acknowledge it now.',
  acknowledged: 'Record the follow-up: who, when, what was done, referred to whom.',
  followed_up: 'Close it once nothing more is needed.',
  closed: '',
} as const satisfies Record<SafetyState, string>;

/** "Monday 2 March 2026 at 10:00 AM" on the program's clock (issue #16: no ISO dates, no 24-hour times). */
export function localStamp(at: Date, timeZone: string): string {
  const t = localTimeOf(at, timeZone);
  return `${dateOnWords(t.dateOn)} at ${clockWords(clockOf(t.hour * 60 + t.minute))}`;
}

/** What triggered the event, in plain words with its particulars (the item, the phrases found). */
export function safetyTriggerWords(e: Pick<SafetyTaskFacts, 'trigger' | 'category' | 'details'>): string {
  const base: string = safetyTriggerLabels[e.trigger];
  if (e.trigger === 'assessment_flag' && e.details.instrument === 'phq9') {
    return `PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered above 0${
      e.details.itemValue !== undefined ? ` (${e.details.itemValue})` : ''
    }`;
  }
  if (e.trigger === 'risk_words' && e.details.phrases?.length) return `${base}: "${e.details.phrases.join('", "')}"`;
  return e.category ? `${base}: ${safetyCategoryLabels[e.category].toLowerCase()}` : base;
}

/** The reason line of a coordinator's safety task: which trigger, when, who raised it, what to do next. */
export function safetyTaskReason(e: SafetyTaskFacts, timeZone: string): string {
  const who =
    e.raisedByRole === 'system'
      ? 'found by Kindred'
      : `raised by ${e.raisedByName ?? 'someone without an account'} (${e.raisedByRole})`;
  return `${safetyTriggerWords(e)}; ${who} on ${localStamp(e.raisedAt, timeZone)}. ${nextStepWords[e.state]}`.trim();
}

const stateOrder: readonly SafetyState[] = ['open', 'acknowledged', 'followed_up', 'closed'];

/** Not yet acknowledged first, then waiting for a follow-up, then waiting to close; oldest first within each. */
export function compareSafetyTasks(
  a: Pick<SafetyTaskFacts, 'state' | 'raisedAt'>,
  b: Pick<SafetyTaskFacts, 'state' | 'raisedAt'>,
): number {
  const byState = stateOrder.indexOf(a.state) - stateOrder.indexOf(b.state);
  return byState !== 0 ? byState : a.raisedAt.getTime() - b.raisedAt.getTime();
}
