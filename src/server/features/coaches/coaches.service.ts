import { and, eq, sql } from 'drizzle-orm';
import type { CoachInput, CoachStatus, CoachUpdate, CoachView } from '../../../core/coaches';
import { DomainError } from '../../../core/shared/errors';
import { isTrainingComplete } from '../../../core/volunteers';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { selectRows, type Db, type Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import { coaches } from './coaches.table';
import { loadCoachFor, type CoachRead } from '../../access/coach-context';

type CoachRow = typeof coaches.$inferSelect & { activePairings: number; recentReached: number };

/** Loads coaches with their current caseload use and recent reached contacts. */
export async function findCoaches(db: Db | Tx, programId: string, now: Date, coachId?: string): Promise<CoachRow[]> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const counts = await selectRows<{ coach_id: string; active_pairings: number | string; recent_reached: number | string }>(
    db,
    sql`select c.id as coach_id,
      (select count(*) from pairings p where p.coach_id = c.id and p.ended_at is null) as active_pairings,
      (select count(*) from contacts ct where ct.coach_id = c.id and ct.is_reached and ct.occurred_at >= ${since.toISOString()}) as recent_reached
      from coaches c where c.program_id = ${programId} ${coachId ? sql`and c.id = ${coachId}` : sql``}`,
  );
  const byId = new Map(counts.map((c) => [c.coach_id, c]));
  const rows = await db
    .select()
    .from(coaches)
    .where(coachId ? and(eq(coaches.programId, programId), eq(coaches.id, coachId)) : eq(coaches.programId, programId))
    .orderBy(coaches.familyName, coaches.givenName);
  return rows.map((r) => ({
    ...r,
    activePairings: Number(byId.get(r.id)?.active_pairings ?? 0),
    recentReached: Number(byId.get(r.id)?.recent_reached ?? 0),
  }));
}

export function presentCoach(c: CoachRow): CoachView {
  return {
    id: c.id,
    givenName: c.givenName,
    familyName: c.familyName,
    gender: c.gender,
    painLocations: c.painLocations,
    modalities: c.modalities,
    phone: c.phone,
    email: c.email,
    status: c.status,
    caseload: c.caseload,
    activePairings: c.activePairings,
    hasAccount: c.personId !== null,
    recentReached: c.recentReached,
    isTrained: isTrainingComplete(c),
    birthYear: c.birthYear,
    town: c.town,
    languages: c.languages,
  };
}

export async function listCoaches(deps: Deps, caller: Caller, programId: string): Promise<CoachView[]> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'coach:list', { programId });
  const now = deps.clock.now();
  const rows = await findCoaches(deps.db, programId, now);
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'coach', programId }]);
  return rows.map(presentCoach);
}

/** One coach with caseload, as `loadCoachFor` reads it for a coach's page or training. */
export const readCoachWithCaseload: CoachRead<CoachRow> = async (db, programId, coachId, now) =>
  (await findCoaches(db, programId, now, coachId))[0];

export async function getCoach(deps: Deps, caller: Caller, programId: string, coachId: string): Promise<CoachView> {
  const { coach, ctx } = await loadCoachFor(deps, caller, programId, coachId, 'coach:view', readCoachWithCaseload);
  ctx.audit.add({ verb: 'read', entityType: 'coach', entityId: coachId });
  await ctx.audit.flush(deps.db);
  return presentCoach(coach);
}

/**
 * Adds a coach directly. Staff use this for a coach recruited and trained outside Kindred (as
 * ECLIPSE's were, in a 2–3 hour session with a signed agreement on paper), so the coach is recorded
 * as trained: staff vouch for it. Volunteers who apply go through the pipeline and train in Kindred.
 */
export async function createCoach(deps: Deps, caller: Caller, programId: string, input: CoachInput): Promise<CoachView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'coach:create', { programId });
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(coaches)
      .values({ id, programId, ...input, trainedAt: now, agreementSignedAt: now, createdAt: now, updatedAt: now });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'coach', entityId: id, programId }]);
  });
  const [row] = await findCoaches(deps.db, programId, now, id);
  if (!row) throw new Error('coach vanished after insert');
  return presentCoach(row);
}

export async function updateCoach(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
  input: CoachUpdate,
): Promise<CoachView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'coach:update', { programId });
  const now = deps.clock.now();
  const [existing] = await findCoaches(deps.db, programId, now, coachId);
  if (!existing) throw new DomainError('not_found', undefined, 'Not found');
  if (input.caseload !== undefined && input.caseload < existing.activePairings) {
    throw new DomainError(
      'invalid_state',
      'caseload_below_active',
      'End a pairing before lowering the caseload below the current number of participants',
    );
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .update(coaches)
      .set({ ...input, updatedAt: now })
      .where(eq(coaches.id, coachId));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'coach', entityId: coachId, programId }]);
  });
  const [row] = await findCoaches(deps.db, programId, now, coachId);
  if (!row) throw new DomainError('not_found', undefined, 'Not found');
  return presentCoach(row);
}

/** What a volunteer's coach record starts with: the application's answers, not yet trained. */
export type NewVolunteerCoach = Pick<
  typeof coaches.$inferInsert,
  | 'givenName'
  | 'familyName'
  | 'gender'
  | 'painLocations'
  | 'modalities'
  | 'phone'
  | 'email'
  | 'availability'
  | 'serviceBranch'
  | 'serviceEra'
  | 'birthYear'
  | 'town'
  | 'languages'
>;

/**
 * Creates the coach record of a volunteer who starts training, inside the caller's transaction (the
 * caller has authorized and audits). Active but untrained: the pairing rules refuse the coach until
 * every module is passed and the agreement signed. The caseload starts at one, as in ECLIPSE.
 */
export async function addVolunteerCoach(tx: Db | Tx, programId: string, values: NewVolunteerCoach, now: Date): Promise<string> {
  const id = newId();
  await tx.insert(coaches).values({
    id,
    programId,
    ...values,
    status: 'active',
    caseload: 1,
    trainedAt: null,
    agreementSignedAt: null,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** Sets a coach's status inside the caller's transaction (the volunteer pipeline pauses, resumes and retires coaches). */
export async function setCoachStatus(
  tx: Db | Tx,
  programId: string,
  coachId: string,
  status: CoachStatus,
  now: Date,
): Promise<void> {
  await tx
    .update(coaches)
    .set({ status, updatedAt: now })
    .where(and(eq(coaches.id, coachId), eq(coaches.programId, programId)));
}

/** Records training milestones on the coach, once each: the first time counts. */
export async function recordCoachTraining(
  tx: Db | Tx,
  coachId: string,
  milestones: { trainedAt?: Date; agreementSignedAt?: Date },
  now: Date,
): Promise<{ trainedAt: Date | null; agreementSignedAt: Date | null }> {
  const [row] = await tx
    .select({ trainedAt: coaches.trainedAt, agreementSignedAt: coaches.agreementSignedAt })
    .from(coaches)
    .where(eq(coaches.id, coachId))
    .for('update');
  if (!row) throw new DomainError('not_found', undefined, 'Not found');
  const next = {
    trainedAt: row.trainedAt ?? milestones.trainedAt ?? null,
    agreementSignedAt: row.agreementSignedAt ?? milestones.agreementSignedAt ?? null,
  };
  if (next.trainedAt !== row.trainedAt || next.agreementSignedAt !== row.agreementSignedAt) {
    await tx
      .update(coaches)
      .set({ ...next, updatedAt: now })
      .where(eq(coaches.id, coachId));
  }
  return next;
}
