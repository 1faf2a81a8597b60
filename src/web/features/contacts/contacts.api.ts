import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactInput, ContactView } from '../../../core/contacts';
import type { ParticipantView } from '../../../core/participants';
import { api, query } from '../../app/api';
import { programKey } from '../programs';

/**
 * The participants the caller can log a contact for: a coach's own (from "Today"), or every active
 * participant for staff.
 */
export function useLoggableParticipants(programId: string, isStaff: boolean) {
  return useQuery({
    queryKey: [...programKey(programId), 'participants', 'loggable', isStaff],
    queryFn: async () =>
      isStaff
        ? api.get<ParticipantView[]>(`/programs/${programId}/participants${query({ status: 'active' })}`)
        : (await api.get<{ participants: ParticipantView[] }>(`/programs/${programId}/today`)).participants,
  });
}

export function useRecentContacts(programId: string, limit = 100) {
  return useQuery({
    queryKey: [...programKey(programId), 'contacts', limit],
    queryFn: () => api.get<ContactView[]>(`/programs/${programId}/contacts${query({ limit })}`),
  });
}

export function useParticipantContacts(programId: string, participantId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'participants', participantId, 'contacts'],
    queryFn: () => api.get<ContactView[]>(`/programs/${programId}/participants/${participantId}/contacts`),
  });
}

/** Saves a contact. The client key makes a retry after a dropped connection safe (saved once). */
export function useLogContact(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactInput) => api.post<ContactView>(`/programs/${programId}/contacts`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}
