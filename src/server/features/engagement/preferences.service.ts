/** Engagement: a coach's own preferences for how staff and participants reach him or her. */
import { and, eq } from 'drizzle-orm';
import { checkReachWindow, type CoachPreferencesUpdate, type CoachPreferencesView, localDateOf } from '../../../core/engagement';
import { notFound } from '../../../core/shared/errors';
import { loadCoachFor } from '../../access/coach-context';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { coaches } from '../coaches/coaches.table';

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
  const { coach } = await loadCoachFor(deps, caller, programId, coachId, 'coach:preferences');
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
  const { program, coach: before } = await loadCoachFor(deps, caller, programId, coachId, 'coach:preferences');
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
