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
