import { z } from 'zod';
import { AUDIT_VERB_FILTERS } from '../../../core/audit';
import { DateOn } from '../../../core/shared/vocab';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import {
  AuditChoicesView,
  AuditEventView,
  auditChoices,
  exportAuditEvents,
  listAuditEvents,
  type AuditFilter,
} from './audit.service';

const Filter = z.object({
  entityId: z.string().max(64).optional(),
  actorId: z.uuid({ error: 'Choose a person from the list' }).optional(),
  verb: z.enum(AUDIT_VERB_FILTERS, { error: 'Choose what happened from the list' }).optional(),
  entityType: z
    .string()
    .max(64)
    .regex(/^[a-z][a-z0-9_]*$/, { error: 'Choose a kind of record from the list' })
    .optional(),
  from: DateOn.optional(),
  to: DateOn.optional(),
});
const checkPeriod = <T extends { from?: string | undefined; to?: string | undefined }>(q: T, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.to < q.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day comes before the first day' });
  }
};
const Page = Filter.extend({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).superRefine(checkPeriod);
const ExportQuery = Filter.superRefine(checkPeriod);

const filterOf = (q: z.infer<typeof Filter>): AuditFilter => ({
  entityId: q.entityId,
  actorId: q.actorId,
  verb: q.verb,
  entityType: q.entityType,
  from: q.from,
  to: q.to,
});

export function auditRoutes(app: App, { deps }: AppOptions): void {
  const tags = ['audit'];
  for (const scoped of [true, false]) {
    const base = scoped ? '/programs/:programId/audit' : '/audit';
    const params = scoped ? { params: ProgramParams } : {};
    const programOf = (req: { params: unknown }) => (scoped ? (req.params as { programId: string }).programId : null);
    app.get(base, { schema: { tags, ...params, querystring: Page, response: { 200: z.array(AuditEventView) } } }, async (req) =>
      listAuditEvents(deps, callerOf(req), {
        programId: programOf(req),
        limit: req.query.limit,
        ...(req.query.before ? { beforeId: req.query.before } : {}),
        ...filterOf(req.query),
      }),
    );
    app.get(`${base}/choices`, { schema: { tags, ...params, response: { 200: AuditChoicesView } } }, async (req) =>
      auditChoices(deps, callerOf(req), programOf(req)),
    );
    app.get(
      `${base}/export.csv`,
      { schema: { tags, ...params, querystring: ExportQuery, response: { 200: z.string() } } },
      async (req, reply) => {
        const file = await exportAuditEvents(deps, callerOf(req), { programId: programOf(req), ...filterOf(req.query) });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('cache-control', 'no-store')
          .header('x-kindred-truncated', file.truncated ? 'true' : 'false')
          .send(file.body);
      },
    );
  }
}
