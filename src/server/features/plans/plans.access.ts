/** Plans: loading the participant or plan a caller acts on, once, with the caller's view. */
import { DomainError, notFound } from '../../../core/shared/errors';
import { authorize, type Action, type View } from '../../access/policy';
import { auditLog, type ProgramContext } from '../../access/program-context';
import type { Caller, Deps } from '../../platform/context';
import { findParticipants, type ParticipantRecord } from '../participants';
import { loadProgram, type Program } from '../programs';
import { findPlans, sharesWithCoach, type PlanRecord } from './plans.repository';
import { relationToParticipant } from '../../access/relations';

interface Loaded {
  program: Program;
  participant: ParticipantRecord;
  view: View;
}

/** Loads a participant the caller may act on; records outside the caller's reach answer not found. */
export async function loadParticipantFor(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  action: Action,
): Promise<Loaded> {
  const program = await loadProgram(deps.db, caller, programId);
  const [participant] = await findParticipants(deps.db, { programId, ids: [participantId] });
  if (!participant) throw notFound();
  const view = authorize(caller.actor, action, {
    programId,
    relation: relationToParticipant(caller.actor, participant),
    hideExistence: true,
  });
  return { program, participant, view };
}

/** Loads the plan named by id, its participant's plans and the participant, for an action on it. */
export async function loadPlanFor(
  deps: Deps,
  caller: Caller,
  programId: string,
  planId: string,
  action: Action,
): Promise<Loaded & { plan: PlanRecord; plans: PlanRecord[] }> {
  await loadProgram(deps.db, caller, programId);
  const [found] = await findPlans(deps.db, { programId, planId });
  if (!found) throw notFound();
  const loaded = await loadParticipantFor(deps, caller, programId, found.participantId, action);
  const plans = await findPlans(deps.db, { programId, participantId: found.participantId });
  const plan = plans.find((p) => p.id === planId);
  if (!plan) throw notFound();
  return { ...loaded, plan, plans };
}

/** The context the plan writes take, for a participant this use case has already loaded and authorized. */
export function contextOf(
  caller: Caller,
  programId: string,
  participant: ParticipantRecord,
  view: View,
  now: Date,
): ProgramContext {
  return {
    caller,
    programId,
    relation: relationToParticipant(caller.actor, participant),
    view,
    now,
    audit: auditLog(caller, programId, now),
  };
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
