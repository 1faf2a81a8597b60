import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/database';
import { scheduledSessions } from '../engagement/engagement.table';
import { sessionGuides } from '../guidance/guidance.table';
import { pairings } from '../pairings/pairings.table';

/*
 * What a pair agreed (ADR 0017), read for the task rules by the participant's record and by the
 * coach's tasks: the next scheduled session and the next contact agreed in the latest guide. Plain
 * reads of the engagement and guidance tables, kept here below both features: participants read
 * them, and engagement and guidance use participants, so importing them from those features'
 * index files made an import cycle (ADR 0047).
 */

type ScheduledSessionRow = typeof scheduledSessions.$inferSelect;

/**
 * For the task rules (ADR 0017): per pairing of the program (or of one coach), the next session still
 * marked scheduled that has not ended, else the last one that ended in the past week. Not audited:
 * the callers audit their reads.
 */
export async function nextSessionsOf(
  db: Db | Tx,
  scope: { programId: string; coachId?: string },
  now: Date,
): Promise<Map<string, { startsAt: Date; durationMinutes: number; modality: ScheduledSessionRow['modality'] }>> {
  const out = new Map<string, { startsAt: Date; durationMinutes: number; modality: ScheduledSessionRow['modality'] }>();
  const rows = await db
    .select({
      pairingId: scheduledSessions.pairingId,
      startsAt: scheduledSessions.startsAt,
      durationMinutes: scheduledSessions.durationMinutes,
      modality: scheduledSessions.modality,
    })
    .from(scheduledSessions)
    .where(
      and(
        eq(scheduledSessions.programId, scope.programId),
        scope.coachId ? eq(scheduledSessions.coachId, scope.coachId) : undefined,
        eq(scheduledSessions.status, 'scheduled'),
        gt(scheduledSessions.startsAt, new Date(now.getTime() - 7 * 86_400_000)),
      ),
    )
    .orderBy(asc(scheduledSessions.startsAt));
  const ended = (x: { startsAt: Date; durationMinutes: number }) =>
    x.startsAt.getTime() + x.durationMinutes * 60_000 <= now.getTime();
  for (const r of rows) {
    const seen = out.get(r.pairingId);
    // Rows come soonest first: keep the first that has not ended; until one shows, the latest ended one.
    if (!seen || ended(seen))
      out.set(r.pairingId, { startsAt: r.startsAt, durationMinutes: r.durationMinutes, modality: r.modality });
  }
  return out;
}

/**
 * For the task rules (ADR 0017): per participant of the program (or paired now with one coach), the
 * next contact agreed in his or her latest guided session, with whichever coach (null when none was
 * agreed there). Not audited: the callers audit their reads.
 */
export async function agreedNextContacts(
  db: Db,
  scope: { programId: string; coachId?: string },
): Promise<Map<string, { on: string; agreedAt: Date } | null>> {
  const out = new Map<string, { on: string; agreedAt: Date } | null>();
  const columns = { participantId: sessionGuides.participantId, on: sessionGuides.nextContactOn, at: sessionGuides.createdAt };
  const rows = scope.coachId
    ? await db
        .select(columns)
        .from(sessionGuides)
        .innerJoin(
          pairings,
          and(
            eq(pairings.participantId, sessionGuides.participantId),
            isNull(pairings.endedAt),
            eq(pairings.coachId, scope.coachId),
          ),
        )
        .where(eq(sessionGuides.programId, scope.programId))
        .orderBy(desc(sessionGuides.createdAt))
    : await db
        .select(columns)
        .from(sessionGuides)
        .where(eq(sessionGuides.programId, scope.programId))
        .orderBy(desc(sessionGuides.createdAt));
  for (const r of rows) {
    if (!out.has(r.participantId)) out.set(r.participantId, r.on ? { on: r.on, agreedAt: r.at } : null);
  }
  return out;
}
