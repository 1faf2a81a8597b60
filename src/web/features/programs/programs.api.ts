import { useQuery } from '@tanstack/react-query';
import type { Overview } from '../../../core/tasks';
import { api } from '../../app/api';

export interface ProgramView {
  id: string;
  name: string;
  site: string;
  startOn: string;
  lengthDays: number;
  cadenceDays: number;
  targetContacts: number;
  topics: { key: string; title: string }[];
}

/** Every query about a program starts with this key, so one invalidation refreshes the program. */
export const programKey = (programId: string) => ['programs', programId] as const;

export function useProgramDetail(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'detail'],
    queryFn: () => api.get<ProgramView>(`/programs/${programId}`),
    staleTime: 10 * 60_000,
  });
}

export function useOverview(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'overview'],
    queryFn: () => api.get<Overview>(`/programs/${programId}/overview`),
  });
}
