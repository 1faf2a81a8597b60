import { and, count, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { type ContactInput, type ContactView } from '../../../core/contacts';
import { DomainError } from '../../../core/shared/errors';
import { decodeCursor, encodeCursor, type Page } from '../../../core/shared/paging';
import type { Db } from '../../platform/database';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { people } from '../accounts/accounts.table';
import { loadParticipantFor, participantAccess } from '../../access/participant-context';
import { loadProgram } from '../programs';
import { contactTarget } from './contacts.repository';
import { contacts } from './contacts.table';
import { contactByKey, insertContactAudited, prepareContact, replayedContact, type ContactRow } from './contacts.writes';
import { ownCoachId } from '../../access/relations';

export function presentContact(c: ContactRow, names: ReadonlyMap<string, string> = new Map()): ContactView {
  return {
    id: c.id,
    participantId: c.participantId,
    coachId: c.coachId,
    occurredAt: c.occurredAt.toISOString(),
    channel: c.channel,
    outcome: c.outcome,
    isReached: c.isReached,
    minutes: c.minutes,
    topics: c.topics,
    discussedStrategies: c.discussedStrategies,
    gaveEncouragement: c.gaveEncouragement,
    discussedAdjusting: c.discussedAdjusting,
    discussedGoals: c.discussedGoals,
    note: c.note,
    loggedAt: c.createdAt.toISOString(),
    enteredLate:
      c.enteredLateBy && c.enteredLateAt
        ? { byName: names.get(c.enteredLateBy) ?? '', at: c.enteredLateAt.toISOString(), reason: c.lateReason ?? '' }
        : null,
  };
}

/** The names of the staff who entered any of these contacts late (one query, only when there are some). */
async function lateEntryNames(db: Db, rows: readonly ContactRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => (r.enteredLateBy ? [r.enteredLateBy] : [])))];
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: people.id, name: people.displayName }).from(people).where(inArray(people.id, ids));
  return new Map(found.map((p) => [p.id, p.name]));
}

/**
 * Logs an attempt or a session for a paired participant. Idempotent on the client's key: a retry
 * after a dropped connection returns the contact already saved instead of saving it twice.
 */
export async function logContact(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: ContactInput,
): Promise<{ contact: ContactView; isNew: boolean }> {
  // One read for everything the rules need (issue #14): the whole participant record with its
  // contact counts cost three times the insert itself (docs/BENCHMARKS.md).
  authorize(caller.actor, 'program:view', { programId });
  const target = await contactTarget(deps.db, programId, input.participantId, input.clientKey);
  if (!target?.participant) throw new DomainError('not_found', undefined, 'Not found');
  const record = target.participant;
  const ctx = participantAccess(caller, record, 'contact:log', deps.clock.now());
  if (target.previousId) return replayedByKey(deps.db, programId, input.clientKey, input.participantId);
  const prepared = prepareContact(
    ctx,
    { participantId: record.id, pairing: record.pairing, programTopics: target.topics },
    input,
  );
  // The contact and its audit rows in one statement (no BEGIN and COMMIT round trips; ADR 0046).
  const row = await insertContactAudited(deps.db, ctx, prepared, input);
  // A concurrent retry with the same key won the race; answer with what it saved.
  if (!row) return replayedByKey(deps.db, programId, input.clientKey, input.participantId);
  return { contact: presentContact(row, new Map([[caller.actor.personId, caller.actor.displayName]])), isNew: true };
}

export interface PageRequest {
  limit: number;
  /** The cursor of the page before (from `nextCursor`); none for the newest page. */
  before?: string | undefined;
}

/** One page of contacts in `scope`, newest first (ties by id), with the next cursor and the list's total. */
async function pageOfContacts(db: Db, scope: SQL, page: PageRequest): Promise<Page<ContactView>> {
  const cursor = page.before === undefined ? null : decodeCursor(page.before);
  if (page.before !== undefined && !cursor) throw new DomainError('invalid_state', 'bad_cursor', 'This page cursor is not valid');
  const after = cursor
    ? or(lt(contacts.occurredAt, cursor.at), and(eq(contacts.occurredAt, cursor.at), lt(contacts.id, cursor.id)))
    : undefined;
  const [rows, [{ n } = { n: 0 }]] = await Promise.all([
    db
      .select()
      .from(contacts)
      .where(after ? and(scope, after) : scope)
      .orderBy(desc(contacts.occurredAt), desc(contacts.id))
      .limit(page.limit + 1),
    db.select({ n: count() }).from(contacts).where(scope),
  ]);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const names = await lateEntryNames(db, items);
  return {
    items: items.map((c) => presentContact(c, names)),
    nextCursor: rows.length > page.limit && last ? encodeCursor({ at: last.occurredAt, id: last.id }) : null,
    total: Number(n),
  };
}

/**
 * The answer to a key already saved: the same contact for a retry, a conflict when the key was used
 * for another participant (never that participant's contact).
 */
async function replayedByKey(db: Db, programId: string, clientKey: string, participantId: string) {
  const saved = await contactByKey(db, programId, clientKey);
  if (!saved) throw new Error('contact missing after conflict');
  replayedContact(saved, participantId);
  return { contact: presentContact(saved, await lateEntryNames(db, [saved])), isNew: false };
}

/** A participant's contacts, newest first, a page at a time, for staff and the participant's coach. */
export async function listParticipantContacts(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  page: PageRequest = { limit: 200 },
): Promise<Page<ContactView>> {
  await loadParticipantFor(deps, caller, programId, participantId, 'contact:list');
  const result = await pageOfContacts(
    deps.db,
    and(eq(contacts.programId, programId), eq(contacts.participantId, participantId))!,
    page,
  );
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'contact', entityId: participantId, programId }]);
  return result;
}

/** The caller's own contact history as a coach (or, for staff, the program's contacts), a page at a time. */
export async function listRecentContacts(
  deps: Deps,
  caller: Caller,
  programId: string,
  page: PageRequest,
): Promise<Page<ContactView>> {
  await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'contact:list', { programId, relation: 'coach_of' });
  const coachId = ownCoachId(caller.actor, programId);
  if (view === 'coaching' && !coachId) return { items: [], nextCursor: null, total: 0 };
  const where =
    view === 'coaching' && coachId
      ? and(eq(contacts.programId, programId), eq(contacts.coachId, coachId))!
      : eq(contacts.programId, programId);
  const result = await pageOfContacts(deps.db, where, page);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'contact', programId }]);
  return result;
}
