import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AgreementView,
  CodeInput,
  CodebookDiffView,
  CodebookImportResult,
  ProjectImportInput,
  ProjectImportResult,
  CodebookVersionSummary,
  CodingView,
  ConsensusDecisionInput,
  ConsensusReply,
  ConsensusView,
  ConsentDocumentView,
  InterviewConsentInput,
  InterviewDeclineReason,
  MyInterviewInvitation,
  ScheduleInterviewInput,
  GuideInput,
  JointDisplayView,
  MemoView,
  SampleInput,
  SampleMemberInput,
  SampleSummary,
  SampleView,
  SamplingDimension,
  SamplingFrameView,
  ThemeInput,
  ThemeView,
  StudyInput,
  StudyRole,
  StudySummary,
  StudyView,
  TeamView,
  TranscriptInput,
  TranscriptView,
} from '../../../core/interviews';
import { api, query } from '../../app/api';
import { programKey } from '../../app/program-key';

const base = (programId: string) => `/programs/${programId}/interview-studies`;
const studiesKey = (programId: string) => [...programKey(programId), 'interview-studies'] as const;
const studyKey = (programId: string, studyId: string) => [...studiesKey(programId), studyId] as const;

export function useInterviewStudies(programId: string) {
  return useQuery({
    queryKey: studiesKey(programId),
    queryFn: () => api.get<z.infer<typeof StudySummary>[]>(base(programId)),
  });
}

export function useInterviewStudy(programId: string, studyId: string) {
  return useQuery({
    queryKey: studyKey(programId, studyId),
    queryFn: () => api.get<StudyView>(`${base(programId)}/${studyId}`),
  });
}

export function useTranscript(programId: string, studyId: string, transcriptId: string) {
  return useQuery({
    queryKey: [...studyKey(programId, studyId), 'transcript', transcriptId],
    queryFn: () => api.get<TranscriptView>(`${base(programId)}/${studyId}/transcripts/${transcriptId}`),
  });
}

export function useAgreement(programId: string, studyId: string, transcriptId: string, first: string, second: string) {
  return useQuery({
    queryKey: [...studyKey(programId, studyId), 'agreement', transcriptId, first, second],
    queryFn: () =>
      api.get<AgreementView>(`${base(programId)}/${studyId}/transcripts/${transcriptId}/agreement${query({ first, second })}`),
    enabled: first !== '' && second !== '' && first !== second,
  });
}

/** The transcript's consensus version (null until someone starts one). */
export function useConsensus(programId: string, studyId: string, transcriptId: string) {
  return useQuery({
    queryKey: [...studyKey(programId, studyId), 'consensus', transcriptId],
    queryFn: () => api.get<ConsensusReply>(`${base(programId)}/${studyId}/transcripts/${transcriptId}/consensus`),
  });
}

export const useStartConsensus = (programId: string, studyId: string, transcriptId: string) =>
  useStudyMutation(programId, studyId, (body: { first: string; second: string }) =>
    api.post<ConsensusView>(`${base(programId)}/${studyId}/transcripts/${transcriptId}/consensus`, body),
  );

export const useDecideConsensus = (programId: string, studyId: string, transcriptId: string) =>
  useStudyMutation(programId, studyId, (body: ConsensusDecisionInput) =>
    api.put<ConsensusView>(`${base(programId)}/${studyId}/transcripts/${transcriptId}/consensus/decisions`, body),
  );

/** Every change refreshes the study's queries (its transcripts, codes, codings and agreement). */
function useStudyMutation<I, O>(programId: string, studyId: string | null, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: studyId ? studyKey(programId, studyId) : studiesKey(programId) }),
  });
}

export const useCreateInterviewStudy = (programId: string) =>
  useStudyMutation(programId, null, (body: z.input<typeof StudyInput>) =>
    api.post<z.infer<typeof StudySummary>>(base(programId), body),
  );
export const useAddGuide = (programId: string, studyId: string) =>
  useStudyMutation(programId, studyId, (body: GuideInput) => api.post(`${base(programId)}/${studyId}/guides`, body));
export const useImportTranscript = (programId: string, studyId: string) =>
  useStudyMutation(programId, studyId, (body: TranscriptInput) =>
    api.post<TranscriptView>(`${base(programId)}/${studyId}/transcripts`, body),
  );
export const useConfirmDeidentification = (programId: string, studyId: string, transcriptId: string) =>
  useStudyMutation(programId, studyId, (replacements: { start: number; end: number; replacement: string }[]) =>
    api.post<TranscriptView>(`${base(programId)}/${studyId}/transcripts/${transcriptId}/deidentification`, { replacements }),
  );
export const useCreateCode = (programId: string, studyId: string) =>
  useStudyMutation(programId, studyId, (body: CodeInput) => api.post(`${base(programId)}/${studyId}/codes`, body));
/** Imports a REFI-QDA codebook (.qdc) into the study's codebook (ADR 0053): the lead only. */
/** Previews or imports a REFI-QDA project (.qdpx) into the study (ADR 0055). */
export const useImportProject = (programId: string, studyId: string) =>
  useStudyMutation(programId, studyId, (input: ProjectImportInput) =>
    api.post<ProjectImportResult>(`${base(programId)}/${studyId}/project/import`, input),
  );
