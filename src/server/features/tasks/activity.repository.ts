import { sql, type SQL } from 'drizzle-orm';
import type { PairingActivity } from '../../../core/tasks';
import { selectRows, type Db } from '../../platform/database';

export interface ActivityRow extends PairingActivity {
  reachedCount: number;
  attemptCount: number;
}

/**
 * One query for the facts the task and engagement rules read, for every active pairing in a
 * program (optionally one coach's or one participant's).
 */
export async function loadPairingActivity(
  db: Db,
  scope: { programId: string; coachId?: string; participantId?: string },
): Promise<ActivityRow[]> {
  const filters: SQL[] = [sql`p.program_id = ${scope.programId}`, sql`p.ended_at is null`];
  if (scope.coachId) filters.push(sql`p.coach_id = ${scope.coachId}`);
  if (scope.participantId) filters.push(sql`p.participant_id = ${scope.participantId}`);
  const rows = await selectRows<{
    pairing_id: string;
    participant_id: string;
    coach_id: string;
    started_at: string | Date;
    intervention_started_at: string | Date;
    last_reached_at: string | Date | null;
    reached_count: number | string;
    attempt_count: number | string;
    attempts_since: number | string;
  }>(
    db,
    sql`
    select p.id as pairing_id, p.participant_id, p.coach_id, p.started_at,
      (select min(p2.started_at) from pairings p2 where p2.participant_id = p.participant_id) as intervention_started_at,
      s.last_reached_at, s.reached_count, s.attempt_count,
      (select count(*) from contacts c2 where c2.pairing_id = p.id and not c2.is_reached
         and (s.last_reached_at is null or c2.occurred_at > s.last_reached_at)) as attempts_since
    from pairings p
    join participants pt on pt.id = p.participant_id and pt.status = 'active'
    left join lateral (
      select max(c.occurred_at) filter (where c.is_reached) as last_reached_at,
             count(*) filter (where c.is_reached) as reached_count,
             count(*) as attempt_count
      from contacts c where c.pairing_id = p.id
    ) s on true
    where ${sql.join(filters, sql` and `)}`,
  );
  return rows.map((r) => ({
    pairingId: r.pairing_id,
    participantId: r.participant_id,
    coachId: r.coach_id,
    startedAt: new Date(r.started_at),
    interventionStartedAt: new Date(r.intervention_started_at),
    lastReachedAt: r.last_reached_at === null ? null : new Date(r.last_reached_at),
    attemptsSinceReached: Number(r.attempts_since),
    reachedCount: Number(r.reached_count),
    attemptCount: Number(r.attempt_count),
  }));
}
