import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MatchingApproval,
  MatchingProposalView,
  MatchingSettings,
  MatchingSettingsInput,
  MatchReportView,
  UnmatchedCode,
} from '../../../core/matching';
import type { PairingView } from '../../../core/pairings';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

export type Proposal = MatchingProposalView['proposals'][number];

/** The matcher's proposal for the program's waiting participants (computed fresh on every load). */
export function useProposal(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'matching', 'proposal'],
    queryFn: () => api.get<MatchingProposalView>(`/programs/${programId}/matching/proposal`),
  });
}

/** Approves pairs in one request: all are saved, or none. */
export function useApproveMatches(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MatchingApproval) =>
      api.post<{ pairings: PairingView[] }>(`/programs/${programId}/matching/approve`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}

/** Short headings for why someone cannot be matched now (the server's reason gives the detail). */
export const unmatchedLabels = {
  no_permission_to_share_contact: 'No permission to share contact details',
  no_compatible_coach: 'No coach fits the rules',
  no_active_coach: 'Fitting coaches are paused or retired',
  no_trained_coach: 'Fitting coaches are not trained yet',
  no_coach_with_place: 'Fitting coaches are full',
  places_taken_by_better_matches: 'Places taken by other matches',
} as const satisfies Record<UnmatchedCode, string>;

/** The program's matching settings (hard rules and weights). */
export function useMatchingSettings(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'matching', 'settings'],
    queryFn: () => api.get<MatchingSettings>(`/programs/${programId}/matching/settings`),
  });
}

export function useSaveMatchingSettings(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MatchingSettingsInput) => api.put<MatchingSettings>(`/programs/${programId}/matching/settings`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...programKey(programId), 'matching'] }),
  });
}

/** What kinds of matches last: pairings by match characteristic. */
export function useMatchReport(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'matching', 'report'],
    queryFn: () => api.get<MatchReportView>(`/programs/${programId}/matching/report`),
  });
}
