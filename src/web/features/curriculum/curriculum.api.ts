import { useQuery } from '@tanstack/react-query';
import type { CurriculumListItem, TopicView } from '../../../core/curriculum';
import { Locale } from '../../../core/shared/locale';
import { api } from '../../app/api';
import { programKey } from '../../app/program-key';

export type { CurriculumListItem, TopicView };

/** Curriculum content changes only when the server restarts, so it can be kept for a while. */
const CONTENT_STALE_MS = 10 * 60_000;

/**
 * The language a page asked for in its address (`?lang=es`), if it is one Kindred has; without it
 * the server answers in the participant's own language, or English (ADR 0051).
 */
export function askedLanguage(search: URLSearchParams): Locale | undefined {
  const parsed = Locale.safeParse(search.get('lang'));
  return parsed.success ? parsed.data : undefined;
}

const languageQuery = (lang: Locale | undefined) => (lang ? `?lang=${lang}` : '');

/** The program's topics in the program's order. */
export function useCurriculum(programId: string, lang?: Locale) {
  return useQuery({
    queryKey: [...programKey(programId), 'curriculum', { lang }],
    queryFn: () => api.get<CurriculumListItem[]>(`/programs/${programId}/curriculum${languageQuery(lang)}`),
    staleTime: CONTENT_STALE_MS,
  });
}

/** One topic: the handout, and for coaches and staff the coach's guide. */
export function useTopic(programId: string, key: string, lang?: Locale) {
  return useQuery({
    queryKey: [...programKey(programId), 'curriculum', key, { lang }],
    queryFn: () => api.get<TopicView>(`/programs/${programId}/curriculum/${encodeURIComponent(key)}${languageQuery(lang)}`),
    staleTime: CONTENT_STALE_MS,
  });
}
