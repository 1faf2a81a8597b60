import { z } from 'zod';
import { LadderSettings } from '../../../core/engagement';
import { ProgramInput, ProgramUpdate, Topic } from '../../../core/programs';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import { createProgram, listPrograms, loadProgram, updateProgram, type Program } from './programs.service';

const ProgramView = z.object({
  id: z.uuid(),
  name: z.string(),
  site: z.string(),
  startOn: z.string(),
  lengthDays: z.int(),
  cadenceDays: z.int(),
  targetContacts: z.int(),
  timeZone: z.string(),
  ladder: LadderSettings,
  topics: z.array(Topic),
});

const present = (p: Program): z.infer<typeof ProgramView> => ({
  id: p.id,
  name: p.name,
  site: p.site,
  startOn: p.startOn,
  lengthDays: p.lengthDays,
  cadenceDays: p.cadenceDays,
  targetContacts: p.targetContacts,
  timeZone: p.timeZone,
  ladder: p.ladder,
  topics: p.topics,
});

export function programsRoutes(app: App, { deps }: AppOptions): void {
  app.get('/programs', { schema: { tags: ['programs'], response: { 200: z.array(ProgramView) } } }, async (req) =>
    (await listPrograms(deps, callerOf(req))).map(present),
  );
  app.post(
    '/programs',
    { schema: { tags: ['programs'], body: ProgramInput, response: { 201: ProgramView } } },
    async (req, reply) => {
      const p = await createProgram(deps, callerOf(req), req.body);
      void reply.code(201);
      return present(p);
    },
  );
  app.get(
    '/programs/:programId',
    { schema: { tags: ['programs'], params: ProgramParams, response: { 200: ProgramView } } },
    async (req) => present(await loadProgram(deps.db, callerOf(req), req.params.programId)),
  );
  app.patch(
    '/programs/:programId',
    { schema: { tags: ['programs'], params: ProgramParams, body: ProgramUpdate, response: { 200: ProgramView } } },
    async (req) => present(await updateProgram(deps, callerOf(req), req.params.programId, req.body)),
  );
}
