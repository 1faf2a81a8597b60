import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BestTimesView,
  CheckInCallView,
  CheckInCallInput,
  CoachPreferencesUpdate,
  CoachPreferencesView,
  DecisionInput,
  EngagementCharts,
  LadderEventView,
  PairHelpView,
  PairsPageView,
  PairsQuery,
  ScheduleSessionInput,
  SchedulingSettings,
  ScheduledSessionView,
} from '../../../core/engagement';
import type { CoachView } from '../../../core/coaches';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

/** When to try a participant next (coach of the participant, or staff). */
export function useBestTimes(programId: string, participantId: string, enabled = true) {
  return useQuery({
    queryKey: [...programKey(programId), 'participants', participantId, 'best-times'],
    queryFn: () => api.get<BestTimesView>(`/programs/${programId}/participants/${participantId}/best-times`),
    enabled: enabled && participantId !== '',
  });
}

/** The query of one page of "Pairs that need help", as the address bar and the server read it. */
export type PairsPageQuery = Partial<Pick<PairsQuery, 'step' | 'coachId' | 'sort' | 'limit' | 'offset'>>;

const pairsPath = (programId: string, query: Record<string, string | number | undefined>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/programs/${programId}/pairs${qs ? `?${qs}` : ''}`;
};

/** One page of active pairs with their ladder step (staff); the server filters, sorts and pages. */
export function usePairs(programId: string, query: PairsPageQuery) {
  return useQuery({
    queryKey: [...programKey(programId), 'pairs', 'page', query],
    queryFn: () => api.get<PairsPageView>(pairsPath(programId, query)),
    // The page on screen stays while the next one loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });
}

/**
 * The program's coaches for the coach filter. The coaches feature's `useCoaches` reads the same list
 * under the same key (shared in the cache); it is not imported because coaches imports engagement.
 */
export function useCoachChoices(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'coaches', 'list'],
    queryFn: () => api.get<CoachView[]>(`/programs/${programId}/coaches`),
  });
}

/** One active pair (the check-in and decision pages), or null when it is no longer active. */
export function usePair(programId: string, pairingId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'pairs', pairingId],
    queryFn: async (): Promise<PairHelpView | null> =>
      (await api.get<PairsPageView>(pairsPath(programId, { pairingId }))).pairs[0] ?? null,
  });
}

export function useLadderEvents(programId: string, pairingId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'pairs', pairingId, 'events'],
    queryFn: () => api.get<LadderEventView[]>(`/programs/${programId}/pairings/${pairingId}/ladder-events`),
  });
}

/** Whom staff call on a check-in call, with their phone numbers (the server audits the read). */
export function useCheckInCall(programId: string, pairingId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'pairs', pairingId, 'check-in-call'],
    queryFn: () => api.get<CheckInCallView>(`/programs/${programId}/pairings/${pairingId}/check-in-call`),
  });
}

function useProgramMutation<I, O>(programId: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }) });
}

/** The body as the server reads it: defaults (e.g. an empty note) are filled in there. */
export type CheckInCallBody = Omit<CheckInCallInput, 'note'> & { note?: string };

export function useRecordCheckInCall(programId: string, pairingId: string) {
  return useProgramMutation(programId, (body: CheckInCallBody) =>
    api.post<LadderEventView>(`/programs/${programId}/pairings/${pairingId}/check-ins`, body),
  );
}

export function useRecordDecision(programId: string, pairingId: string) {
  return useProgramMutation(programId, (body: DecisionInput) =>
    api.post<LadderEventView>(`/programs/${programId}/pairings/${pairingId}/decisions`, body),
  );
}

export function useCoachPreferences(programId: string, coachId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'coaches', coachId, 'preferences'],
    queryFn: () => api.get<CoachPreferencesView>(`/programs/${programId}/coaches/${coachId}/preferences`),
    enabled: coachId !== '',
  });
}

export function useUpdateCoachPreferences(programId: string, coachId: string) {
  return useProgramMutation(programId, (body: CoachPreferencesUpdate) =>
    api.put<CoachPreferencesView>(`/programs/${programId}/coaches/${coachId}/preferences`, body),
  );
}

/** A participant's upcoming sessions with the current coach, and whether the caller may schedule. */
export interface ParticipantSessions {
  pairingId: string | null;
  canSchedule: boolean;
  upcoming: ScheduledSessionView[];
}

/** The body as the server reads it: the duration and place have defaults there. */
export type ScheduleSessionBody = Omit<ScheduleSessionInput, 'durationMinutes' | 'place'> & {
  durationMinutes?: number;
  place?: string;
};

const sessionsKey = (programId: string, participantId: string) => [
  ...programKey(programId),
  'participants',
  participantId,
  'sessions',
];

export function useParticipantSessions(programId: string, participantId: string) {
  return useQuery({
    queryKey: sessionsKey(programId, participantId),
    queryFn: () => api.get<ParticipantSessions>(`/programs/${programId}/participants/${participantId}/sessions`),
    enabled: participantId !== '',
  });
}

export function useScheduleSession(programId: string, pairingId: string) {
  return useProgramMutation(programId, (body: ScheduleSessionBody) =>
    api.post<ScheduledSessionView>(`/programs/${programId}/pairings/${pairingId}/sessions`, body),
  );
}

export function useRescheduleSession(programId: string, sessionId: string) {
  return useProgramMutation(programId, (body: ScheduleSessionBody) =>
    api.put<ScheduledSessionView>(`/programs/${programId}/sessions/${sessionId}`, body),
  );
}

export function useCancelSession(programId: string) {
  return useProgramMutation(programId, (sessionId: string) =>
    api.post<ScheduledSessionView>(`/programs/${programId}/sessions/${sessionId}/cancel`, {}),
  );
}

export function useSchedulingSettings(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'scheduling-settings'],
    queryFn: () => api.get<SchedulingSettings>(`/programs/${programId}/scheduling-settings`),
  });
}

export function useUpdateSchedulingSettings(programId: string) {
  return useProgramMutation(programId, (body: SchedulingSettings) =>
    api.put<SchedulingSettings>(`/programs/${programId}/scheduling-settings`, body),
  );
}

/** The dashboard's weekly reached contacts and ladder outcomes (staff, evaluators). */
export function useEngagementCharts(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'engagement-charts'],
    queryFn: () => api.get<EngagementCharts>(`/programs/${programId}/engagement-charts`),
  });
}
