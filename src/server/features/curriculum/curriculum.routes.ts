import { z } from 'zod';
import { CurriculumListItem, TopicView, type ProgramTopic } from '../../../core/curriculum';
import { Topic } from '../../../core/programs';
import type { View } from '../../access/policy';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import { programCurriculum, programTopic } from './curriculum.service';

const TopicParams = ProgramParams.extend({ key: Topic.shape.key });

const listItem = (t: ProgramTopic): CurriculumListItem => ({
  key: t.key,
  title: t.title,
  summary: t.summary,
  skill: t.skill,
  version: t.version,
});

/** Participants read the handout; coaches, staff and evaluators also read the coach's guide. */
function present(view: View, t: ProgramTopic): TopicView {
  const handout = { ...listItem(t), handout: t.handout };
  if (view !== 'full' && view !== 'coaching') return { view: 'handout', ...handout };
  return { view: 'guide', ...handout, skillSteps: t.skillSteps, talkingPoints: t.talkingPoints, questions: t.questions };
}

export function curriculumRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/curriculum',
    { schema: { tags: ['curriculum'], params: ProgramParams, response: { 200: z.array(CurriculumListItem) } } },
    async (req) => (await programCurriculum(deps, callerOf(req), req.params.programId)).topics.map(listItem),
  );
  app.get(
    '/programs/:programId/curriculum/:key',
    { schema: { tags: ['curriculum'], params: TopicParams, response: { 200: TopicView } } },
    async (req) => {
      const { view, topic } = await programTopic(deps, callerOf(req), req.params.programId, req.params.key);
      return present(view, topic);
    },
  );
}
