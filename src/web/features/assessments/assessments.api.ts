import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssessmentSettings,
  ImportInput,
  InstrumentSummary,
  LinkSubmitted,
  ParticipantAssessments,
  PublicLinkView,
  ReportView,
  ResponseView,
  WorklistRow,
} from '../../../core/assessments';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

const key = (programId: string) => [...programKey(programId), 'assessments'] as const;

/** Every change refreshes the whole program: the worklist, the task list and the charts move together. */
function useProgramMutation<I, O>(programId: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }) });
}

export function useWorklist(programId: string) {
  return useQuery({
    queryKey: [...key(programId), 'worklist'],
    queryFn: () => api.get<WorklistRow[]>(`/programs/${programId}/assessments`),
  });
}

export function useReport(programId: string) {
  return useQuery({
    queryKey: [...key(programId), 'report'],
    queryFn: () => api.get<ReportView>(`/programs/${programId}/assessment-report`),
  });
}

export function useParticipantAssessments(programId: string, participantId: string) {
  return useQuery({
    queryKey: [...key(programId), 'participant', participantId],
    queryFn: () => api.get<ParticipantAssessments>(`/programs/${programId}/participants/${participantId}/assessments`),
  });
}

export function useResponseHistory(programId: string, participantId: string, responseId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(programId), 'history', responseId],
    queryFn: () =>
      api.get<ResponseView[]>(`/programs/${programId}/participants/${participantId}/assessment-responses/${responseId}/history`),
    enabled,
  });
}

export interface EntryBody {
  timepointKey: string;
  instrumentId: string;
  answers: Record<string, number | string | null>;
  method: 'phone' | 'in_person';
}

export function useEnterResponse(programId: string, participantId: string) {
  return useProgramMutation(programId, ({ timepointKey, ...body }: EntryBody) =>
    api.post<{ response: ResponseView; safetyEventRaised: boolean }>(
      `/programs/${programId}/participants/${participantId}/assessments/${timepointKey}/responses`,
      body,
    ),
  );
}

export function useCreateLink(programId: string, participantId: string) {
  return useProgramMutation(programId, (body: { timepointKey: string; sendEmail: boolean; sendText: boolean }) =>
    api.post<{ url: string; expiresAt: string; emailed: boolean; texted: boolean }>(
      `/programs/${programId}/participants/${participantId}/assessment-links`,
      body,
    ),
  );
}

export function useAssessmentSettings(programId: string) {
  return useQuery({
    queryKey: [...key(programId), 'settings'],
    queryFn: () => api.get<AssessmentSettings>(`/programs/${programId}/assessment-settings`),
  });
}

export function useSaveAssessmentSettings(programId: string) {
  return useProgramMutation(programId, (body: AssessmentSettings) =>
    api.put<AssessmentSettings>(`/programs/${programId}/assessment-settings`, body),
  );
}

export function useInstruments(programId: string) {
  return useQuery({
    queryKey: [...key(programId), 'instruments'],
    queryFn: () => api.get<InstrumentSummary[]>(`/programs/${programId}/instruments`),
  });
}

export function useImportInstrument(programId: string) {
  return useProgramMutation(programId, (body: ImportInput) =>
    api.post<InstrumentSummary>(`/programs/${programId}/instruments`, body),
  );
}

export function useLoadLicensedText(programId: string) {
  return useProgramMutation(programId, ({ instrumentId, texts }: { instrumentId: string; texts: unknown }) =>
    api.put<InstrumentSummary>(`/programs/${programId}/instruments/${instrumentId}/licensed-text`, { texts }),
  );
}

/** The problems of a refused file, when the server listed them. */
export function fileProblemsOf(error: unknown): { where: string; message: string }[] {
  const fields = (error as { fields?: { path: string; message: string }[] } | null)?.fields ?? [];
  return fields.map((f) => ({ where: f.path, message: f.message }));
}

// The participant's one-time link: no session, the token from the page's fragment.

export type DraftAnswers = Record<string, Record<string, number | string | null>>;

export function useLinkView(programId: string, token: string) {
  return useQuery({
    queryKey: ['assessment-link', programId, token],
    queryFn: () => api.post<PublicLinkView>(`/programs/${programId}/assessment-link`, { token }),
    enabled: token.length > 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

export function useSaveDraft(programId: string, token: string) {
  return useMutation({
    mutationFn: (answers: DraftAnswers) =>
      api.put<{ saved: true }>(`/programs/${programId}/assessment-link/draft`, { token, answers }),
  });
}

export function useSubmitLink(programId: string, token: string) {
  return useMutation({
    mutationFn: (answers: DraftAnswers) =>
      api.post<LinkSubmitted>(`/programs/${programId}/assessment-link/submit`, { token, answers }),
  });
}
