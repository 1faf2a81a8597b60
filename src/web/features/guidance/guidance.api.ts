import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TopicView } from '../../../core/curriculum';
import type {
  GuidedSessionSummary,
  GuideDraftInput,
  GuideDraftView,
  GuideFinishedView,
  GuideFinishInput,
  GuideStartView,
} from '../../../core/guidance';
import { api } from '../../app/api';
import { programKey } from '../programs';

export type { GuideDraftInput, GuideDraftView, GuideFinishedView, GuideStartView };
/** The body of the finishing request, as the server reads it (defaults filled in there). */
export type GuideFinishBody = z.input<typeof GuideFinishInput>;

/** What the guide opens with. Not cached: the last plan and topics covered must be fresh at each session. */
export function useGuide(programId: string, participantId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'participants', participantId, 'guide'],
    queryFn: () => api.get<GuideStartView>(`/programs/${programId}/participants/${participantId}/guide`),
    staleTime: 0,
    // The guide's state lives in the page: a background refetch must not reset a session in progress.
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** The participant's last guided sessions (pain, mood, topics), for the record. */
export function useGuidedSessions(programId: string, participantId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'participants', participantId, 'guides'],
    queryFn: () => api.get<GuidedSessionSummary[]>(`/programs/${programId}/participants/${participantId}/guides`),
  });
}

/** One topic's coach guide (talking points, questions), as the curriculum pages read it. */
export function useTopicGuide(programId: string, key: string | null) {
  return useQuery({
    queryKey: [...programKey(programId), 'curriculum', key ?? ''],
    queryFn: () => api.get<TopicView>(`/programs/${programId}/curriculum/${encodeURIComponent(key ?? '')}`),
    enabled: key !== null,
    staleTime: 10 * 60_000,
  });
}

/** Finishing writes the contact, plans and the guide record: everything in the program may have changed. */
export function useFinishGuide(programId: string, participantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: GuideFinishBody) =>
      api.post<GuideFinishedView>(`/programs/${programId}/participants/${participantId}/guide`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}

const draftKey = (programId: string, participantId: string) =>
  [...programKey(programId), 'participants', participantId, 'guide', 'draft'] as const;

/** What the coach entered last time and did not finish (ADR 0035), or null. Read once per opening. */
export function useGuideDraft(programId: string, participantId: string) {
  return useQuery({
    queryKey: draftKey(programId, participantId),
    queryFn: async () =>
      (await api.get<{ draft: GuideDraftView | null }>(`/programs/${programId}/participants/${participantId}/guide/draft`)).draft,
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** Saves the guide as entered so far; each save also counts as activity for the idle sign-out. */
export function useSaveGuideDraft(programId: string, participantId: string) {
  return useMutation({
    mutationFn: (body: GuideDraftInput) =>
      api.put<GuideDraftView>(`/programs/${programId}/participants/${participantId}/guide/draft`, body),
  });
}

/** "Start over": the saved draft is deleted. */
export function useDiscardGuideDraft(programId: string, participantId: string) {
  return useMutation({
    mutationFn: () => api.delete<{ ok: true }>(`/programs/${programId}/participants/${participantId}/guide/draft`),
  });
}
