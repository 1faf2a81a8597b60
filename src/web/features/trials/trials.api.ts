import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ParticipantView } from '../../../core/participants';
import type {
  ConsentInput,
  ConsortView,
  DeliveryInput,
  DesignUpdate,
  ParticipantStudyView,
  RandomizeInput,
  WithdrawalInput,
  AllocationView,
  ClassSessionView,
  ScreeningInput,
  StudyDesignInput,
  StudyView,
} from '../../../core/trials';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

const studyKey = (programId: string) => [...programKey(programId), 'study'] as const;

export function useStudy(programId: string) {
  return useQuery({ queryKey: studyKey(programId), queryFn: () => api.get<StudyView>(`/programs/${programId}/study`) });
}

export function useConsort(programId: string) {
  return useQuery({
    queryKey: [...studyKey(programId), 'consort'],
    queryFn: () => api.get<ConsortView>(`/programs/${programId}/study/consort`),
  });
}

export function useStudyParticipants(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'participants', 'list', 'all'],
    queryFn: () => api.get<ParticipantView[]>(`/programs/${programId}/participants`),
  });
}

export function useParticipantStudy(programId: string, participantId: string | null) {
  return useQuery({
    queryKey: [...studyKey(programId), 'participant', participantId ?? 'none'],
    queryFn: () => api.get<ParticipantStudyView>(`/programs/${programId}/study/participants/${participantId}`),
    enabled: participantId !== null,
  });
}

/** Every change to the study refreshes the study's queries (the participant's panel, the counts, CONSORT). */
function useStudyMutation<I, O>(programId: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: studyKey(programId) }) });
}

export const useSaveDesign = (programId: string) =>
  useStudyMutation(programId, (body: { design: StudyDesignInput; reason?: DesignUpdate['reason'] }) =>
    api.put<StudyView>(`/programs/${programId}/study`, body),
  );
export const useUploadTable = (programId: string) =>
  useStudyMutation(programId, (csv: string) =>
    api.put<{ rows: number }>(`/programs/${programId}/study/allocation-table`, { csv }),
  );
export const useAddConsentDocument = (programId: string) =>
  useStudyMutation(programId, (body: { title: string; body: string }) =>
    api.post<{ version: number }>(`/programs/${programId}/study/consent-documents`, body),
  );
export const useScreen = (programId: string) =>
  useStudyMutation(programId, (body: ScreeningInput) =>
    api.post<ParticipantStudyView>(`/programs/${programId}/study/screenings`, body),
  );
export const useConsent = (programId: string) =>
  useStudyMutation(programId, (body: ConsentInput) =>
    api.post<ParticipantStudyView>(`/programs/${programId}/study/consents`, body),
  );
export const useRandomize = (programId: string) =>
  useStudyMutation(programId, (body: RandomizeInput) =>
    api.post<ParticipantStudyView>(`/programs/${programId}/study/randomizations`, body),
  );
export const useRecordDelivery = (programId: string) =>
  useStudyMutation(programId, (body: DeliveryInput) =>
    api.post<ParticipantStudyView>(`/programs/${programId}/study/deliveries`, body),
  );
export const useUnblind = (programId: string) =>
  useStudyMutation(programId, (body: { reason: string }) => api.post<StudyView>(`/programs/${programId}/study/unblinding`, body));
export const useWithdraw = (programId: string) =>
  useStudyMutation(programId, (body: WithdrawalInput) =>
    api.post<ParticipantStudyView>(`/programs/${programId}/study/withdrawals`, body),
  );
export const useEmergencyUnblind = (programId: string, participantId: string) =>
  useStudyMutation(programId, (body: { reason: string }) =>
    api.post<AllocationView>(`/programs/${programId}/study/participants/${participantId}/emergency-unblinding`, body),
  );
export function useClasses(programId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...studyKey(programId), 'classes'],
    queryFn: () => api.get<ClassSessionView[]>(`/programs/${programId}/study/classes`),
    enabled,
  });
}
export const useCreateClass = (programId: string) =>
  useStudyMutation(programId, (body: { startsAt: string; place: string; videoUrl: string | null; capacity: number }) =>
    api.post<{ id: string }>(`/programs/${programId}/study/classes`, body),
  );
export const useInvite = (programId: string, classId: string) =>
  useStudyMutation(programId, (participantIds: string[]) =>
    api.post<{ invited: number }>(`/programs/${programId}/study/classes/${classId}/invitations`, { participantIds }),
  );
export const useAttendance = (programId: string, classId: string) =>
  useStudyMutation(programId, (body: { participantId: string; attended: boolean; enteredLate?: { reason: string } }) =>
    api.post<{ attended: boolean }>(`/programs/${programId}/study/classes/${classId}/attendance`, body),
  );
export interface SimulationReport {
  participants: number;
  replicates: number;
  meanImbalance: number;
  maxImbalance: number;
  meanStratumImbalance: number;
  correctGuessProbability: number;
}
export function useSimulate(programId: string) {
  return useMutation({
    mutationFn: () =>
      api.post<SimulationReport>(`/programs/${programId}/study/simulation`, { participants: 200, replicates: 100 }),
  });
}
