/** Engagement: a coach's own preferences for how staff and participants reach him or her. */
import { and, eq } from 'drizzle-orm';
import { checkReachWindow, type CoachPreferencesUpdate, type CoachPreferencesView, localDateOf } from '../../../core/engagement';
import { notFound } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db } from '../../platform/database';
import { coaches } from '../coaches/coaches.table';
import { loadProgram } from '../programs';
import { relationToCoach } from '../../access/relations';

async function loadCoachFor(db: Db, caller: Caller, programId: string, coachId: string) {
  const [coach] = await db
    .select()
    .from(coaches)
    .where(and(eq(coaches.id, coachId), eq(coaches.programId, programId)));
  if (!coach) throw notFound();
  const isSelf = relationToCoach(caller.actor, programId, coachId) === 'self';
  authorize(caller.actor, 'coach:preferences', { programId, relation: isSelf ? 'self' : 'none', hideExistence: true });
  return coach;
}

function presentCoachPreferences(c: typeof coaches.$inferSelect): CoachPreferencesView {
  return {
    coachId: c.id,
    preferredChannel: c.preferredChannel,
    preferredTimes: c.preferredTimes,
    contactNotes: c.contactNotes,
    preferredDays: c.preferredDays,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    contactPausedUntil: c.contactPausedUntil,
  };
}

/** A coach's own preferences for being reached (the coach, or staff). */
export async function getCoachPreferences(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
): Promise<CoachPreferencesView> {
  await loadProgram(deps.db, caller, programId);
  const coach = await loadCoachFor(deps.db, caller, programId, coachId);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'read', entityType: 'coach', entityId: coachId, programId }]);
  return presentCoachPreferences(coach);
}

/** Changes how and when a coach prefers to be reached; the coach edits his or her own, staff anyone's. */
export async function updateCoachPreferences(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
  input: CoachPreferencesUpdate,
): Promise<CoachPreferencesView> {
  const program = await loadProgram(deps.db, caller, programId);
  const before = await loadCoachFor(deps.db, caller, programId, coachId);
  const now = deps.clock.now();
  checkReachWindow(
    {
      notBefore: input.notBefore === undefined ? before.notBefore : input.notBefore,
      notAfter: input.notAfter === undefined ? before.notAfter : input.notAfter,
      contactPausedUntil: input.contactPausedUntil === undefined ? before.contactPausedUntil : input.contactPausedUntil,
    },
    { today: localDateOf(now, program.timeZone), storedPausedUntil: before.contactPausedUntil },
  );
  const [row] = await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(coaches)
      .set({ ...input, updatedAt: now })
      .where(and(eq(coaches.id, coachId), eq(coaches.programId, programId)))
      .returning();
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'coach', entityId: coachId, programId }]);
    return updated;
  });
  if (!row) throw notFound();
  return presentCoachPreferences(row);
}
