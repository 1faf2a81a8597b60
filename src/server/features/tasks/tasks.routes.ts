import { z } from 'zod';
import { ScheduledSessionView } from '../../../core/engagement';
import { ParticipantView } from '../../../core/participants';
import { PainAlert } from '../../../core/plans';
import { Overview, TaskView } from '../../../core/tasks';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import { coachToday, listTasks, programOverview } from './tasks.service';

export function tasksRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/tasks',
    { schema: { tags: ['tasks'], params: ProgramParams, response: { 200: z.array(TaskView) } } },
    async (req) => listTasks(deps, callerOf(req), req.params.programId),
  );
  app.get(
    '/programs/:programId/today',
    {
      schema: {
        tags: ['tasks'],
        params: ProgramParams,
        response: {
          200: z.object({
            tasks: z.array(TaskView),
            sessions: z.array(ScheduledSessionView),
            participants: z.array(ParticipantView),
            painAlerts: z.array(PainAlert),
          }),
        },
      },
    },
    async (req) => coachToday(deps, callerOf(req), req.params.programId),
  );
  app.get(
    '/programs/:programId/overview',
    { schema: { tags: ['tasks'], params: ProgramParams, response: { 200: Overview } } },
    async (req) => programOverview(deps, callerOf(req), req.params.programId),
  );
}
