import { and, eq, gt, lte } from 'drizzle-orm';
import { draftCutoff, type GuideDraftInput, type GuideDraftView } from '../../../core/guidance';
import { DomainError } from '../../../core/shared/errors';
import { auditLog } from '../../access/program-context';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { guideDrafts, sessionGuides } from './guidance.table';
import { loadForGuide } from './guidance.service';
import { removeGuideDraft } from './guidance.writes';

/**
 * Guide drafts (issue #16, ADR 0035): what the coach has entered in the session guide so far. Same
 * access as running the guide (the participant's coach, or staff; others answer not found), and each
 * person sees only his or her own draft. Reads and writes are audited as personal data.
 */

const present = (row: typeof guideDrafts.$inferSelect): GuideDraftView => ({
  clientKey: row.clientKey,
  step: row.step,
  answers: row.answers,
  savedAt: row.savedAt.toISOString(),
});

/** The caller's draft of this participant's guide, or null (none, or older than the keeping limit). */
export async function getGuideDraft(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
): Promise<GuideDraftView | null> {
  await loadForGuide(deps, caller, programId, participantId);
  const now = deps.clock.now();
  const [row] = await deps.db
    .select()
    .from(guideDrafts)
    .where(
      and(
        eq(guideDrafts.programId, programId),
        eq(guideDrafts.participantId, participantId),
        eq(guideDrafts.personId, caller.actor.personId),
        gt(guideDrafts.savedAt, draftCutoff(now)),
      ),
    );
  if (!row) return null;
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'guide_draft', entityId: row.id, programId }]);
  return present(row);
}

/** Saves (or replaces) the caller's draft; refused once the session with its key has been finished. */
export async function saveGuideDraft(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  input: GuideDraftInput,
): Promise<GuideDraftView> {
  await loadForGuide(deps, caller, programId, participantId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // A late save from another tab after "Finish session" must not bring the draft back.
    const [finished] = await tx
      .select({ id: sessionGuides.id })
      .from(sessionGuides)
      .where(and(eq(sessionGuides.programId, programId), eq(sessionGuides.clientKey, input.clientKey)));
    if (finished) {
      throw new DomainError('conflict', 'guide_already_finished', 'This session has already been finished and saved');
    }
    const [row] = await tx
      .insert(guideDrafts)
      .values({
        id: newId(),
        programId,
        participantId,
        personId: caller.actor.personId,
        clientKey: input.clientKey,
        step: input.step,
        answers: input.answers,
        createdAt: now,
        savedAt: now,
      })
      .onConflictDoUpdate({
        target: [guideDrafts.participantId, guideDrafts.personId],
        set: { programId, clientKey: input.clientKey, step: input.step, answers: input.answers, savedAt: now },
      })
      .returning();
    if (!row) throw new Error('guide draft not saved');
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'guide_draft', entityId: row.id, programId }]);
    return present(row);
  });
}

/** Deletes the caller's draft of this participant's guide, if any (inside the caller's transaction). */
export async function deleteGuideDraftIn(
  db: Db | Tx,
  caller: Caller,
  programId: string,
  participantId: string,
  now: Date,
): Promise<boolean> {
  const log = auditLog(caller, programId, now);
  const gone = await removeGuideDraft(db, { caller, programId, audit: log }, participantId);
  await log.flush(db);
  return gone;
}

/** "Start over": the caller's draft is deleted. */
export async function discardGuideDraft(deps: Deps, caller: Caller, programId: string, participantId: string): Promise<void> {
  await loadForGuide(deps, caller, programId, participantId);
  const now = deps.clock.now();
  await deps.db.transaction((tx) => deleteGuideDraftIn(tx, caller, programId, participantId, now));
}

/** The timed sweep: drafts older than the keeping limit are deleted (nobody will resume them). */
export async function sweepGuideDrafts(deps: Deps, now: Date): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const gone = await tx
      .delete(guideDrafts)
      .where(lte(guideDrafts.savedAt, draftCutoff(now)))
      .returning({ id: guideDrafts.id, programId: guideDrafts.programId });
    await audit(
      tx,
      { actor: null, requestId: 'job:guide-drafts', ip: null },
      now,
      gone.map((g) => ({ verb: 'delete' as const, entityType: 'guide_draft', entityId: g.id, programId: g.programId })),
    );
    return gone.length;
  });
}
