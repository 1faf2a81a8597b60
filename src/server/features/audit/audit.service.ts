import { and, desc, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditCsvRows, periodInstants, verbsOf, type AuditPeriod, type AuditVerbFilter } from '../../../core/audit';
import { toCsv } from '../../../core/shared/csv';
import { DEFAULT_TIME_ZONE } from '../../../core/shared/time';
import { authorize, authorizeDeployment } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { auditEvents } from '../../platform/audit.table';
import { people } from '../accounts/accounts.table';
import { participants } from '../participants/participants.table';
import { loadProgram } from '../programs';

export const AuditEventView = z.object({
  id: z.int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** What the record is called where that is known: a participant's pseudonymous code. */
  recordLabel: z.string().nullable(),
  programId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditChoicesView = z.object({
  people: z.array(z.object({ id: z.string(), name: z.string() })),
  kinds: z.array(z.string()),
});
export type AuditChoicesView = z.infer<typeof AuditChoicesView>;

export interface AuditFilter extends AuditPeriod {
  actorId?: string | undefined;
  verb?: AuditVerbFilter | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
}

/** The most rows one spreadsheet holds; a narrower filter gets the rest. */
export const AUDIT_EXPORT_LIMIT = 50_000;

interface Scope {
  /** The program's trail, or null for the whole deployment's (administrators). */
  programId: string | null;
  timeZone: string;
}

/** Checks who may read which trail, and finds the zone its days are counted in. */
async function scopeOf(deps: Deps, caller: Caller, programId: string | null): Promise<Scope> {
  if (!programId) {
    authorizeDeployment(caller.actor);
    return { programId: null, timeZone: DEFAULT_TIME_ZONE };
  }
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'audit:view', { programId });
  return { programId, timeZone: program.timeZone };
}

function conditions(scope: Scope, filter: AuditFilter, beforeId?: number): SQL[] {
  const where: SQL[] = [];
  if (scope.programId) where.push(eq(auditEvents.programId, scope.programId));
  if (beforeId) where.push(lt(auditEvents.id, beforeId));
  if (filter.entityId) where.push(eq(auditEvents.entityId, filter.entityId));
  if (filter.entityType) where.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.actorId) where.push(eq(auditEvents.actorId, filter.actorId));
  if (filter.verb) where.push(inArray(sql<string>`split_part(${auditEvents.action}, ':', 2)`, verbsOf(filter.verb)));
  // The route has already refused a last day before the first.
  const period = periodInstants(filter, scope.timeZone) ?? {};
  if (period.since) where.push(gte(auditEvents.at, period.since));
  if (period.until) where.push(lt(auditEvents.at, period.until));
  return where;
}

async function fetchEvents(deps: Deps, where: SQL[], limit: number): Promise<AuditEventView[]> {
  const rows = await deps.db
    .select({ e: auditEvents, actorName: people.displayName, code: participants.code })
    .from(auditEvents)
    .leftJoin(people, eq(people.id, auditEvents.actorId))
    .leftJoin(
      participants,
      and(eq(auditEvents.entityType, 'participant'), sql`${participants.id}::text = ${auditEvents.entityId}`),
    )
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  return rows.map(({ e, actorName, code }) => ({
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    recordLabel: code,
    programId: e.programId,
    ip: e.ip,
    requestId: e.requestId,
  }));
}

/**
 * Pages through the audit trail, newest first, filtered by who, what, which kind of record and
 * which days: a program's for its staff, or the whole deployment's for an administrator. Browsing
 * the trail is itself not audited (it holds no health data); exporting it is.
 */
export async function listAuditEvents(
  deps: Deps,
  caller: Caller,
  query: { programId: string | null; beforeId?: number; limit: number } & AuditFilter,
): Promise<AuditEventView[]> {
  const scope = await scopeOf(deps, caller, query.programId);
  return fetchEvents(deps, conditions(scope, query, query.beforeId), query.limit);
}

/** The people and the kinds of record that appear in a trail, for its filters. */
export async function auditChoices(deps: Deps, caller: Caller, programId: string | null): Promise<AuditChoicesView> {
  const scope = await scopeOf(deps, caller, programId);
  const inScope = scope.programId ? [eq(auditEvents.programId, scope.programId)] : [];
  const [actors, kinds] = await Promise.all([
    deps.db
      .selectDistinct({ id: people.id, name: people.displayName })
      .from(auditEvents)
      .innerJoin(people, eq(people.id, auditEvents.actorId))
      .where(and(isNotNull(auditEvents.actorId), ...inScope))
      .orderBy(people.displayName, people.id),
    deps.db
      .selectDistinct({ kind: auditEvents.entityType })
      .from(auditEvents)
      .where(inScope.length ? and(...inScope) : undefined)
      .orderBy(auditEvents.entityType),
  ]);
  return { people: actors, kinds: kinds.map((k) => k.kind) };
}

/**
 * The filtered trail as a spreadsheet (CSV), newest first, at most {@link AUDIT_EXPORT_LIMIT}
 * rows. The export itself is recorded in the trail.
 */
export async function exportAuditEvents(
  deps: Deps,
  caller: Caller,
  query: { programId: string | null } & AuditFilter,
): Promise<{ filename: string; body: string; truncated: boolean }> {
  const scope = await scopeOf(deps, caller, query.programId);
  const events = await fetchEvents(deps, conditions(scope, query), AUDIT_EXPORT_LIMIT + 1);
  const truncated = events.length > AUDIT_EXPORT_LIMIT;
  const now = deps.clock.now();
  await audit(deps.db, caller, now, [{ verb: 'export', entityType: 'audit_trail', programId: scope.programId }]);
  return {
    filename: `audit-trail-${now.toISOString().slice(0, 10)}.csv`,
    body: toCsv(auditCsvRows(events.slice(0, AUDIT_EXPORT_LIMIT), scope.timeZone)),
    truncated,
  };
}
