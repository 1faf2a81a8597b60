import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, authorizeDeployment } from '../../access/policy';
import type { Caller, Deps } from '../../platform/context';
import { auditEvents } from '../../platform/audit.table';
import { people } from '../accounts/accounts.table';
import { loadProgram } from '../programs';

export const AuditEventView = z.object({
  id: z.int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  programId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

/**
 * Pages through the audit trail, newest first: a program's for its staff, or the whole deployment's
 * for an administrator. Browsing the trail is itself not audited (it holds no health data).
 */
export async function listAuditEvents(
  deps: Deps,
  caller: Caller,
  scope: { programId: string | null; beforeId?: number; limit: number; entityId?: string },
): Promise<AuditEventView[]> {
  const where: SQL[] = [];
  if (scope.programId) {
    await loadProgram(deps.db, caller, scope.programId);
    authorize(caller.actor, 'audit:view', { programId: scope.programId });
    where.push(eq(auditEvents.programId, scope.programId));
  } else {
    authorizeDeployment(caller.actor);
  }
  if (scope.beforeId) where.push(lt(auditEvents.id, scope.beforeId));
  if (scope.entityId) where.push(eq(auditEvents.entityId, scope.entityId));
  const rows = await deps.db
    .select({ e: auditEvents, actorName: people.displayName })
    .from(auditEvents)
    .leftJoin(people, eq(people.id, auditEvents.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(scope.limit);
  return rows.map(({ e, actorName }) => ({
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    programId: e.programId,
    ip: e.ip,
    requestId: e.requestId,
  }));
}
