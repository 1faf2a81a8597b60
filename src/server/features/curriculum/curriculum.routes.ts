import { z } from 'zod';
import { CurriculumListItem, TopicView, type LocalizedTopic } from '../../../core/curriculum';
import { Locale } from '../../../core/shared/locale';
import { Topic } from '../../../core/programs';
import type { View } from '../../access/policy';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import { programCurriculum, programTopic } from './curriculum.service';

const TopicParams = ProgramParams.extend({ key: Topic.shape.key });
/** `?lang=es` reads the content in that language; without it, the participant's own language (ADR 0051). */
const LanguageQuery = z.object({ lang: Locale.optional() });

const listItem = (t: LocalizedTopic): CurriculumListItem => ({
  key: t.key,
  title: t.title,
  summary: t.summary,
  skill: t.skill,
  version: t.version,
  language: t.language,
  translation: t.translation,
});

/** Participants read the handout; coaches, staff and evaluators also read the coach's guide. */
function present(view: View, t: LocalizedTopic): TopicView {
  const handout = { ...listItem(t), handout: t.handout };
  if (view !== 'full' && view !== 'coaching') return { view: 'handout', ...handout };
  return { view: 'guide', ...handout, skillSteps: t.skillSteps, talkingPoints: t.talkingPoints, questions: t.questions };
}

export function curriculumRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/curriculum',
    {
      schema: {
        tags: ['curriculum'],
        params: ProgramParams,
        querystring: LanguageQuery,
        response: { 200: z.array(CurriculumListItem) },
      },
    },
    async (req) => (await programCurriculum(deps, callerOf(req), req.params.programId, req.query.lang)).topics.map(listItem),
  );
  app.get(
    '/programs/:programId/curriculum/:key',
    { schema: { tags: ['curriculum'], params: TopicParams, querystring: LanguageQuery, response: { 200: TopicView } } },
    async (req) => {
      const { view, topic } = await programTopic(deps, callerOf(req), req.params.programId, req.params.key, req.query.lang);
      return present(view, topic);
    },
  );
}
