import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ParticipantStatus } from '../../../core/participants';
import type { Db, Tx } from '../../platform/database';
import { contacts } from '../contacts/contacts.table';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';
import { actionPlans } from '../plans/plans.table';
import { programs } from '../programs/programs.table';
import { sessionGuides } from './guidance.table';

/** Everything finishing a guide needs to know before it writes, read in one statement (issue #14). */
export interface GuideTarget {
  program: typeof programs.$inferSelect;
  /** Null when the program has no such participant. */
  participant: {
    id: string;
    programId: string;
    status: ParticipantStatus;
    pairing: { id: string; coachId: string; startedAt: Date } | null;
  } | null;
  /** The participant's current plan: the latest one not yet reviewed (as `currentPlanOf` picks it). */
  currentPlanId: string | null;
  /** What was already saved under the client key (a retry, or a key used for someone else). */
  saved: {
    guide: typeof sessionGuides.$inferSelect | null;
    contact: { id: string; participantId: string; topics: string[] } | null;
    plan: { id: string; participantId: string } | null;
  };
}

/**
 * The program, the participant's status and active pairing, the current plan's id and whatever
 * the program already holds under the client key, in one round trip; null when there is no such
 * program. Unscoped: the caller authorizes against the relation this returns before using the rest.
 */
export async function guideTarget(
  db: Db | Tx,
  programId: string,
  participantId: string,
  clientKey: string,
): Promise<GuideTarget | null> {
  // Ties on created_at go to the lower id, as currentPlanOf does over plans ordered by (created_at, id).
  const currentPlanId = sql<string | null>`(
    select cp.id from ${actionPlans} cp
    where cp.program_id = ${programs.id} and cp.participant_id = ${participants.id} and cp.reviewed_at is null
    order by cp.created_at desc, cp.id asc limit 1)`;
  const [row] = await db
    .select({
      program: programs,
      participant: { id: participants.id, status: participants.status },
      pairing: { id: pairings.id, coachId: pairings.coachId, startedAt: pairings.startedAt },
      currentPlanId,
      guide: sessionGuides,
      contact: { id: contacts.id, participantId: contacts.participantId, topics: contacts.topics },
      plan: { id: actionPlans.id, participantId: actionPlans.participantId },
    })
    .from(programs)
    .leftJoin(participants, and(eq(participants.programId, programs.id), eq(participants.id, participantId)))
    .leftJoin(pairings, and(eq(pairings.participantId, participants.id), isNull(pairings.endedAt)))
    .leftJoin(sessionGuides, and(eq(sessionGuides.programId, programs.id), eq(sessionGuides.clientKey, clientKey)))
    .leftJoin(contacts, and(eq(contacts.programId, programs.id), eq(contacts.clientKey, clientKey)))
    .leftJoin(actionPlans, and(eq(actionPlans.programId, programs.id), eq(actionPlans.clientKey, clientKey)))
    .where(eq(programs.id, programId));
  if (!row) return null;
  return {
    program: row.program,
    participant: row.participant
      ? { id: row.participant.id, programId, status: row.participant.status, pairing: row.pairing }
      : null,
    currentPlanId: row.participant ? row.currentPlanId : null,
    saved: { guide: row.guide, contact: row.contact, plan: row.plan },
  };
}
