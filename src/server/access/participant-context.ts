import { notFound } from '../../core/shared/errors';
import type { Caller, Deps } from '../platform/context';
import { findParticipants, type ParticipantRecord } from '../features/participants/participants.repository';
import { loadProgram, type Program } from '../features/programs';
import type { Action, View } from './policy';
import { programContext, type ProgramContext } from './program-context';
import { relationToParticipant } from './relations';

export interface ParticipantLoaded {
  program: Program;
  participant: ParticipantRecord;
  /** The view granted (also `ctx.view`). */
  view: View;
  ctx: ProgramContext;
}

/**
 * Authorizes `action` on one participant record and answers the context (issue #14). The one rule
 * for "hide or forbid" on a participant's records (the record, contacts, plans, check-ins,
 * progress, outreach): a participant record is personal data, so **every refusal is not found**
 * (404), whoever asks — another coach's participant, a participant asking for someone else, staff
 * of another program, and a role in the program without the action (staff recording a
 * participant's own check-in, a coach changing a participant's status). Nothing is forbidden (403)
 * here: program-level actions (lists, creating) are authorized where they are. The relation is the
 * caller's own record (`self`) or coached through the active pairing (`coach_of`).
 */
export function participantAccess(
  caller: Caller,
  participant: { id: string; programId: string; pairing: { coachId: string } | null },
  action: Action,
  now: Date,
): ProgramContext {
  const relation = relationToParticipant(caller.actor, participant);
  return programContext(caller, participant.programId, action, { relation, hideExistence: true }, now);
}

/**
 * Loads the program and one of its participants for `action`, authorized once by
 * `participantAccess`, and answers the record with the context the use case and its writes share.
 * The participant is read before the caller is authorized because the relation comes from the
 * record; a missing one is not found, like a refused one. A missing program, or no role in it, is
 * not found first (`loadProgram`).
 */
export async function loadParticipantFor(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  action: Action,
): Promise<ParticipantLoaded> {
  const program = await loadProgram(deps.db, caller, programId);
  const [participant] = await findParticipants(deps.db, { programId, ids: [participantId] });
  if (!participant) throw notFound();
  const ctx = participantAccess(caller, participant, action, deps.clock.now());
  return { program, participant, view: ctx.view, ctx };
}
