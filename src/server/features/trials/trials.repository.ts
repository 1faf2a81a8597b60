import { createHmac } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { hmacStream, isWithdrawnFrom, type RandomSource, type WithdrawalScope } from '../../../core/trials';
import { addDays } from '../../../core/shared/time';
import type { Db, Tx } from '../../platform/database';
import { people } from '../accounts/accounts.table';
import { roleGrants } from '../accounts/accounts.table';
import { allocations, consentDocuments, consents, eligibilityScreenings, studies, studyWithdrawals } from './trials.table';

export type StudyRow = typeof studies.$inferSelect;
export type AllocationRow = typeof allocations.$inferSelect;

/** The study's deterministic random stream for a label: HMAC-SHA256 of the secret seed (ADR 0024). */
export function seededStream(seed: Uint8Array, label: string): RandomSource {
  return hmacStream((key, message) => createHmac('sha256', key).update(message).digest(), seed, label);
}

export async function findStudy(db: Db | Tx, programId: string): Promise<StudyRow | null> {
  const [row] = await db.select().from(studies).where(eq(studies.programId, programId));
  return row ?? null;
}

/** Every allocation of the study, in the order they were made. */
export function findAllocations(db: Db | Tx, programId: string): Promise<AllocationRow[]> {
  return db.select().from(allocations).where(eq(allocations.programId, programId)).orderBy(asc(allocations.overallNumber));
}

export async function findConsentDocuments(db: Db | Tx, programId: string) {
  return db
    .select()
    .from(consentDocuments)
    .where(eq(consentDocuments.programId, programId))
    .orderBy(asc(consentDocuments.version));
}

/** The latest screening of each participant (or of the given ones). */
export async function latestScreenings(db: Db | Tx, programId: string, participantIds?: readonly string[]) {
  const rows = await db
    .select()
    .from(eligibilityScreenings)
    .where(
      participantIds
        ? and(eq(eligibilityScreenings.programId, programId), inArray(eligibilityScreenings.participantId, [...participantIds]))
        : eq(eligibilityScreenings.programId, programId),
    )
    .orderBy(desc(eligibilityScreenings.screenedAt));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.participantId)) latest.set(r.participantId, r);
  return latest;
}

export async function findConsents(db: Db | Tx, programId: string, participantIds?: readonly string[]) {
  return db
    .select()
    .from(consents)
    .where(
      participantIds
        ? and(eq(consents.programId, programId), inArray(consents.participantId, [...participantIds]))
        : eq(consents.programId, programId),
    )
    .orderBy(desc(consents.recordedAt));
}

export async function findWithdrawals(db: Db | Tx, programId: string, participantIds?: readonly string[]) {
  return db
    .select()
    .from(studyWithdrawals)
    .where(
      participantIds
        ? and(eq(studyWithdrawals.programId, programId), inArray(studyWithdrawals.participantId, [...participantIds]))
        : eq(studyWithdrawals.programId, programId),
    )
    .orderBy(asc(studyWithdrawals.on));
}

/**
 * The last local day of follow-up for each participant withdrawn from follow-up (or from use of
 * data): the day before the earliest such withdrawal (ADR 0025). The assessment schedule stops
 * there, so no task, link or reminder follows a withdrawal, from its first day.
 */
export async function followUpEndsOn(
  db: Db | Tx,
  programId: string,
  participantIds?: readonly string[],
): Promise<Map<string, string>> {
  const rows = await findWithdrawals(db, programId, participantIds);
  const out = new Map<string, string>();
  for (const w of rows) {
    if (!isWithdrawnFrom([{ scope: w.scope as WithdrawalScope }], 'follow_up')) continue;
    const dayBefore = addDays(new Date(`${w.on}T12:00:00Z`), -1)
      .toISOString()
      .slice(0, 10);
    const current = out.get(w.participantId);
    if (!current || dayBefore < current) out.set(w.participantId, dayBefore);
  }
  return out;
}

/** The e-mail addresses of the study's staff (the program's coordinators and admins), told of an emergency unblinding. */
export async function studyStaffEmails(db: Db | Tx, programId: string): Promise<string[]> {
  const rows = await db
    .select({ email: people.email })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .where(and(eq(roleGrants.programId, programId), inArray(roleGrants.role, ['coordinator', 'admin'])));
  return [...new Set(rows.map((r) => r.email.toLowerCase()))].sort();
}

export async function displayNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: people.id, name: people.displayName })
    .from(people)
    .where(inArray(people.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
