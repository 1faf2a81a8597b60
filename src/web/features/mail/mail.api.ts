import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { programKey } from '../programs';

export type MailState = 'queued' | 'sent' | 'failed' | 'captured';

export interface MailView {
  id: string;
  to: string;
  subject: string;
  text: string;
  state: MailState;
  createdAt: string;
  sentAt: string | null;
}

export function useMail(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'mail'],
    queryFn: () => api.get<MailView[]>(`/programs/${programId}/mail`),
  });
}
