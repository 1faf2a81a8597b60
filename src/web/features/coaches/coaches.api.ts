import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CoachInput, CoachStatus, CoachUpdate, CoachView } from '../../../core/coaches';
import type { ParticipantView } from '../../../core/participants';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

const coachesKey = (programId: string) => [...programKey(programId), 'coaches'] as const;

/** The body of a new coach; the server fills in the defaults. */
export type NewCoachBody = Partial<CoachInput> & Pick<CoachInput, 'givenName' | 'familyName' | 'gender'>;

export function useCoaches(programId: string) {
  return useQuery({
    queryKey: [...coachesKey(programId), 'list'],
    queryFn: () => api.get<CoachView[]>(`/programs/${programId}/coaches`),
  });
}

export function useCoach(programId: string, coachId: string) {
  return useQuery({
    queryKey: [...coachesKey(programId), coachId],
    queryFn: () => api.get<CoachView>(`/programs/${programId}/coaches/${coachId}`),
  });
}

/** The participants a coach works with now (read from the staff participant list). */
export function useCoachParticipants(programId: string, coachId: string) {
  return useQuery({
    queryKey: [...coachesKey(programId), coachId, 'participants'],
    queryFn: async () => {
      const all = await api.get<ParticipantView[]>(`/programs/${programId}/participants`);
      return all.filter((p) => (p.view === 'full' || p.view === 'coaching') && p.coach?.id === coachId);
    },
  });
}

export function useCreateCoach(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCoachBody) => api.post<CoachView>(`/programs/${programId}/coaches`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}

export function useUpdateCoach(programId: string, coachId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CoachUpdate) => api.patch<CoachView>(`/programs/${programId}/coaches/${coachId}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}

export const coachStatusLabels = {
  active: 'Active',
  paused: 'Paused',
  retired: 'Retired',
} as const satisfies Record<CoachStatus, string>;

export const coachName = (c: Pick<CoachView, 'givenName' | 'familyName'>): string => `${c.givenName} ${c.familyName}`;

/** Places the coach still has: the caseload he or she chose, less the participants coached now. */
export const openPlaces = (c: Pick<CoachView, 'caseload' | 'activePairings'>): number =>
  Math.max(0, c.caseload - c.activePairings);