export const useImportCodebook = (programId: string, studyId: string) =>
  useStudyMutation(programId, studyId, (content: string) =>
    api.post<CodebookImportResult>(`${base(programId)}/${studyId}/codebook/import`, { content }),
  );
const versionsKey = (programId: string, studyId: string) => [...studyKey(programId, studyId), 'codebook-versions'] as const;
/** The study's published codebook versions, newest first (ADR 0053). */
export function useCodebookVersions(programId: string, studyId: string) {
  return useQuery({
    queryKey: versionsKey(programId, studyId),
    queryFn: () => api.get<CodebookVersionSummary[]>(`${base(programId)}/${studyId}/codebook/versions`),
  });
}
export const usePublishCodebook = (programId: string, studyId: string) =>
  useStudyMutation(programId, studyId, (note: string) =>
    api.post<CodebookVersionSummary>(`${base(programId)}/${studyId}/codebook/versions`, { note }),
  );
/** What changed between two versions; asked only when both are chosen and differ. */
export function useCodebookDiff(programId: string, studyId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...versionsKey(programId, studyId), 'diff', from, to],
    queryFn: () => api.get<CodebookDiffView>(`${base(programId)}/${studyId}/codebook/diff?from=${from}&to=${to}`),
    enabled: from !== null && to !== null && from !== to,
  });
}
export const codebookVersionHref = (programId: string, studyId: string, version: number) =>
  `/api/v1${base(programId)}/${studyId}/codebook/versions/${version}/qdc`;
export const useAddCoding = (programId: string, studyId: string, transcriptId: string) =>
  useStudyMutation(programId, studyId, (body: { codeId: string; start: number; end: number }) =>
    api.post<z.infer<typeof CodingView>>(`${base(programId)}/${studyId}/transcripts/${transcriptId}/codings`, body),
  );
export const useRemoveCoding = (programId: string, studyId: string) =>
  useStudyMutation(programId, studyId, (codingId: string) =>
    api.delete<null>(`${base(programId)}/${studyId}/codings/${codingId}`),
  );
export const useAddMemo = (programId: string, studyId: string) =>
  useStudyMutation(
    programId,
    studyId,
    (body: { text: string; transcriptId?: string; start?: number; end?: number; codeId?: string }) =>
      api.post<z.infer<typeof MemoView>>(`${base(programId)}/${studyId}/memos`, body),
  );

export const exportHref = (programId: string, studyId: string, format: 'qdpx' | 'qdc' | 'csv') =>
  `/api/v1${base(programId)}/${studyId}/export?format=${format}`;

// Purposive sampling, themes and the joint display (ADR 0044).
const samplesKey = (programId: string, studyId: string) => [...studyKey(programId, studyId), 'samples'] as const;

export function useSamplingFrame(programId: string, studyId: string, dimensions: readonly SamplingDimension[], enabled: boolean) {
  return useQuery({
    queryKey: [...studyKey(programId, studyId), 'frame', ...dimensions],
    queryFn: () =>
      api.get<SamplingFrameView>(`${base(programId)}/${studyId}/sampling-frame${query({ dimensions: dimensions.join(',') })}`),
    enabled: enabled && dimensions.length > 0,
  });
}

export function useSamples(programId: string, studyId: string, enabled = true) {
  return useQuery({
    queryKey: samplesKey(programId, studyId),
    queryFn: () => api.get<SampleSummary[]>(`${base(programId)}/${studyId}/samples`),
    enabled,
  });
}

export function useSample(programId: string, studyId: string, sampleId: string | null) {
  return useQuery({
    queryKey: [...samplesKey(programId, studyId), sampleId],
    queryFn: () => api.get<SampleView>(`${base(programId)}/${studyId}/samples/${sampleId}`),
    enabled: sampleId !== null,
  });
}

export const useDrawSample = (programId: string, studyId: string) =>
  useStudyMutation(programId, studyId, (body: SampleInput) =>
    api.post<SampleView>(`${base(programId)}/${studyId}/samples`, body),
  );
export const useMarkMember = (programId: string, studyId: string, sampleId: string) =>
  useStudyMutation(programId, studyId, ({ memberId, ...body }: SampleMemberInput & { memberId: string }) =>
    api.put<SampleView>(`${base(programId)}/${studyId}/samples/${sampleId}/members/${memberId}`, body),
  );

export function useThemes(programId: string, studyId: string) {
  return useQuery({
    queryKey: [...studyKey(programId, studyId), 'themes'],
    queryFn: () => api.get<ThemeView[]>(`${base(programId)}/${studyId}/themes`),
  });
}
export const useCreateTheme = (programId: string, studyId: string) =>
  useStudyMutation(programId, studyId, (body: z.input<typeof ThemeInput>) =>
    api.post<ThemeView>(`${base(programId)}/${studyId}/themes`, body),
  );

