import type { WithdrawalReason } from '../../../core/participants';

export const withdrawalReasonLabels = {
  participant_request: 'The participant asked to leave',
  lost_to_follow_up: 'Lost to follow-up',
  health: 'Health reasons',
  ineligible: 'Found not eligible',
  moved: 'Moved away',
  died: 'Died',
  other: 'Other reason',
} as const satisfies Record<WithdrawalReason, string>;
