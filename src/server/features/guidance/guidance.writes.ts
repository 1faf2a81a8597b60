import { and, eq } from 'drizzle-orm';
import type { ProgramContext } from '../../access/program-context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { guideDrafts, sessionGuides } from './guidance.table';

/**
 * Writing guided sessions and deleting drafts for use cases that have already loaded and authorized
 * (ADR 0045). Audit entries go to the context's log, written by the use case in one insert.
 */

export type GuideRow = typeof sessionGuides.$inferSelect;

/** Inserts the record of a finished guided session in the caller's transaction. */
export async function insertGuide(
  tx: Db | Tx,
  ctx: ProgramContext,
  values: Omit<typeof sessionGuides.$inferInsert, 'id' | 'programId' | 'createdBy' | 'createdAt'>,
): Promise<GuideRow> {
  const id = newId();
  const [row] = await tx
    .insert(sessionGuides)
    .values({ ...values, id, programId: ctx.programId, createdBy: ctx.caller.actor.personId, createdAt: ctx.now })
    .returning();
  if (!row) throw new Error('session guide not saved');
  ctx.audit.add({ verb: 'create', entityType: 'session_guide', entityId: id });
  return row;
}

/** Deletes the caller's draft of this participant's guide, if any, in the caller's transaction. */
export async function removeGuideDraft(
  tx: Db | Tx,
  ctx: Pick<ProgramContext, 'caller' | 'programId' | 'audit'>,
  participantId: string,
): Promise<boolean> {
  const gone = await tx
    .delete(guideDrafts)
    .where(
      and(
        eq(guideDrafts.programId, ctx.programId),
        eq(guideDrafts.participantId, participantId),
        eq(guideDrafts.personId, ctx.caller.actor.personId),
      ),
    )
    .returning({ id: guideDrafts.id });
  ctx.audit.add(...gone.map((g) => ({ verb: 'delete' as const, entityType: 'guide_draft', entityId: g.id })));
  return gone.length > 0;
}
