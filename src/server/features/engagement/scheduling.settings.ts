/** Scheduling: the program's scheduling settings (video room, reminders). */
import { eq } from 'drizzle-orm';
import { DEFAULT_SCHEDULING, type SchedulingSettings } from '../../../core/engagement';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { loadProgram } from '../programs';
import { schedulingSettings } from './engagement.table';

/** The program's scheduling settings, or the defaults when none are stored. */
export async function settingsOf(db: Db | Tx, programId: string): Promise<SchedulingSettings> {
  const [row] = await db.select().from(schedulingSettings).where(eq(schedulingSettings.programId, programId));
  return row
    ? { videoRoomTemplate: row.videoRoomTemplate, reminderLeadHours: row.reminderLeadHours, textReminders: row.textReminders }
    : { ...DEFAULT_SCHEDULING };
}

export async function getSchedulingSettings(deps: Deps, caller: Caller, programId: string): Promise<SchedulingSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'scheduling:configure', { programId });
  return settingsOf(deps.db, programId);
}

export async function updateSchedulingSettings(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: SchedulingSettings,
): Promise<SchedulingSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'scheduling:configure', { programId });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(schedulingSettings)
      .values({ programId, ...input, updatedAt: now })
      .onConflictDoUpdate({ target: schedulingSettings.programId, set: { ...input, updatedAt: now } });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'scheduling_settings', entityId: programId, programId }]);
  });
  return settingsOf(deps.db, programId);
}
