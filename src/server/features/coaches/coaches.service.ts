import { and, eq, sql } from 'drizzle-orm';
import type { CoachInput, CoachUpdate, CoachView } from '../../../core/coaches';
import { DomainError } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { selectRows, type Db, type Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import { coaches } from './coaches.table';

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

export async function getCoach(deps: Deps, caller: Caller, programId: string, coachId: string): Promise<CoachView> {
  await loadProgram(deps.db, caller, programId);
  const now = deps.clock.now();
  const [row] = await findCoaches(deps.db, programId, now, coachId);
  if (!row) throw new DomainError('not_found', undefined, 'Not found');
  const isSelf = caller.actor.coachIds.get(programId) === coachId;
  authorize(caller.actor, 'coach:view', { programId, relation: isSelf ? 'self' : 'none', hideExistence: true });
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'coach', entityId: coachId, programId }]);
  return presentCoach(row);
}

export async function createCoach(deps: Deps, caller: Caller, programId: string, input: CoachInput): Promise<CoachView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'coach:create', { programId });
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await tx.insert(coaches).values({ id, programId, ...input, createdAt: now, updatedAt: now });
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
