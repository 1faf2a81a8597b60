import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  PainCheckInInput,
  CheckInQuestion,
  PainCheckInView,
  NoteView,
  PlanInput,
  PlanReviewInput,
  PlanSummaryRow,
  PlanView,
  PracticeView,
  ProgressView,
} from '../../../core/plans';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

export type { CheckInQuestion, PlanSummaryRow, PlanView, ProgressView };

/** Request bodies as the server reads them (defaults filled in there). */
export type PlanBody = z.input<typeof PlanInput>;
export type ReviewBody = z.input<typeof PlanReviewInput>;
export type PainCheckInBody = z.input<typeof PainCheckInInput>;

const participantKey = (programId: string, participantId: string) =>
  [...programKey(programId), 'participants', participantId] as const;
const plansKey = (programId: string) => [...programKey(programId), 'plans'] as const;

export function usePlans(programId: string, participantId: string) {
  return useQuery({
    queryKey: [...participantKey(programId, participantId), 'plans'],
    queryFn: () => api.get<PlanView[]>(`/programs/${programId}/participants/${participantId}/plans`),
  });
}

export function usePlan(programId: string, planId: string) {
  return useQuery({
    queryKey: [...plansKey(programId), planId],
    queryFn: () => api.get<PlanView>(`/programs/${programId}/plans/${planId}`),
  });
}

export function usePlanSummary(programId: string) {
  return useQuery({
    queryKey: [...plansKey(programId), 'summary'],
    queryFn: () => api.get<PlanSummaryRow[]>(`/programs/${programId}/plans`),
  });
}

export function useProgress(programId: string, participantId: string, enabled = true) {
  return useQuery({
    queryKey: [...participantKey(programId, participantId), 'progress'],
    queryFn: () => api.get<ProgressView>(`/programs/${programId}/participants/${participantId}/progress`),
    enabled: enabled && participantId !== '',
  });
}

/** The PEG questions come from the instrument library and change only with a release. */
export function useCheckInQuestions(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'check-in-questions'],
    queryFn: () => api.get<CheckInQuestion[]>(`/programs/${programId}/check-in-questions`),
    staleTime: 60 * 60_000,
  });
}

/** Writes refresh the program's queries: plans, progress and the participant's record depend on each other. */
function useProgramMutation<I, O>(programId: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }) });
}

export function useCreatePlan(programId: string, participantId: string) {
  return useProgramMutation(programId, (body: PlanBody) =>
    api.post<PlanView>(`/programs/${programId}/participants/${participantId}/plans`, body),
  );
}

export function useReviewPlan(programId: string, planId: string) {
  return useProgramMutation(programId, (body: ReviewBody) =>
    api.post<PlanView>(`/programs/${programId}/plans/${planId}/review`, body),
  );
}

export function useRecordPainCheckIn(programId: string, participantId: string) {
  return useProgramMutation(programId, (body: PainCheckInBody) =>
    api.post<PainCheckInView>(`/programs/${programId}/participants/${participantId}/check-ins`, body),
  );
}

export function useRecordPractice(programId: string) {
  return useProgramMutation(programId, ({ planId, on, did }: { planId: string; on: string; did: boolean }) =>
    api.put<PracticeView>(`/programs/${programId}/plans/${planId}/practice/${on}`, { did }),
  );
}

export function useSetSharing(programId: string, participantId: string) {
  return useProgramMutation(programId, (shareWithCoach: boolean) =>
    api.put<{ shareWithCoach: boolean }>(`/programs/${programId}/participants/${participantId}/sharing`, { shareWithCoach }),
  );
}

export function useWriteNote(programId: string, participantId: string) {
  return useProgramMutation(programId, (text: string) =>
    api.post<NoteView>(`/programs/${programId}/participants/${participantId}/notes`, { text }),
  );
}
