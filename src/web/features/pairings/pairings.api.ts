import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PairingEndReason, PairingView } from '../../../core/pairings';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

export interface PairingBody {
  participantId: string;
  coachId: string;
  genderMismatchReason: string | null;
  /** A pairing that began on an earlier day, entered from a paper record by staff (ADR 0030). */
  startedAt?: string;
  enteredLate?: { reason: string };
}

export function usePairings(programId: string, participantId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'participants', participantId, 'pairings'],
    queryFn: () => api.get<PairingView[]>(`/programs/${programId}/participants/${participantId}/pairings`),
  });
}

export function useCreatePairing(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PairingBody) => api.post<PairingView>(`/programs/${programId}/pairings`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}

export function useEndPairing(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ pairingId, ...body }: { pairingId: string; reason: PairingEndReason; note: string }) =>
      api.post<PairingView>(`/programs/${programId}/pairings/${pairingId}/end`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}

export const endReasonLabels = {
  reach: 'They could not reach each other',
  fit: 'Not a good fit',
  coach_paused: 'The coach is taking a break',
  coach_retired: 'The coach stopped coaching',
  participant_request: 'The participant asked for a change',
  participant_withdrawn: 'The participant left the program',
  program_completed: 'The program is complete',
  other: 'Another reason',
} as const satisfies Record<PairingEndReason, string>;

/** The server's reason code when a cross-gender pairing needs a recorded reason. */
export const GENDER_MISMATCH_NEEDS_REASON = 'gender_mismatch_needs_reason';
