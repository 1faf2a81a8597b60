import { z } from 'zod';
import { CoachInput, CoachUpdate, CoachView } from '../../../core/coaches';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { CoachParams, ProgramParams } from '../../http/schemas';
import { createCoach, getCoach, listCoaches, updateCoach } from './coaches.service';

export function coachesRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/coaches',
    { schema: { tags: ['coaches'], params: ProgramParams, response: { 200: z.array(CoachView) } } },
    async (req) => listCoaches(deps, callerOf(req), req.params.programId),
  );
  app.post(
    '/programs/:programId/coaches',
    { schema: { tags: ['coaches'], params: ProgramParams, body: CoachInput, response: { 201: CoachView } } },
    async (req, reply) => {
      const c = await createCoach(deps, callerOf(req), req.params.programId, req.body);
      void reply.code(201);
      return c;
    },
  );
  app.get(
    '/programs/:programId/coaches/:coachId',
    { schema: { tags: ['coaches'], params: CoachParams, response: { 200: CoachView } } },
    async (req) => getCoach(deps, callerOf(req), req.params.programId, req.params.coachId),
  );
  app.patch(
    '/programs/:programId/coaches/:coachId',
    { schema: { tags: ['coaches'], params: CoachParams, body: CoachUpdate, response: { 200: CoachView } } },
    async (req) => updateCoach(deps, callerOf(req), req.params.programId, req.params.coachId, req.body),
  );
}
