/**
 * Scheduling: a participant's sessions and a coach's upcoming ones, for My coach, Today and tasks.
 */
import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import { type ScheduledSessionView } from '../../../core/engagement';
import { notFound } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { coaches } from '../coaches/coaches.table';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';
import { loadProgram, type Program } from '../programs';
import { scheduledSessions } from './engagement.table';
import { readPair } from './scheduling.access';
import { present } from './scheduling.presenter';
import { relationToOwnParticipant, relationToPairing } from '../../access/relations';

export interface ParticipantSessions {
  pairingId: string | null;
  /** Whether the caller may schedule for this pair. */
  canSchedule: boolean;
  /** Scheduled sessions that have not ended, soonest first. */
  upcoming: ScheduledSessionView[];
}

/** A participant's upcoming sessions with the current coach: for the participant, the coach and staff. */
export async function participantSessions(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
): Promise<ParticipantSessions> {
  const program = await loadProgram(deps.db, caller, programId);
  const pair = await readPair(deps.db, programId, { participantId });
  const now = deps.clock.now();
  if (!pair) {
    // Not paired: only someone who may see the participant learns that.
    const [p] = await deps.db
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.id, participantId), eq(participants.programId, programId)));
    if (!p) throw notFound();
    const isSelf = relationToOwnParticipant(caller.actor, programId, participantId) === 'self';
    authorize(caller.actor, 'session:view', { programId, relation: isSelf ? 'self' : 'none', hideExistence: true });
    return { pairingId: null, canSchedule: false, upcoming: [] };
  }
  const relation = relationToPairing(caller.actor, programId, pair.pairing);
  const view = authorize(caller.actor, 'session:view', { programId, relation, hideExistence: true });
  const rows = await deps.db
    .select()
    .from(scheduledSessions)
    .where(
      and(
        eq(scheduledSessions.pairingId, pair.pairing.id),
        eq(scheduledSessions.status, 'scheduled'),
        gt(scheduledSessions.startsAt, new Date(now.getTime() - 3 * 3_600_000)),
      ),
    )
    .orderBy(asc(scheduledSessions.startsAt));
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'scheduled_session', entityId: participantId, programId }]);
  const canSchedule = view !== 'self' && ['full', 'coaching'].includes(view);
  return {
    pairingId: pair.pairing.id,
    canSchedule,
    upcoming: rows
      .filter((r) => r.startsAt.getTime() + r.durationMinutes * 60_000 > now.getTime())
      .map((r) => present(r, program, pair, view)),
  };
}

/** A coach's scheduled sessions in the next `days` days (from now; those under way included), with the participants' names. */
export async function coachUpcomingSessions(
  deps: Deps,
  program: Program,
  coachId: string,
  now: Date,
  days: number,
): Promise<ScheduledSessionView[]> {
  const rows = await deps.db
    .select({ session: scheduledSessions, pairing: pairings, participant: participants, coach: coaches })
    .from(scheduledSessions)
    .innerJoin(pairings, and(eq(pairings.id, scheduledSessions.pairingId), isNull(pairings.endedAt)))
    .innerJoin(participants, eq(participants.id, scheduledSessions.participantId))
    .innerJoin(coaches, eq(coaches.id, scheduledSessions.coachId))
    .where(
      and(
        eq(scheduledSessions.programId, program.id),
        eq(scheduledSessions.coachId, coachId),
        eq(scheduledSessions.status, 'scheduled'),
        gt(scheduledSessions.startsAt, new Date(now.getTime() - 3 * 3_600_000)),
        lte(scheduledSessions.startsAt, new Date(now.getTime() + days * 86_400_000)),
      ),
    )
    .orderBy(asc(scheduledSessions.startsAt));
  return rows
    .filter((r) => r.session.startsAt.getTime() + r.session.durationMinutes * 60_000 > now.getTime())
    .map((r) => present(r.session, program, r, 'coaching'));
}
