import { LATE_ENTRY_DAYS } from '../../../core/shared/late-entry';
import { ContactInput, isInFuture, type ContactOutcome, type EssentialElement } from '../../../core/contacts';
import type { Channel } from '../../../core/shared/vocab';
import { fromLocalInputValue } from '../../ui/dates';
import { schemaProblems, type FieldMessages } from '../../ui/form';
import { englishT, type Translate } from '../../i18n/i18n';

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

/** The contact's schema without the client's key, which the form makes itself. */
const ContactAnswers = ContactInput.omit({ clientKey: true });

/**
 * What must be fixed before the contact can be sent: the schema the server checks it with, and the
 * server's rule that a contact is not in the future (ADR 0054).
 */
export function contactProblems(v: ContactFormValues, now: Date, timeZone?: string, t: Translate = englishT): FieldMessages {
  const { clientKey: _none, ...body } = contactBody(v, '', timeZone);
  const out = schemaProblems(ContactAnswers, body, t);
  // The schema's own words for a missing outcome (the only way it can be refused), in the reader's language.
  if (out['outcome']) out['outcome'] = t('staff.coach.contactForm.outcomeMissing');
  if (!out['occurredAt'] && isInFuture(new Date(body.occurredAt), now)) out['occurredAt'] = t('staff.coach.contactForm.future');
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

/** The form's fields by name, for the error summary, in the reader's language. */
export function contactFieldLabelsIn(t: Translate): Record<string, string> {
  return {
    participantId: t('staff.coach.contactForm.participant'),
    occurredAt: t('staff.coach.contactForm.when'),
    channel: t('staff.coach.contactForm.how'),
    outcome: t('staff.coach.contactForm.outcome'),
    minutes: t('staff.coach.contactForm.minutesName'),
    topics: t('staff.coach.contactForm.topicsName'),
    note: t('staff.coach.contactForm.noteName'),
  };
}
