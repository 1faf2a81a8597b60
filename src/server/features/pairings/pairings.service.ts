import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { checkPairing, type PairingInput, type PairingView } from '../../../core/pairings';
import type { PairingEndReason } from '../../../core/pairings';
import { DomainError, notFound } from '../../../core/shared/errors';
import { lateEntryMark } from '../../../core/shared/late-entry';
import { isTrainingComplete } from '../../../core/volunteers';
import { authorize } from '../../access/policy';
import { programContext, type ProgramContext } from '../../access/program-context';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { people } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { participants } from '../participants/participants.table';
import { loadProgram } from '../programs';
import { pairings } from './pairings.table';

function present(p: typeof pairings.$inferSelect, coachName: string, lateByName = ''): PairingView {
  return {
    id: p.id,
    participantId: p.participantId,
    coachId: p.coachId,
    coachName,
    startedAt: p.startedAt.toISOString(),
    endedAt: p.endedAt?.toISOString() ?? null,
    endReason: p.endReason,
    endNote: p.endNote,
    genderMismatchReason: p.genderMismatchReason,
    enteredLate:
      p.enteredLateBy && p.enteredLateAt
        ? { byName: lateByName, at: p.enteredLateAt.toISOString(), reason: p.lateReason ?? '' }
        : null,
  };
}

/**
 * Pairs a participant with a coach. The facts are read and the pairing written in one transaction
 * with the coach's row locked, so two coordinators cannot both fill a coach's last place.
 */
