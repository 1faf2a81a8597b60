import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LadderSettings } from '../../../core/engagement';
import type { Overview } from '../../../core/tasks';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

export interface ProgramView {
  id: string;
  name: string;
  site: string;
  startOn: string;
  lengthDays: number;
  cadenceDays: number;
  targetContacts: number;
  /** The program's clock (an IANA zone: shown in words, never as its name). */
  timeZone: string;
  ladder: LadderSettings;
  topics: { key: string; title: string }[];
}

export { programKey };

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

/** What the Program settings page changes (the server keeps every other setting as it is). */
export interface ProgramSettingsBody {
  cadenceDays: number;
  lengthDays: number;
  timeZone: string;
  ladder: LadderSettings;
}

export function useUpdateProgram(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgramSettingsBody) => api.patch<ProgramView>(`/programs/${programId}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}
