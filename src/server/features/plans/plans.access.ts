/** Plans: loading the participant or plan a caller acts on, once, with the caller's view. */
import { DomainError, notFound } from '../../../core/shared/errors';
import { loadParticipantFor, type ParticipantLoaded } from '../../access/participant-context';
import type { Action, View } from '../../access/policy';
import type { Caller, Deps } from '../../platform/context';
import type { ParticipantRecord } from '../participants';
import { loadProgram } from '../programs';
import { findPlans, sharesWithCoach, type PlanRecord } from './plans.repository';

/** Loads the plan named by id, its participant's plans and the participant, for an action on it. */
export async function loadPlanFor(
  deps: Deps,
  caller: Caller,
  programId: string,
  planId: string,
  action: Action,
): Promise<ParticipantLoaded & { plan: PlanRecord; plans: PlanRecord[] }> {
  await loadProgram(deps.db, caller, programId);
  const [found] = await findPlans(deps.db, { programId, planId });
  if (!found) throw notFound();
  const loaded = await loadParticipantFor(deps, caller, programId, found.participantId, action);
  const plans = await findPlans(deps.db, { programId, participantId: found.participantId });
  const plan = plans.find((p) => p.id === planId);
  if (!plan) throw notFound();
  return { ...loaded, plan, plans };
}

/** Plans, check-ins and notes belong to people still in the program. */
export function checkInProgram(p: ParticipantRecord): void {
  if (p.status !== 'enrolled' && p.status !== 'active') {
    throw new DomainError('invalid_state', 'participant_not_in_program', 'The participant is not taking part in the program now');
  }
}

/** May the caller see check-ins and the practice log? Staff and the participant always; the coach if shared. */
export async function maySeeTracking(deps: Deps, view: View, participantId: string): Promise<boolean> {
  if (view !== 'coaching') return true;
  return sharesWithCoach(deps.db, participantId);
}
