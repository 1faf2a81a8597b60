/**
 * Scheduling: loading the pair or the session a caller acts on, with how the caller stands to the pair.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { notFound } from '../../../core/shared/errors';
import { authorize, type View } from '../../access/policy';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { coaches } from '../coaches/coaches.table';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';
import { scheduledSessions } from './engagement.table';
import { relationToPairing } from '../../access/relations';

export type SessionRow = typeof scheduledSessions.$inferSelect;

type ParticipantRow = typeof participants.$inferSelect;

type CoachRow = typeof coaches.$inferSelect;

type PairingRow = typeof pairings.$inferSelect;

export interface Pair {
  pairing: PairingRow;
  participant: ParticipantRow;
  coach: CoachRow;
}

export async function readPair(
  db: Db | Tx,
  programId: string,
  where: { pairingId: string } | { participantId: string },
): Promise<Pair | null> {
  const [row] = await db
    .select({ pairing: pairings, participant: participants, coach: coaches })
    .from(pairings)
    .innerJoin(participants, eq(participants.id, pairings.participantId))
    .innerJoin(coaches, eq(coaches.id, pairings.coachId))
    .where(
      and(
        eq(pairings.programId, programId),
        'pairingId' in where
          ? eq(pairings.id, where.pairingId)
          : and(eq(pairings.participantId, where.participantId), isNull(pairings.endedAt)),
      ),
    );
  return row ?? null;
}

/** Loads a pairing of the program with its two people and authorizes the caller on it (unseen pairs are "not found"). */
export async function loadPairFor(
  db: Db | Tx,
  caller: Caller,
  programId: string,
  pairingId: string,
  action: 'session:view' | 'session:schedule',
): Promise<Pair & { view: View }> {
  const pair = await readPair(db, programId, { pairingId });
  if (!pair) throw notFound();
  const relation = relationToPairing(caller.actor, programId, pair.pairing);
  const view = authorize(caller.actor, action, { programId, relation, hideExistence: relation === 'none' });
  return { ...pair, view };
}

export async function lockSession(tx: Tx, programId: string, sessionId: string): Promise<SessionRow> {
  const [row] = await tx
    .select()
    .from(scheduledSessions)
    .where(and(eq(scheduledSessions.id, sessionId), eq(scheduledSessions.programId, programId)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

export async function loadSessionFor(
  deps: Deps,
  caller: Caller,
  programId: string,
  sessionId: string,
  action: 'session:view' | 'session:schedule',
) {
  const [row] = await deps.db
    .select()
    .from(scheduledSessions)
    .where(and(eq(scheduledSessions.id, sessionId), eq(scheduledSessions.programId, programId)));
  if (!row) throw notFound();
  return { row, pair: await loadPairFor(deps.db, caller, programId, row.pairingId, action) };
}
