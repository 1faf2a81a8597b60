import { useQuery } from '@tanstack/react-query';
import type { EngagementReportView } from '../../../core/engagement';
import type { FidelityReportView } from '../../../core/fidelity';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

export function useFidelityReport(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'reports', 'fidelity'],
    queryFn: () => api.get<FidelityReportView>(`/programs/${programId}/reports/fidelity`),
  });
}

export function useEngagementReport(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'reports', 'engagement'],
    queryFn: () => api.get<EngagementReportView>(`/programs/${programId}/reports/engagement`),
  });
}
