import { useQuery } from '@tanstack/react-query';
import type { CurriculumListItem, TopicView } from '../../../core/curriculum';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

export type { CurriculumListItem, TopicView };

/** Curriculum content changes only when the server restarts, so it can be kept for a while. */
const CONTENT_STALE_MS = 10 * 60_000;

/** The program's topics in the program's order. */
export function useCurriculum(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'curriculum'],
    queryFn: () => api.get<CurriculumListItem[]>(`/programs/${programId}/curriculum`),
    staleTime: CONTENT_STALE_MS,
  });
}

/** One topic: the handout, and for coaches and staff the coach's guide. */
export function useTopic(programId: string, key: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'curriculum', key],
    queryFn: () => api.get<TopicView>(`/programs/${programId}/curriculum/${encodeURIComponent(key)}`),
    staleTime: CONTENT_STALE_MS,
  });
}
