import type { SQL, SQLWrapper } from 'drizzle-orm';
import { audit, auditWhenWritten, type AuditEntry } from '../platform/audit';
import type { Caller } from '../platform/context';
import type { Db, Tx } from '../platform/database';
import { authorize, type Action, type Relation, type View } from './policy';

/**
 * The audit entries one use case collects as it writes, inserted in one statement inside its
 * transaction (the change and its audit still commit together).
 */
export interface AuditLog {
  /** Adds entries of the context's program (written by `flush`, in the order added). */
  add(...entries: readonly Omit<AuditEntry, 'programId'>[]): void;
  /** Writes what was collected in one insert and empties the list; nothing when nothing was added. */
  flush(db: Db | Tx): Promise<void>;
  /**
   * Takes what was collected as the audit part of one data-modifying statement: written only when
   * the CTE `written` returns a row (`auditWhenWritten`), and emptied like `flush`.
   */
  flushWhenWritten(written: SQLWrapper): SQL;
}

/**
 * One request's access to one program, assembled once (issue #14, ADR 0045): the caller, how the
 * caller stands to the record acted on, the view the action was granted with, the request's instant
 * and the audit log. Internal write functions take it with the transaction instead of reloading
 * and re-authorizing.
 */
export interface ProgramContext {
  readonly caller: Caller;
  readonly programId: string;
  /** How the caller stands to the record (a participant) the use case acts on. */
  readonly relation: Relation;
  /** What the caller may see, as granted for the action the context was built for. */
  readonly view: View;
  readonly now: Date;
  readonly audit: AuditLog;
}

/** An audit log of one caller, program and instant. */
export function auditLog(caller: Caller, programId: string, now: Date): AuditLog {
  const entries: AuditEntry[] = [];
  return {
    add: (...more) => {
      for (const e of more) entries.push({ ...e, programId });
    },
    flush: async (db) => {
      const batch = entries.splice(0);
      await audit(db, caller, now, batch);
    },
    flushWhenWritten: (written) => auditWhenWritten(written, caller, now, entries.splice(0)),
  };
}

/**
 * Authorizes `action` on a record of the program once and answers the context the use case and its
 * internal writes share. Refusals are those of `authorize`: not found when `hideExistence` (records
 * outside the caller's reach) or outside the program, forbidden otherwise.
 */
export function programContext(
  caller: Caller,
  programId: string,
  action: Action,
  access: { relation: Relation; hideExistence: boolean },
  now: Date,
): ProgramContext {
  const view = authorize(caller.actor, action, { programId, ...access });
  return { caller, programId, relation: access.relation, view, now, audit: auditLog(caller, programId, now) };
}