export async function createPairing(deps: Deps, caller: Caller, programId: string, input: PairingInput): Promise<PairingView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'pairing:create', { programId });
  const now = deps.clock.now();
  // A start in the past is a late entry: staff only (pairing is staff's anyway), with a reason (ADR 0030).
  if (input.enteredLate) authorize(caller.actor, 'record:late_entry', { programId });
  const startedAt = input.startedAt ? new Date(input.startedAt) : now;
  if (startedAt.getTime() > now.getTime() + 10 * 60_000) {
    throw new DomainError('invalid_state', 'pairing_in_future', 'A pairing cannot start in the future');
  }
  const late = lateEntryMark('pairing_start', startedAt, now, input.enteredLate);
  return deps.db.transaction(async (tx) => {
    const [coach] = await tx
      .select()
      .from(coaches)
      .where(and(eq(coaches.id, input.coachId), eq(coaches.programId, programId)))
      .for('update');
    const [participant] = await tx
      .select()
      .from(participants)
      .where(and(eq(participants.id, input.participantId), eq(participants.programId, programId)))
      .for('update');
    if (!coach || !participant) throw new DomainError('not_found', undefined, 'Not found');
    const [{ coachActive = 0, participantActive = 0 } = {}] = await tx
      .select({
        coachActive: sql<number>`count(*) filter (where ${pairings.coachId} = ${coach.id})::int`,
        participantActive: sql<number>`count(*) filter (where ${pairings.participantId} = ${participant.id})::int`,
      })
      .from(pairings)
      .where(isNull(pairings.endedAt));
    const { isGenderMismatch } = checkPairing({
      participant: {
        status: participant.status,
        gender: participant.gender,
        genderMatters: participant.genderMatters,
        canShareContact: participant.canShareContact,
        hasActivePairing: Number(participantActive) > 0,
      },
      coach: { status: coach.status, gender: coach.gender, caseload: coach.caseload, activePairings: Number(coachActive) },
      isCoachTrained: isTrainingComplete(coach),
      genderMismatchReason: input.genderMismatchReason,
    });
    if (late) {
      // A back-dated start may not overlap the participant's earlier pairings.
      const [{ lastEnd = null } = {}] = await tx
        .select({ lastEnd: sql<Date | null>`max(${pairings.endedAt})` })
        .from(pairings)
        .where(eq(pairings.participantId, participant.id));
      if (lastEnd && new Date(lastEnd).getTime() > startedAt.getTime()) {
        throw new DomainError('invalid_state', 'pairing_overlaps', 'This start is before the end of an earlier pairing');
      }
    }
    const [row] = await tx
      .insert(pairings)
      .values({
        id: newId(),
        programId,
        participantId: participant.id,
        coachId: coach.id,
        startedAt,
        genderMismatchReason: isGenderMismatch ? input.genderMismatchReason : null,
        createdBy: caller.actor.personId,
        ...(late ? { enteredLateBy: caller.actor.personId, enteredLateAt: now, lateReason: late.reason } : {}),
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await tx.update(participants).set({ status: 'active', updatedAt: now }).where(eq(participants.id, participant.id));
    await audit(tx, caller, now, [
      { verb: 'create', entityType: 'pairing', entityId: row.id, programId },
      { verb: 'update', entityType: 'participant', entityId: participant.id, programId },
      ...(late ? [{ verb: 'create' as const, entityType: 'late_entry', entityId: row.id, programId }] : []),
    ]);
    return present(row, `${coach.givenName} ${coach.familyName}`, caller.actor.displayName);
  });
}

/** Ends a pairing with a reason; the participant returns to `enrolled`, ready for a new coach. */
export async function endPairing(
  deps: Deps,
  caller: Caller,
  programId: string,
  pairingId: string,
  input: { reason: PairingEndReason; note: string },
): Promise<PairingView> {
  await loadProgram(deps.db, caller, programId);
  const ctx = programContext(caller, programId, 'pairing:end', { relation: 'none', hideExistence: false }, deps.clock.now());
  return deps.db.transaction(async (tx) => {
    const row = await writePairingEnd(tx, ctx, pairingId, input);
    await ctx.audit.flush(tx);
    const [coach] = await tx.select().from(coaches).where(eq(coaches.id, row.coachId));
    const [lateBy] = row.enteredLateBy
      ? await tx.select({ name: people.displayName }).from(people).where(eq(people.id, row.enteredLateBy))
      : [];
    return present(row, coach ? `${coach.givenName} ${coach.familyName}` : '', lateBy?.name ?? '');
  });
}

/**
 * Ends a pairing of the context's program in the caller's transaction (the participant waits for a
 * new coach): refused when it has already ended. Audit entries go to `ctx.audit`; the caller flushes.
 * For a use case that has authorized `pairing:end` or an action that implies it (the ladder's).
 */
export async function writePairingEnd(
  tx: Tx,
  ctx: ProgramContext,
  pairingId: string,
  input: { reason: PairingEndReason; note: string },
): Promise<typeof pairings.$inferSelect> {
  const [existing] = await tx
    .select()
    .from(pairings)
    .where(and(eq(pairings.id, pairingId), eq(pairings.programId, ctx.programId)))
    .for('update');
  if (!existing) throw new DomainError('not_found', undefined, 'Not found');
  if (existing.endedAt) throw new DomainError('conflict', 'pairing_already_ended', 'This pairing has already ended');
  const [row] = await tx
    .update(pairings)
    .set({ endedAt: ctx.now, endReason: input.reason, endNote: input.note || null })
    .where(eq(pairings.id, pairingId))
    .returning();
  await tx
    .update(participants)
    .set({ status: 'enrolled', updatedAt: ctx.now })
    .where(and(eq(participants.id, existing.participantId), eq(participants.status, 'active')));
  ctx.audit.add(
    { verb: 'update', entityType: 'pairing', entityId: pairingId },
    { verb: 'update', entityType: 'participant', entityId: existing.participantId },
  );
  if (!row) throw new Error('update returned nothing');
  return row;
}

/** A participant's pairing history, newest first (staff only). */
export async function listPairingHistory(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
): Promise<PairingView[]> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'pairing:list', { programId });
  const [participant] = await deps.db
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.id, participantId), eq(participants.programId, programId)));
  // An id outside the program answers 404 like every other route, not an empty history.
  if (!participant) throw notFound();
  const rows = await deps.db
    .select({ p: pairings, given: coaches.givenName, family: coaches.familyName, lateBy: people.displayName })
    .from(pairings)
    .innerJoin(coaches, eq(coaches.id, pairings.coachId))
    .leftJoin(people, eq(people.id, pairings.enteredLateBy))
    .where(and(eq(pairings.programId, programId), eq(pairings.participantId, participantId)))
    .orderBy(desc(pairings.startedAt));
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'read', entityType: 'pairing', entityId: participantId, programId }]);
  return rows.map((r) => present(r.p, `${r.given} ${r.family}`, r.lateBy ?? ''));
}
