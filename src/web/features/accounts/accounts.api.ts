import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InvitationView, Me } from '../../../core/accounts';
import { api } from '../../app/api';
import { forgetSession, rememberSignIn } from '../../app/session';
import { programKey } from '../programs';

export interface PublicConfig {
  isDemo: boolean;
  demoAccounts: string[];
}

export type InvitationRole = 'coordinator' | 'coach' | 'participant' | 'evaluator' | 'assessor';

export interface InvitationInput {
  email: string;
  role: InvitationRole;
  subjectId: string | null;
  displayName: string;
}

/** The program's invitations with where each stands (staff only). */
export function useInvitations(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'invitations'],
    queryFn: () => api.get<InvitationView[]>(`/programs/${programId}/invitations`),
  });
}

export function useConfig() {
  return useQuery({ queryKey: ['config'], queryFn: () => api.get<PublicConfig>('/config'), staleTime: Infinity });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['sign-in'],
    mutationFn: (body: { email: string; password: string }) => api.post<Me>('/auth/login', body),
    onSuccess: (me) => rememberSignIn(client, me),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    // Signed out either way: a failed request most often means the session had already ended.
    onSettled: () => forgetSession(client),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<{ ok: true }>('/auth/password', body),
  });
}

export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api.post<{ email: string; isExistingAccount: boolean }>('/invitations/accept', body),
  });
}

export function useInvite(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationInput) =>
      api.post<{ id: string; expiresAt: string }>(`/programs/${programId}/invitations`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...programKey(programId), 'invitations'] }),
  });
}
