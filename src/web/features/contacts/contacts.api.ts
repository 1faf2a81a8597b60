import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactInput, ContactView } from '../../../core/contacts';
import { api, query } from '../../app/api';
import { programKey } from '../programs';

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
