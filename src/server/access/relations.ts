import type { Actor } from './actor';
import type { Relation } from './policy';

/**
 * How the caller stands to the records a use case acts on: the only place that reads which coach or
 * participant record an actor is (issue #14). Features ask here and pass the answer to `authorize`
 * or `programContext`; lint refuses reading `actor.coachIds` or `actor.participantIds` anywhere else.
 */

/** How an actor stands to a participant record: his or her own, coached through an active pairing, or neither. */
export function relationToParticipant(
  actor: Actor,
  p: { id: string; programId: string; pairing: { coachId: string } | null },
): Relation {
  if (actor.participantIds.get(p.programId) === p.id) return 'self';
  const coachId = actor.coachIds.get(p.programId);
  if (coachId && p.pairing?.coachId === coachId) return 'coach_of';
  return 'none';
}

/** How an actor stands to a pairing: its participant, its coach while it is active, or neither. */
export function relationToPairing(
  actor: Actor,
  programId: string,
  pairing: { participantId: string; coachId: string; endedAt: Date | null },
): Relation {
  if (actor.participantIds.get(programId) === pairing.participantId) return 'self';
  if (!pairing.endedAt && actor.coachIds.get(programId) === pairing.coachId) return 'coach_of';
  return 'none';
}

/** Whether a coach record is the actor's own. */
export function relationToCoach(actor: Actor, programId: string, coachId: string): 'self' | 'none' {
  return actor.coachIds.get(programId) === coachId ? 'self' : 'none';
}

/** Whether a participant record is the actor's own (never "coach of": for records only their owner and staff see). */
export function relationToOwnParticipant(actor: Actor, programId: string, participantId: string): 'self' | 'none' {
  return actor.participantIds.get(programId) === participantId ? 'self' : 'none';
}

/** The coach record the actor is in a program, if any (to scope a coach's lists to his or her own pairs). */
export function ownCoachId(actor: Actor, programId: string): string | undefined {
  return actor.coachIds.get(programId);
}

/** The participant record the actor is in a program, if any. */
export function ownParticipantId(actor: Actor, programId: string): string | undefined {
  return actor.participantIds.get(programId);
}

/** Every participant record the actor is, across programs (for the account's own pages). */
export function ownParticipantIds(actor: Actor): string[] {
  return [...actor.participantIds.values()];
}
