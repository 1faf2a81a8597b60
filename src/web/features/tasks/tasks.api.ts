import { useQuery } from '@tanstack/react-query';
import type { ScheduledSessionView } from '../../../core/engagement';
import type { ParticipantView } from '../../../core/participants';
import type { PainAlert } from '../../../core/plans';
import type { TaskView, TaskViewKind } from '../../../core/tasks';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

export type CoachingParticipant = Extract<ParticipantView, { view: 'coaching' }>;

export interface Today {
  tasks: TaskView[];
  /** The coach's scheduled sessions in the next 14 days, soonest first. */
  sessions: ScheduledSessionView[];
  participants: CoachingParticipant[];
  /** Paired participants whose latest check-in jumped or carries a worrying note (issue #16). */
  painAlerts: PainAlert[];
}

/** The coach's day: tasks in order, the sessions coming up and his or her participants. */
export function useToday(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'today'],
    queryFn: async () => {
      const t = await api.get<{
        tasks: TaskView[];
        sessions: ScheduledSessionView[];
        participants: ParticipantView[];
        painAlerts?: PainAlert[];
      }>(`/programs/${programId}/today`);
      return {
        painAlerts: t.painAlerts ?? [],
        tasks: t.tasks,
        sessions: t.sessions,
        participants: t.participants.filter((p): p is CoachingParticipant => p.view === 'coaching'),
      };
    },
  });
}

export function useTasks(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'tasks'],
    queryFn: () => api.get<TaskView[]>(`/programs/${programId}/tasks`),
  });
}

export const taskKindLabels = {
  safety: 'Safety event',
  first_contact: 'First contact',
  next_contact: 'Next contact',
  check_in_call: 'Check-in call',
  decision: 'Decision: re-pair, pause or withdraw',
  booster_due: 'Booster due',
  call_coach: 'Call the coach',
  assessment: 'Assessment',
} as const satisfies Record<TaskViewKind, string>;
