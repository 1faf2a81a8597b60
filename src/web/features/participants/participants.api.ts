import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ParticipantInput,
  ParticipantStatus,
  ParticipantUpdate,
  ParticipantView,
  PreferencesUpdate,
  StatusChange,
} from '../../../core/participants';
import { api, query } from '../../app/api';
import { programKey } from '../../app/program-key';

export type FullParticipant = Extract<ParticipantView, { view: 'full' }>;
export type CoachingParticipant = Extract<ParticipantView, { view: 'coaching' }>;
export type SelfParticipant = Extract<ParticipantView, { view: 'self' }>;
export type PseudonymousParticipant = Extract<ParticipantView, { view: 'pseudonymous' }>;

/** The request body of a new participant, as the server reads it (defaults filled in there). */
export type NewParticipantBody = Partial<ParticipantInput> &
  Pick<ParticipantInput, 'givenName' | 'familyName' | 'gender' | 'painLocations' | 'referredOn'>;

const participantsKey = (programId: string) => [...programKey(programId), 'participants'] as const;

export function useParticipants(programId: string, status?: ParticipantStatus) {
  return useQuery({
    queryKey: [...participantsKey(programId), 'list', status ?? 'all'],
    queryFn: () => api.get<ParticipantView[]>(`/programs/${programId}/participants${query({ status })}`),
  });
}

export function useParticipant(programId: string, participantId: string) {
  return useQuery({
    queryKey: [...participantsKey(programId), participantId],
    queryFn: () => api.get<ParticipantView>(`/programs/${programId}/participants/${participantId}`),
  });
}

/** Mutations refresh everything in the program: statuses, pairs and tasks all depend on each other. */
function useProgramMutation<I, O>(programId: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}

export function useCreateParticipant(programId: string) {
  return useProgramMutation(programId, (body: NewParticipantBody) =>
    api.post<ParticipantView>(`/programs/${programId}/participants`, body),
  );
}

export function useUpdateParticipant(programId: string, participantId: string) {
  return useProgramMutation(programId, (body: ParticipantUpdate) =>
    api.patch<ParticipantView>(`/programs/${programId}/participants/${participantId}`, body),
  );
}

export function useUpdatePreferences(programId: string, participantId: string) {
  return useProgramMutation(programId, (body: PreferencesUpdate) =>
    api.put<ParticipantView>(`/programs/${programId}/participants/${participantId}/preferences`, body),
  );
}

export function useChangeStatus(programId: string, participantId: string) {
  return useProgramMutation(programId, (body: StatusChange) =>
    api.post<ParticipantView>(`/programs/${programId}/participants/${participantId}/status`, body),
  );
}

/** "Given Family", or the code when the view carries no name. */
export function participantName(p: ParticipantView): string {
  return p.view === 'pseudonymous' ? p.code : `${p.givenName} ${p.familyName}`;
}
