import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OutboxChannel, OutboxState } from '../../../core/outbox';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

export type MailState = OutboxState;

export interface MailView {
  id: string;
  to: string;
  subject: string;
  text: string;
  channel: OutboxChannel;
  state: MailState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const mailKey = (programId: string) => [...programKey(programId), 'mail'];

/** The program's messages, newest first, one page at a time ("Show more" fetches the next). */
export function useMail(programId: string) {
  return useInfiniteQuery({
    queryKey: mailKey(programId),
    queryFn: ({ pageParam }) => api.getPage<MailView>(`/programs/${programId}/mail`, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => data.pages.flatMap((p) => p.items),
  });
}

/** Sends again a message that failed or may not have arrived (a coordinator's decision). */
export function useResendMail(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<MailView>(`/programs/${programId}/mail/${id}/resend`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: mailKey(programId) }),
  });
}

/** Whether a participant's number opted out of texts (STOP); staff only. */
export function useTexting(programId: string, participantId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...programKey(programId), 'participants', participantId, 'texting'],
    queryFn: () =>
      api.get<{ optedOut: boolean; optedOutAt: string | null }>(`/programs/${programId}/participants/${participantId}/texting`),
    enabled,
  });
}
