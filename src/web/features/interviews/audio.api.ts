import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AudioDetails, AudioView } from '../../../core/interviews';
import { API_PREFIX, api } from '../../app/api';
import { programKey } from '../../app/program-key';

/** A transcript's recording (ADR 0056): the study's lead only. */
const path = (programId: string, studyId: string, transcriptId: string) =>
  `/programs/${programId}/interview-studies/${studyId}/transcripts/${transcriptId}/audio`;
/** Under the study's key, so every change to the study (confirming the de-identification deletes a recording) refreshes it. */
const key = (programId: string, studyId: string, transcriptId: string) =>
  [...programKey(programId), 'interview-studies', studyId, 'audio', transcriptId] as const;

/** Where the browser's player fetches the recording (it asks for byte ranges itself). */
export const audioSource = (programId: string, studyId: string, transcriptId: string) =>
  API_PREFIX + path(programId, studyId, transcriptId);

export function useAudioDetails(programId: string, studyId: string, transcriptId: string, enabled: boolean) {
  return useQuery({
    queryKey: key(programId, studyId, transcriptId),
    queryFn: () => api.get<AudioDetails>(`${path(programId, studyId, transcriptId)}/details`),
    enabled,
  });
}

export function useAttachAudio(programId: string, studyId: string, transcriptId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      api.upload<AudioView>(path(programId, studyId, transcriptId), file, { 'x-file-name': encodeURIComponent(file.name) }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(programId, studyId, transcriptId) }),
  });
}

export function useDeleteAudio(programId: string, studyId: string, transcriptId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<null>(path(programId, studyId, transcriptId)),
    onSuccess: () => client.invalidateQueries({ queryKey: key(programId, studyId, transcriptId) }),
  });
}
