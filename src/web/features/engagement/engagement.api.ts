import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BestTimesView,
  CheckInInput,
  CoachPreferencesUpdate,
  CoachPreferencesView,
  DecisionInput,
  LadderEventView,
  PairHelpView,
} from '../../../core/engagement';
import { api } from '../../app/api';
import { programKey } from '../programs';

/** When to try a participant next (coach of the participant, or staff). */
export function useBestTimes(programId: string, participantId: string, enabled = true) {
  return useQuery({
    queryKey: [...programKey(programId), 'participants', participantId, 'best-times'],
    queryFn: () => api.get<BestTimesView>(`/programs/${programId}/participants/${participantId}/best-times`),
    enabled: enabled && participantId !== '',
  });
}

/** Every active pair with its ladder step (staff). Sorting and filtering happen on the page. */
export function usePairs(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'pairs'],
    queryFn: () => api.get<PairHelpView[]>(`/programs/${programId}/pairs`),
  });
}

export function useLadderEvents(programId: string, pairingId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'pairs', pairingId, 'events'],
    queryFn: () => api.get<LadderEventView[]>(`/programs/${programId}/pairings/${pairingId}/ladder-events`),
  });
}

function useProgramMutation<I, O>(programId: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }) });
}

/** The body as the server reads it: defaults (e.g. an empty note) are filled in there. */
export type CheckInBody = Omit<CheckInInput, 'note'> & { note?: string };

export function useRecordCheckIn(programId: string, pairingId: string) {
  return useProgramMutation(programId, (body: CheckInBody) =>
    api.post<LadderEventView>(`/programs/${programId}/pairings/${pairingId}/check-ins`, body),
  );
}

export function useRecordDecision(programId: string, pairingId: string) {
  return useProgramMutation(programId, (body: DecisionInput) =>
    api.post<LadderEventView>(`/programs/${programId}/pairings/${pairingId}/decisions`, body),
  );
}

export function useCoachPreferences(programId: string, coachId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'coaches', coachId, 'preferences'],
    queryFn: () => api.get<CoachPreferencesView>(`/programs/${programId}/coaches/${coachId}/preferences`),
    enabled: coachId !== '',
  });
}

export function useUpdateCoachPreferences(programId: string, coachId: string) {
  return useProgramMutation(programId, (body: CoachPreferencesUpdate) =>
    api.put<CoachPreferencesView>(`/programs/${programId}/coaches/${coachId}/preferences`, body),
  );
}
