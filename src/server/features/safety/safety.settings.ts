/** Safety: the program's crisis information and safety settings. */
import type { SafetySettings } from '../../../core/safety';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { loadProgram } from '../programs';
import { loadSafetySettings } from './safety.repository';
import { safetySettings } from './safety.table';

/** The crisis information for anyone in the program. Not personal data, so not audited. */
export async function getCrisisInfo(deps: Deps, caller: Caller, programId: string): Promise<SafetySettings['crisis']> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'crisis:view', { programId });
  return (await loadSafetySettings(deps.db, programId)).crisis;
}

/** The program's safety settings (safety contacts' addresses are read, so the read is audited). */
export async function getSafetySettings(deps: Deps, caller: Caller, programId: string): Promise<SafetySettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'safety:configure', { programId });
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'safety_settings', entityId: programId, programId },
  ]);
  return loadSafetySettings(deps.db, programId);
}

/** Staff set who is alerted and what crisis information is shown (for programs outside the United States too). */
export async function updateSafetySettings(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: SafetySettings,
): Promise<SafetySettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'safety:configure', { programId });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const values = {
      safetyContacts: input.safetyContacts,
      crisis: input.crisis,
      updatedAt: now,
      updatedBy: caller.actor.personId,
    };
    await tx
      .insert(safetySettings)
      .values({ programId, ...values })
      .onConflictDoUpdate({ target: safetySettings.programId, set: values });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'safety_settings', entityId: programId, programId }]);
  });
  return loadSafetySettings(deps.db, programId);
}
