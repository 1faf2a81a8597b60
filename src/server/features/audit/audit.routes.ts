import { z } from 'zod';
import { callerOf, type App, type AppOptions } from '../../http/app';
import { ProgramParams } from '../../http/schemas';
import { AuditEventView, listAuditEvents } from './audit.service';

const Page = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  entityId: z.string().max(64).optional(),
});

export function auditRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/audit',
    { schema: { tags: ['audit'], params: ProgramParams, querystring: Page, response: { 200: z.array(AuditEventView) } } },
    async (req) =>
      listAuditEvents(deps, callerOf(req), {
        programId: req.params.programId,
        limit: req.query.limit,
        ...(req.query.before ? { beforeId: req.query.before } : {}),
        ...(req.query.entityId ? { entityId: req.query.entityId } : {}),
      }),
  );
  app.get('/audit', { schema: { tags: ['audit'], querystring: Page, response: { 200: z.array(AuditEventView) } } }, async (req) =>
    listAuditEvents(deps, callerOf(req), {
      programId: null,
      limit: req.query.limit,
      ...(req.query.before ? { beforeId: req.query.before } : {}),
      ...(req.query.entityId ? { entityId: req.query.entityId } : {}),
    }),
  );
}
