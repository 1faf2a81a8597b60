import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactInput, ContactView } from '../../../core/contacts';
import type { ParticipantView } from '../../../core/participants';
import { api, query } from '../../app/api';
import { sendOrQueue } from '../../app/send-queue';
import { programKey } from '../../app/program-key';

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

/** What saving a contact came to: saved now, or kept on the device to send when back online. */
export type LoggedContact = { isQueued: false; contact: ContactView } | { isQueued: true; participantId: string };

/**
 * Saves a contact. The client key makes a retry after a dropped connection safe (saved once). With
 * no connection the contact waits on the device and is sent when it returns (ADR 0042): the
 * mutation runs offline too (`networkMode: 'always'`) so that it can be queued.
 */
export function useLogContact(programId: string, personId: string, participantName: (id: string) => string) {
  const client = useQueryClient();
  return useMutation({
    networkMode: 'always',
    mutationFn: async (body: ContactInput): Promise<LoggedContact> => {
      const path = `/programs/${programId}/contacts`;
      const result = await sendOrQueue(
        {
          kind: 'contact',
          personId,
          programId,
          participantId: body.participantId,
          clientKey: body.clientKey,
          method: 'POST',
          path,
          body,
          label: `Contact with ${participantName(body.participantId)}`,
        },
        () => api.post<ContactView>(path, body),
      );
      return result.queued ? { isQueued: true, participantId: body.participantId } : { isQueued: false, contact: result.data };
    },
    onSuccess: (r) => (r.isQueued ? undefined : client.invalidateQueries({ queryKey: programKey(programId) })),
  });
}
