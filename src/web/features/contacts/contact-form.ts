import { LATE_ENTRY_DAYS } from '../../../core/shared/late-entry';
import type { ContactInput, ContactOutcome, EssentialElement } from '../../../core/contacts';
import type { Channel } from '../../../core/shared/vocab';
import { fromLocalInputValue } from '../../ui/dates';
import type { FieldMessages } from '../../ui/form';

/** What the contact form holds while it is filled in. */
export interface ContactFormValues {
  participantId: string;
  when: string;
  channel: Channel;
  outcome: ContactOutcome | '';
  minutes: string;
  topics: string[];
  elements: EssentialElement[];
  note: string;
  /** Staff entering a paper record late: why (ADR 0030). */
  lateReason?: string;
}

/**
 * Whether the chosen time is more than 7 days back, so the contact is a late entry (staff, with a
 * reason). `timeZone` (here and below) is the program's: the form's clock is read there (issue #16).
 */
export function isLateContact(when: string, now: Date, timeZone?: string): boolean {
  const at = fromLocalInputValue(when, timeZone);
  return at !== null && now.getTime() - new Date(at).getTime() > LATE_ENTRY_DAYS * 86_400_000;
}

/** Allowed clock skew between the phone and the server, as on the server. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

/** What must be fixed before the contact can be sent. */
export function contactProblems(v: ContactFormValues, now: Date, timeZone?: string): FieldMessages {
  const out: FieldMessages = {};
  if (!v.participantId) out['participantId'] = 'Choose who you contacted';
  const at = fromLocalInputValue(v.when, timeZone);
  if (!at) out['occurredAt'] = 'Enter the date and time of the contact';
  else if (new Date(at).getTime() > now.getTime() + FUTURE_TOLERANCE_MS) out['occurredAt'] = 'The time cannot be in the future';
  if (!v.outcome) out['outcome'] = 'Say whether you reached them';
  if (v.outcome === 'reached' && v.minutes.trim()) {
    const n = Number(v.minutes);
    if (!Number.isInteger(n) || n < 0 || n > 600) out['minutes'] = 'Enter whole minutes from 0 to 600';
  }
  return out;
}

/**
 * The body of POST /contacts. Topics, minutes and the essential elements belong only to a contact
 * where the participant was reached, so an unreached attempt sends them empty.
 */
export function contactBody(v: ContactFormValues, clientKey: string, timeZone?: string): ContactInput {
  const reached = v.outcome === 'reached';
  const has = (e: EssentialElement) => reached && v.elements.includes(e);
  return {
    participantId: v.participantId,
    clientKey,
    occurredAt: fromLocalInputValue(v.when, timeZone) ?? '',
    channel: v.channel,
    outcome: v.outcome as ContactOutcome,
    minutes: reached && v.minutes.trim() ? Number(v.minutes) : null,
    topics: reached ? v.topics : [],
    discussedStrategies: has('discussedStrategies'),
    gaveEncouragement: has('gaveEncouragement'),
    discussedAdjusting: has('discussedAdjusting'),
    discussedGoals: has('discussedGoals'),
    note: v.note.trim(),
    ...(v.lateReason?.trim() ? { enteredLate: { reason: v.lateReason.trim() } } : {}),
  };
}

export const contactFieldLabels: Record<string, string> = {
  participantId: 'Participant',
  occurredAt: 'When',
  channel: 'How',
  outcome: 'Did you reach them?',
  minutes: 'Minutes',
  topics: 'Topics',
  note: 'Private note',
};
