import type { CoachStatus } from '../../../core/coaches';
import { Badge } from '../../ui/controls';
import { coachStatusLabels } from './coaches.api';

const tones = { active: 'good', paused: 'warning', retired: 'neutral' } as const satisfies Record<
  CoachStatus,
  'good' | 'warning' | 'neutral'
>;

export function CoachStatusBadge({ status }: { status: CoachStatus }) {
  return <Badge tone={tones[status]}>{coachStatusLabels[status]}</Badge>;
}
