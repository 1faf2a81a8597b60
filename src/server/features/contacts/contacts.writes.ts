import { and, eq, sql } from 'drizzle-orm';
import { checkContact, type ContactInput } from '../../../core/contacts';
import { DomainError } from '../../../core/shared/errors';
import { lateEntryMark } from '../../../core/shared/late-entry';
import { authorize } from '../../access/policy';
import type { ProgramContext } from '../../access/program-context';
import { selectRows, type Db, type Tx } from '../../platform/database';
import { columnsOf, insertRowSql, rowOf } from '../../platform/rows';
import { newId } from '../../platform/ids';
import { contacts } from './contacts.table';

/**
 * Writing contacts for use cases that have already loaded and authorized (ADR 0045): logging a
 * contact, and the session guide inside its own transaction. Nothing here reads the participant
 * again or re-authorizes the caller on it.
 */

export type ContactRow = typeof contacts.$inferSelect;

/** A contact ready to insert: the pairing it belongs to and its late-entry mark, if any. */
export interface PreparedContact {
  participantId: string;
  pairing: { id: string; coachId: string };
  late: { reason: string } | null;
}

/**
 * The checks before a new contact is written, without reads: the participant is paired, the
 * contact rules hold, and a late entry is made by staff with a reason (ADR 0030).
 */
export function prepareContact(
  ctx: ProgramContext,
  target: {
    participantId: string;
    pairing: { id: string; coachId: string; startedAt: Date } | null;
    programTopics: readonly string[];
  },
  input: ContactInput,
): PreparedContact {
  const { pairing } = target;
  if (!pairing) {
    throw new DomainError('invalid_state', 'participant_not_paired', 'The participant has no coach to log a contact for');
  }
  checkContact(input, { now: ctx.now, pairingStartedAt: pairing.startedAt, programTopics: target.programTopics });
  // A contact more than 7 days back is a late entry: staff only, with a reason (ADR 0030).
  if (input.enteredLate) authorize(ctx.caller.actor, 'record:late_entry', { programId: ctx.programId });
  const late = lateEntryMark('contact', new Date(input.occurredAt), ctx.now, input.enteredLate);
  return { participantId: target.participantId, pairing: { id: pairing.id, coachId: pairing.coachId }, late };
}

/** The contact row to insert, under a new id. */
function contactValues(ctx: ProgramContext, prepared: PreparedContact, input: ContactInput): typeof contacts.$inferInsert {
  const { pairing, late } = prepared;
  const { actor } = ctx.caller;
  return {
    id: newId(),
    programId: ctx.programId,
    pairingId: pairing.id,
    participantId: prepared.participantId,
    coachId: pairing.coachId,
    clientKey: input.clientKey,
    occurredAt: new Date(input.occurredAt),
    channel: input.channel,
    outcome: input.outcome,
    isReached: input.outcome === 'reached',
    minutes: input.minutes,
    topics: input.topics,
    discussedStrategies: input.discussedStrategies,
    gaveEncouragement: input.gaveEncouragement,
    discussedAdjusting: input.discussedAdjusting,
    discussedGoals: input.discussedGoals,
    note: input.note,
    loggedBy: actor.personId,
    createdAt: ctx.now,
    ...(late ? { enteredLateBy: actor.personId, enteredLateAt: ctx.now, lateReason: late.reason } : {}),
  };
}

/** Adds a new contact's audit entries to the context's log: its creation, and its late entry if any. */
function addContactAudit(ctx: ProgramContext, contactId: string, late: PreparedContact['late']): void {
  ctx.audit.add(
    { verb: 'create', entityType: 'contact', entityId: contactId },
    ...(late ? [{ verb: 'create' as const, entityType: 'late_entry', entityId: contactId }] : []),
  );
}

/**
 * Inserts a prepared contact in the caller's transaction and adds its audit entries to the
 * context's log; null when a concurrent request saved a contact under the same key first.
 */
export async function insertContact(
  tx: Db | Tx,
  ctx: ProgramContext,
  prepared: PreparedContact,
  input: ContactInput,
): Promise<ContactRow | null> {
  const [inserted] = await tx
    .insert(contacts)
    .values(contactValues(ctx, prepared, input))
    .onConflictDoNothing()
    .returning();
  if (!inserted) return null;
  addContactAudit(ctx, inserted.id, prepared.late);
  return inserted;
}

/**
 * Inserts a prepared contact and its audit rows (with whatever else the context's log holds) in
 * one statement, so without a transaction of its own: the rows commit together or not at all, and
 * no audit row is written when a concurrent request saved a contact under the same key first
 * (then null). Logging a contact costs one round trip for the write instead of four (issue #14).
 */
export async function insertContactAudited(
  db: Db | Tx,
  ctx: ProgramContext,
  prepared: PreparedContact,
  input: ContactInput,
): Promise<ContactRow | null> {
  const values = contactValues(ctx, prepared, input);
  addContactAudit(ctx, values.id, prepared.late);
  // A template rather than Drizzle's builder: building this statement with `$with`/`insert`/`select`
  // cost more than the database's work (issue #14); the columns still encode and decode the row.
  const written = sql`"written"`;
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`with ${written} as (${insertRowSql(contacts, values)} on conflict do nothing returning ${columnsOf(contacts)}),
      "audited" as (${ctx.audit.flushWhenWritten(written)})
      select ${columnsOf(contacts)} from ${written}`,
  );
  return row ? rowOf(contacts, row) : null;
}

/** The contact saved under a client key in the program, if any. */
export async function contactByKey(db: Db | Tx, programId: string, clientKey: string): Promise<ContactRow | null> {
  const [saved] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.programId, programId), eq(contacts.clientKey, clientKey)));
  return saved ?? null;
}

/** A contact already saved under the key answers a retry; a key used for another participant is refused. */
export function replayedContact<C extends { participantId: string }>(saved: C, participantId: string): C {
  if (saved.participantId !== participantId) {
    throw new DomainError('conflict', 'client_key_reused', 'This contact key was already used for another contact');
  }
  return saved;
}
