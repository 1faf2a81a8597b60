import type { ContactOutcome, EssentialElement } from '../../../core/contacts';

export const outcomeLabels = {
  reached: 'Yes, we talked',
  no_answer: 'No answer',
  voicemail: 'Left a voicemail or message',
  wrong_number: 'Wrong number',
  declined: 'They could not talk or said no',
  rescheduled: 'We agreed another time',
} as const satisfies Record<ContactOutcome, string>;

/** Short words for lists and tables. */
export const outcomeShortLabels = {
  reached: 'Reached',
  no_answer: 'No answer',
  voicemail: 'Voicemail',
  wrong_number: 'Wrong number',
  declined: 'Declined',
  rescheduled: 'Rescheduled',
} as const satisfies Record<ContactOutcome, string>;

/** The four essential elements of a coaching contact, in plain words. */
export const elementLabels = {
  discussedStrategies: 'Talked about self-management strategies',
  gaveEncouragement: 'Gave encouragement',
  discussedAdjusting: 'Talked about adjusting strategies',
  discussedGoals: 'Set or reviewed a goal',
} as const satisfies Record<EssentialElement, string>;
