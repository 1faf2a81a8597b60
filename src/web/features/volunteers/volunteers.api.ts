import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgreementSignature,
  AgreementView,
  ApplicantSummary,
  ApplicantView,
  ApplicationFormView,
  ApplicationInput,
  AttemptResult,
  ModuleView,
  PipelineState,
  QuizAnswers,
  StepInput,
  TrainingState,
  VolunteerSettings,
} from '../../../core/volunteers';
import { api, query } from '../../app/api';
import { programKey } from '../../app/program-key';

/** The public form's view of a program (no session needed). */
export function useApplicationForm(programId: string) {
  return useQuery({
    queryKey: ['application-form', programId],
    queryFn: () => api.get<ApplicationFormView>(`/programs/${programId}/application-form`),
  });
}

/** The body the public form sends: the schema's input, with the honeypot left empty by people. */
export type ApplicationBody = Omit<ApplicationInput, 'website'> & { website: string };

export function useApply(programId: string) {
  return useMutation({
    mutationFn: (body: ApplicationBody) => api.post<{ received: true }>(`/programs/${programId}/applications`, body),
  });
}

const volunteersKey = (programId: string) => [...programKey(programId), 'volunteers'] as const;

/** The program's applicants at a stage (or all), newest first, one page at a time (issue #12). */
export function useApplicants(programId: string, state: PipelineState | '') {
  return useInfiniteQuery({
    queryKey: [...volunteersKey(programId), 'list', state],
    queryFn: ({ pageParam }) => api.getPage<ApplicantSummary>(`/programs/${programId}/volunteers${query({ state })}`, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => data.pages.flatMap((p) => p.items),
  });
}

export function useApplicant(programId: string, applicationId: string) {
  return useQuery({
    queryKey: [...volunteersKey(programId), applicationId],
    queryFn: () => api.get<ApplicantView>(`/programs/${programId}/volunteers/${applicationId}`),
  });
}

/** Moves an applicant one step; every program view may change (coaches, matching), so all refetch. */
export function useMoveApplicant(programId: string, applicationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StepInput) => api.post<ApplicantView>(`/programs/${programId}/volunteers/${applicationId}/steps`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}

export function useVolunteerSettings(programId: string) {
  return useQuery({
    queryKey: [...volunteersKey(programId), 'settings'],
    queryFn: () => api.get<VolunteerSettings>(`/programs/${programId}/volunteer-settings`),
  });
}

export function useUpdateVolunteerSettings(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: VolunteerSettings) => api.put<VolunteerSettings>(`/programs/${programId}/volunteer-settings`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: volunteersKey(programId) }),
  });
}

const trainingKey = (programId: string, coachId: string) => [...programKey(programId), 'training', coachId] as const;

export function useTrainingState(programId: string, coachId: string) {
  return useQuery({
    queryKey: [...trainingKey(programId, coachId), 'state'],
    queryFn: () => api.get<TrainingState>(`/programs/${programId}/coaches/${coachId}/training`),
  });
}

export function useTrainingModule(programId: string, moduleKey: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'training-module', moduleKey],
    queryFn: () => api.get<ModuleView>(`/programs/${programId}/training/modules/${moduleKey}`),
  });
}

export function useSubmitQuiz(programId: string, coachId: string, moduleKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answers: QuizAnswers) =>
      api.post<AttemptResult>(`/programs/${programId}/coaches/${coachId}/training/modules/${moduleKey}/attempts`, { answers }),
    onSuccess: () => client.invalidateQueries({ queryKey: trainingKey(programId, coachId) }),
  });
}

export function useAgreement(programId: string, coachId: string) {
  return useQuery({
    queryKey: [...trainingKey(programId, coachId), 'agreement'],
    queryFn: () => api.get<AgreementView>(`/programs/${programId}/coaches/${coachId}/agreement`),
  });
}

export function useSignAgreement(programId: string, coachId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AgreementSignature) =>
      api.post<AgreementView>(`/programs/${programId}/coaches/${coachId}/agreement`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: trainingKey(programId, coachId) }),
  });
}
