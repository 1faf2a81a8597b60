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
import { KEEP_OFFLINE } from '../../app/offline-reads';
import { sendOrQueue } from '../../app/send-queue';
import { programKey } from '../../app/program-key';

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

/** Who is entering the guide and for whom: what a queued entry needs besides its body (ADR 0042). */
export interface GuideSender {
  personId: string;
  /** The participant's name, for "Waiting to send" and a refusal. */
  name: string;
}

/**
 * Finishing writes the contact, plans and the guide record: everything in the program may have
 * changed. Without a connection the session waits on the device (`isQueued`) and is sent, once,
 * when it returns (ADR 0042).
 */
export function useFinishGuide(programId: string, participantId: string, sender: GuideSender) {
  const client = useQueryClient();
  return useMutation({
    networkMode: 'always',
    mutationFn: async (body: GuideFinishBody) => {
      const path = `/programs/${programId}/participants/${participantId}/guide`;
      const r = await sendOrQueue(
        {
          kind: 'guide_finish',
          personId: sender.personId,
          programId,
          participantId,
          clientKey: body.clientKey,
          method: 'POST',
          path,
          body,
          label: `Session with ${sender.name}`,
        },
        () => api.post<GuideFinishedView>(path, body),
      );
      return { isQueued: r.queued };
    },
    onSuccess: (r) => (r.isQueued ? undefined : client.invalidateQueries({ queryKey: programKey(programId) })),
  });
}

const draftKey = (programId: string, participantId: string) =>
  [...programKey(programId), 'participants', participantId, 'guide', 'draft'] as const;

/** What the coach entered last time and did not finish (ADR 0035), or null. Read once per opening. */
export function useGuideDraft(programId: string, participantId: string) {
  return useQuery({
    queryKey: draftKey(programId, participantId),
    // Never kept on the device (ADR 0042): offline, the guide carries on from the device's queued draft.
    meta: { [KEEP_OFFLINE]: false },
    queryFn: async () =>
      (await api.get<{ draft: GuideDraftView | null }>(`/programs/${programId}/participants/${participantId}/guide/draft`)).draft,
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/**
 * Saves the guide as entered so far; each save also counts as activity for the idle sign-out.
 * Without a connection the draft waits on the device, the newest replacing the older (ADR 0042).
 */
export function useSaveGuideDraft(programId: string, participantId: string, sender: GuideSender) {
  return useMutation({
    networkMode: 'always',
    mutationFn: async (body: GuideDraftInput): Promise<{ isQueued: boolean; savedAt: string }> => {
      const path = `/programs/${programId}/participants/${participantId}/guide/draft`;
      const r = await sendOrQueue(
        {
          kind: 'guide_draft',
          personId: sender.personId,
          programId,
          participantId,
          clientKey: body.clientKey,
          method: 'PUT',
          path,
          body,
          label: `Session guide with ${sender.name} (not finished)`,
        },
        () => api.put<GuideDraftView>(path, body),
      );
      return r.queued
        ? { isQueued: true, savedAt: new Date(r.entry.queuedAt).toISOString() }
        : { isQueued: false, savedAt: r.data.savedAt };
    },
  });
}

/** "Start over": the saved draft is deleted. */
export function useDiscardGuideDraft(programId: string, participantId: string) {
  return useMutation({
    mutationFn: () => api.delete<{ ok: true }>(`/programs/${programId}/participants/${participantId}/guide/draft`),
  });
}
