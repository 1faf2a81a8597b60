import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BoosterAttendanceInput,
  BoosterInput,
  BoostersPageView,
  BoosterView,
  CoachCheckInInput,
  CoachCheckInView,
  CoachImpactView,
  CoachingFeeling,
  CoachRemindersView,
  CoachWellbeingView,
  FollowUpInput,
  ThanksInput,
  ThanksView,
} from '../../../core/coaches';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

/** Keeping coaches (#6): boosters, well-being check-ins, impact and thanks. */
const careKey = (programId: string) => [...programKey(programId), 'coach-care'] as const;

export function useBoosters(programId: string) {
  return useQuery({
    queryKey: [...careKey(programId), 'boosters'],
    queryFn: () => api.get<BoostersPageView>(`/programs/${programId}/boosters`),
  });
}

export function useScheduleBooster(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BoosterInput) => api.post<BoosterView>(`/programs/${programId}/boosters`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}

export function useRecordAttendance(programId: string, boosterId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BoosterAttendanceInput) =>
      api.put<BoosterView>(`/programs/${programId}/boosters/${boosterId}/attendance`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}

export function useWellbeing(programId: string, coachId: string) {
  return useQuery({
    queryKey: [...careKey(programId), 'wellbeing', coachId],
    queryFn: () => api.get<CoachWellbeingView>(`/programs/${programId}/coaches/${coachId}/wellbeing`),
    enabled: coachId !== '',
  });
}

/** The coach's reminders on Today: this month's check-in and the next booster. */
export function useCoachReminders(programId: string, coachId: string) {
  return useQuery({
    queryKey: [...careKey(programId), 'reminders', coachId],
    queryFn: () => api.get<CoachRemindersView>(`/programs/${programId}/coaches/${coachId}/reminders`),
    enabled: coachId !== '',
  });
}

export function useRecordWellbeing(programId: string, coachId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CoachCheckInInput) =>
      api.post<CoachCheckInView>(`/programs/${programId}/coaches/${coachId}/wellbeing`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: careKey(programId) }),
  });
}

export function useFollowUp(programId: string, coachId: string, checkInId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FollowUpInput) =>
      api.post<CoachCheckInView>(`/programs/${programId}/coaches/${coachId}/wellbeing/${checkInId}/follow-up`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programKey(programId) }),
  });
}

export function useImpact(programId: string, coachId: string) {
  return useQuery({
    queryKey: [...careKey(programId), 'impact', coachId],
    queryFn: () => api.get<CoachImpactView>(`/programs/${programId}/coaches/${coachId}/impact`),
    enabled: coachId !== '',
  });
}

export function useSendThanks(programId: string, participantId: string) {
  return useMutation({
    mutationFn: (body: ThanksInput) => api.post<ThanksView>(`/programs/${programId}/participants/${participantId}/thanks`, body),
  });
}

export const feelingLabels = {
  positive_distraction: 'A positive distraction',
  giving_back: 'A way of giving back',
  too_much: 'Too much right now',
} as const satisfies Record<CoachingFeeling, string>;
