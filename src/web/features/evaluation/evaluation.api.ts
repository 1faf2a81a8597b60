import { useQuery } from '@tanstack/react-query';
import type { OutcomeReportView } from '../../../core/evaluation';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

/** The outcome report (also behind "Whom to target") for one outcome questionnaire. */
export function useOutcomeReport(programId: string, instrument: string | null) {
  return useQuery({
    queryKey: [...programKey(programId), 'reports', 'outcomes', instrument ?? 'default'],
    queryFn: () =>
      api.get<OutcomeReportView>(
        `/programs/${programId}/reports/outcomes${instrument ? `?instrument=${encodeURIComponent(instrument)}` : ''}`,
      ),
  });
}