export function useJointDisplay(programId: string, studyId: string, by: SamplingDimension, quotes: number) {
  return useQuery({
    queryKey: [...studyKey(programId, studyId), 'joint-display', by, quotes],
    queryFn: () =>
      api.get<JointDisplayView>(`${base(programId)}/${studyId}/joint-display${query({ by, quotes: String(quotes) })}`),
  });
}
export const jointDisplayCsvHref = (programId: string, studyId: string, by: SamplingDimension, quotes: number) =>
  `/api/v1${base(programId)}/${studyId}/joint-display.csv?by=${by}&quotes=${quotes}`;
export const useUpdateTheme = (programId: string, studyId: string) =>
  useStudyMutation(programId, studyId, ({ themeId, ...body }: z.input<typeof ThemeInput> & { themeId: string }) =>
    api.put<ThemeView>(`${base(programId)}/${studyId}/themes/${themeId}`, body),
  );

// Invitations, consent versions and scheduling (ADR 0050).
export function useConsentDocuments(programId: string, studyId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...studyKey(programId, studyId), 'consent-documents'],
    queryFn: () => api.get<ConsentDocumentView[]>(`${base(programId)}/${studyId}/consent-documents`),
    enabled,
  });
}
export const useAddConsentDocument = (programId: string, studyId: string) =>
  useStudyMutation(programId, studyId, (body: { body: string }) =>
    api.post<ConsentDocumentView>(`${base(programId)}/${studyId}/consent-documents`, body),
  );
const memberPath = (programId: string, studyId: string, sampleId: string, memberId: string) =>
  `${base(programId)}/${studyId}/samples/${sampleId}/members/${memberId}`;
/** Cancels a booked interview (ADR 0050): the person is back to agreed; the participant is told. */
export const useCancelInterview = (programId: string, studyId: string, sampleId: string) =>
  useStudyMutation(programId, studyId, (memberId: string) =>
    api.post<SampleView>(`${memberPath(programId, studyId, sampleId, memberId)}/cancel`, {}),
  );
export const useInviteMember = (programId: string, studyId: string, sampleId: string) =>
  useStudyMutation(programId, studyId, (memberId: string) =>
    api.post<SampleView>(`${memberPath(programId, studyId, sampleId, memberId)}/invite`, {}),
  );
export const useVerbalConsent = (programId: string, studyId: string, sampleId: string) =>
  useStudyMutation(programId, studyId, ({ memberId, ...body }: { memberId: string; documentId: string; recording: boolean }) =>
    api.post<SampleView>(`${memberPath(programId, studyId, sampleId, memberId)}/consent`, body),
  );
export const useScheduleInterview = (programId: string, studyId: string, sampleId: string) =>
  useStudyMutation(programId, studyId, ({ memberId, ...body }: z.input<typeof ScheduleInterviewInput> & { memberId: string }) =>
    api.post<SampleView>(`${memberPath(programId, studyId, sampleId, memberId)}/schedule`, body),
  );

const myInvitationsKey = (programId: string) => [...programKey(programId), 'my-interview-invitations'] as const;
export function useMyInterviewInvitations(programId: string) {
  return useQuery({
    queryKey: myInvitationsKey(programId),
    queryFn: () => api.get<MyInterviewInvitation[]>(`/programs/${programId}/my-interview-invitations`),
  });
}
function useAnswer<I>(programId: string, fn: (input: I) => Promise<MyInterviewInvitation[]>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: (list) => client.setQueryData(myInvitationsKey(programId), list) });
}
export const useConsentToInterview = (programId: string) =>
  useAnswer(programId, ({ memberId, ...body }: InterviewConsentInput & { memberId: string }) =>
    api.post<MyInterviewInvitation[]>(`/programs/${programId}/my-interview-invitations/${memberId}/consent`, body),
  );
export const useDeclineInterview = (programId: string) =>
  useAnswer(programId, ({ memberId, reason }: { memberId: string; reason: InterviewDeclineReason | null }) =>
    api.post<MyInterviewInvitation[]>(`/programs/${programId}/my-interview-invitations/${memberId}/decline`, { reason }),
  );

/** A study's team and who may join it (program staff only; ADR 0052). */
export function useStudyTeam(programId: string, studyId: string) {
  return useQuery({
    queryKey: [...studyKey(programId, studyId), 'team'],
    queryFn: () => api.get<TeamView>(`${base(programId)}/${studyId}/team`),
  });
}

/** Team changes refresh the whole list too: the caller's own role may change. */
function useTeamMutation<I>(programId: string, fn: (input: I) => Promise<TeamView>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: studiesKey(programId) }) });
}
export const useAddTeamMember = (programId: string, studyId: string) =>
  useTeamMutation(programId, (body: { personId: string; role: StudyRole }) =>
    api.post<TeamView>(`${base(programId)}/${studyId}/team`, body),
  );
export const useChangeTeamRole = (programId: string, studyId: string) =>
  useTeamMutation(programId, ({ personId, role }: { personId: string; role: StudyRole }) =>
    api.patch<TeamView>(`${base(programId)}/${studyId}/team/${personId}`, { role }),
  );
export const useRemoveTeamMember = (programId: string, studyId: string) =>
  useTeamMutation(programId, (personId: string) => api.delete<TeamView>(`${base(programId)}/${studyId}/team/${personId}`));
