import type { ParticipantStatus } from '../../../core/participants';
import type { PairState } from '../../../core/tasks';
import { pairStateLabels, pairStateTones, participantStatusLabels } from '../../app/vocab';
import { Badge } from '../../ui/controls';

const statusTones = {
  referred: 'neutral',
  enrolled: 'info',
  active: 'good',
  completed: 'neutral',
  withdrawn: 'neutral',
} as const satisfies Record<ParticipantStatus, 'neutral' | 'info' | 'good'>;

export function StatusBadge({ status }: { status: ParticipantStatus }) {
  return <Badge tone={statusTones[status]}>{participantStatusLabels[status]}</Badge>;
}

/** Where a pair stands; nothing when the participant has no coach. */
export function PairStateBadge({ state }: { state: PairState | null }) {
  if (!state) return <span className="muted">Not paired</span>;
  return <Badge tone={pairStateTones[state]}>{pairStateLabels[state]}</Badge>;
}
