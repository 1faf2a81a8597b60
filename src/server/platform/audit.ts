import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Caller } from './context';
import type { Db, Tx } from './database';
import { auditEvents } from './audit.table';

/** Audit verbs: reads and writes of personal data. */
export type AuditVerb = 'read' | 'list' | 'create' | 'update' | 'delete' | 'sign_in' | 'sign_in_failed' | 'sign_out' | 'export';

export interface AuditEntry {
  verb: AuditVerb;
  entityType: string;
  entityId?: string | null;
  programId?: string | null;
}

/**
 * The one helper that writes the audit trail. Writes call it inside their transaction, so a change
 * and its audit row commit together; reads call it before the data leaves the server.
 */
export async function audit(
  db: Db | Tx,
  caller: Pick<Caller, 'requestId' | 'ip'> & { actor: { personId: string } | null },
  at: Date,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditEvents).values(
    entries.map((e) => ({
      at,
      actorId: caller.actor?.personId ?? null,
      action: `${e.entityType}:${e.verb}`,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      programId: e.programId ?? null,
      ip: caller.ip,
      requestId: caller.requestId,
    })),
  );
}

/**
 * The audit insert as one part of a data-modifying statement (`with written as (insert … returning
 * …), audited as (<this>) select … from written`): the entries are written only when `written`
 * returned a row, so a write that inserted nothing (a key saved first by a concurrent request)
 * leaves no audit row, and a write and its audit rows still commit together, as one statement.
 * Rows are written in the order given.
 */
export function auditWhenWritten(
  written: SQLWrapper,
  caller: Pick<Caller, 'requestId' | 'ip'> & { actor: { personId: string } | null },
  at: Date,
  entries: readonly AuditEntry[],
): SQL {
  if (entries.length === 0) throw new Error('auditWhenWritten needs at least one entry');
  const rows = entries.map(
    (e, i) =>
      sql`(${i}::int, ${at.toISOString()}::timestamptz, ${caller.actor?.personId ?? null}::uuid, ${`${e.entityType}:${e.verb}`}, ${e.entityType}, ${e.entityId ?? null}, ${e.programId ?? null}::uuid, ${caller.ip}::text, ${caller.requestId}::text)`,
  );
  return sql`insert into ${auditEvents} ("at", "actor_id", "action", "entity_type", "entity_id", "program_id", "ip", "request_id")
    select e.at, e.actor_id, e.action, e.entity_type, e.entity_id, e.program_id, e.ip, e.request_id
    from (values ${sql.join(rows, sql`, `)}) as e(n, at, actor_id, action, entity_type, entity_id, program_id, ip, request_id)
    where exists (select from ${written})
    order by e.n`;
}
