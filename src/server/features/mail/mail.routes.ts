import { z } from 'zod';
import { callerOf, type App, type AppOptions } from '../../http/app';
import { ProgramParams } from '../../http/schemas';
import { MailView, listMail } from './mail.service';

export function mailRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/mail',
    { schema: { tags: ['mail'], params: ProgramParams, response: { 200: z.array(MailView) } } },
    async (req) => listMail(deps, callerOf(req), req.params.programId),
  );
}
