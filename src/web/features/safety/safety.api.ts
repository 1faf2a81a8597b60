import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ParticipantView } from '../../../core/participants';
import type {
  CrisisInfo,
  FollowUpInput,
  OpenSafetyEventsView,
  RaisedView,
  SafetyCategory,
  SafetyEventView,
  SafetyLogView,
  SafetySettings,
} from '../../../core/safety';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

const safetyKey = (programId: string) => [...programKey(programId), 'safety'] as const;

/** The program's crisis information (what to do now); any member of the program may read it. */
export function useCrisisInfo(programId: string | null) {
  return useQuery({
    queryKey: [...safetyKey(programId ?? 'none'), 'crisis-info'],
    queryFn: () => api.get<CrisisInfo>(`/programs/${programId}/safety/crisis-info`),
    enabled: programId !== null,
    staleTime: 5 * 60_000,
  });
}

/** The participants the caller may raise a concern about: a coach's own, or everyone for staff. */
export function useConcernParticipants(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'participants', 'list', 'all'],
    queryFn: () => api.get<ParticipantView[]>(`/programs/${programId}/participants`),
  });
}

/** Every change to safety refreshes the program: the task list, the log and the event all move together. */
function useProgramMutation<I, O>(programId: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }) });
}

export interface ConcernBody {
  participantId: string;
  clientKey: string;
  category: SafetyCategory | null;
  note: string;
}

export function useRaiseConcern(programId: string) {
  return useProgramMutation(programId, (body: ConcernBody) =>
    api.post<RaisedView>(`/programs/${programId}/safety/concerns`, body),
  );
}

export function useRequestHelp(programId: string) {
  return useProgramMutation(programId, (clientKey: string) =>
    api.post<RaisedView>(`/programs/${programId}/safety/help`, { clientKey }),
  );
}

/** The participant's "Pressed by mistake? Tell us" after their own "I need help now". */
export function useReportMistake(programId: string, eventId: string) {
  return useProgramMutation(programId, () => api.post<{ ok: true }>(`/programs/${programId}/safety/help/${eventId}/mistake`));
}

export function useSafetyEvent(programId: string, eventId: string) {
  return useQuery({
    queryKey: [...safetyKey(programId), 'events', eventId],
    queryFn: () => api.get<SafetyEventView>(`/programs/${programId}/safety/events/${eventId}`),
  });
}

export function useAcknowledge(programId: string, eventId: string) {
  return useProgramMutation(programId, () =>
    api.post<SafetyEventView>(`/programs/${programId}/safety/events/${eventId}/acknowledge`),
  );
}

export function useRecordFollowUp(programId: string, eventId: string) {
  return useProgramMutation(programId, (body: FollowUpInput) =>
    api.post<SafetyEventView>(`/programs/${programId}/safety/events/${eventId}/follow-ups`, body),
  );
}

export function useCloseEvent(programId: string, eventId: string) {
  return useProgramMutation(programId, (note: string) =>
    api.post<SafetyEventView>(`/programs/${programId}/safety/events/${eventId}/close`, { note }),
  );
}

export function useSafetyLog(programId: string, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...safetyKey(programId), 'log'],
    queryFn: () => api.get<SafetyLogView>(`/programs/${programId}/safety/events`),
    enabled: opts.enabled ?? true,
  });
}

/**
 * The events waiting for acknowledgement (how many, and the first `limit`), for the banner that
 * heads every staff page: a light read instead of the whole safety log on every page (issue #16).
 */
export function useOpenSafetyEvents(programId: string, limit: number, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...safetyKey(programId), 'unacknowledged', limit],
    queryFn: () => api.get<OpenSafetyEventsView>(`/programs/${programId}/safety/unacknowledged?limit=${limit}`),
    enabled: opts.enabled ?? true,
  });
}

export function useSafetySettings(programId: string) {
  return useQuery({
    queryKey: [...safetyKey(programId), 'settings'],
    queryFn: () => api.get<SafetySettings>(`/programs/${programId}/safety/settings`),
  });
}

export function useSaveSafetySettings(programId: string) {
  return useProgramMutation(programId, (body: SafetySettings) =>
    api.put<SafetySettings>(`/programs/${programId}/safety/settings`, body),
  );
}
