import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { InvitationView, Me, SignInSessionView, TwoFactorStatus } from '../../../core/accounts';
import { api } from '../../app/api';
import { forgetSession, meKey, rememberSignIn } from '../../app/session';
import { programKey } from '../../app/program-key';

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

/** The program's invitations with where each stands (staff only), newest first, one page at a time. */
export function useInvitations(programId: string) {
  return useInfiniteQuery({
    queryKey: [...programKey(programId), 'invitations'],
    queryFn: ({ pageParam }) => api.getPage<InvitationView>(`/programs/${programId}/invitations`, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => data.pages.flatMap((p) => p.items),
  });
}

export function useConfig() {
  return useQuery({ queryKey: ['config'], queryFn: () => api.get<PublicConfig>('/config'), staleTime: Infinity });
}

/** How one may sign in here: single sign-on for staff when the deployment has a provider (ADR 0031). */
export interface SignInOptions {
  singleSignOn: { label: string } | null;
}

export function useSignInOptions() {
  return useQuery({ queryKey: ['sign-in-options'], queryFn: () => api.get<SignInOptions>('/auth/options'), staleTime: Infinity });
}

/** Where the browser goes to sign in through the provider (a full page load, not a fetch). */
export const SINGLE_SIGN_ON_START = '/api/v1/auth/oidc/start';

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['sign-in'],
    mutationFn: (body: { email: string; password: string }) => api.post<Me>('/auth/login', body),
    onSuccess: (me) => rememberSignIn(client, me),
  });
}

/** Resolves once no query is fetching, or after `ms` whichever comes first. */
async function readsSettled(client: QueryClient, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (client.isFetching() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // Reads already on their way (a refresh after a save) finish first: answered after the session
      // ended they would fail with 401 for nothing, and the browser would log each one.
      await readsSettled(client, 2000);
      return api.post<{ ok: true }>('/auth/logout');
    },
    // Signed out either way: a failed request most often means the session had already ended.
    // Returned, so the mutation ends once what the device kept is deleted.
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

/** "Forgot your password?": the same answer whether or not the address has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: { email: string }) => api.post<{ ok: true }>('/auth/password-reset/request', body),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => api.post<{ email: string }>('/auth/password-reset', body),
  });
}

export const sessionsKey = ['me', 'sessions'] as const;
export const twoFactorKey = ['me', 'two-factor'] as const;

/** The caller's live sessions, this one marked. */
export function useMySessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => api.get<SignInSessionView[]>('/auth/sessions') });
}

export function useEndSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/auth/sessions/${id}`),
    onSettled: () => client.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useEndOtherSessions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ended: number }>('/auth/sessions/end-others'),
    onSettled: () => client.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useTwoFactorStatus() {
  return useQuery({ queryKey: twoFactorKey, queryFn: () => api.get<TwoFactorStatus>('/auth/two-factor') });
}

export interface TotpEnrolment {
  uri: string;
  key: string;
  qrCode: string;
}

export function useStartEnrolment() {
  return useMutation({ mutationFn: () => api.post<TotpEnrolment>('/auth/two-factor/enrol') });
}

/**
 * Confirms set-up with a first code. The status is not asked again here: the recovery codes must stay
 * on screen until the person says they are kept (the page then refreshes the status or /me).
 */
export function useConfirmEnrolment() {
  return useMutation({
    mutationFn: (body: { code: string }) => api.post<{ recoveryCodes: string[] }>('/auth/two-factor/confirm', body),
  });
}

/** The second step of signing in; then /me is asked again (now with programs and roles). */
export function useVerifySecondStep() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string } | { recoveryCode: string }) =>
      api.post<{ usedRecoveryCode: boolean; recoveryCodesLeft: number }>('/auth/two-factor/verify', body),
    onSuccess: () => client.invalidateQueries({ queryKey: meKey }),
  });
}

export function useDisableTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string }) => api.post<{ ok: true }>('/auth/two-factor/disable', body),
    onSuccess: () => client.invalidateQueries({ queryKey: twoFactorKey }),
  });
}

export function useNewRecoveryCodes() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ recoveryCodes: string[] }>('/auth/two-factor/recovery-codes'),
    onSuccess: () => client.invalidateQueries({ queryKey: twoFactorKey }),
  });
}

export function useSignInSettings(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'sign-in-settings'],
    queryFn: () => api.get<{ staffTwoFactorRequired: boolean }>(`/programs/${programId}/sign-in-settings`),
  });
}

export function useSaveSignInSettings(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { staffTwoFactorRequired: boolean }) =>
      api.put<{ staffTwoFactorRequired: boolean }>(`/programs/${programId}/sign-in-settings`, body),
    onSuccess: (saved) => client.setQueryData([...programKey(programId), 'sign-in-settings'], saved),
  });
}

/** Participants: a six-digit code by e-mail or text. The same answer whoever asks. */
export function useRequestSignInCode() {
  return useMutation({
    mutationFn: (body: { email: string; channel: 'email' | 'sms' }) => api.post<{ ok: true }>('/auth/code/request', body),
  });
}

export function useSignInWithCode() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['sign-in'],
    mutationFn: (body: { email: string; code: string }) => api.post<Me>('/auth/code/sign-in', body),
    onSuccess: (me) => rememberSignIn(client, me),
  });
}
