import { sql, type SQL } from 'drizzle-orm';
import type { RecordedStep } from '../../../core/engagement';
import type { PairingActivity } from '../../../core/tasks';
import { selectRows, type Db, type Tx } from '../../platform/database';
import { calendarDateOf } from '../../../core/shared/time';

/** Which active pairings: a program's, optionally one coach's, one participant's, or the ones named. */
export interface ActivityScope {
  programId: string;
  coachId?: string;
  participantId?: string;
  /** Not empty when given (a page of "Pairs that need help"). */
  pairingIds?: readonly string[];
}

export interface ActivityRow extends PairingActivity {
  /** Reached contacts and attempts in this pairing. */
  reachedCount: number;
  attemptCount: number;
  /** Reached contacts of the participant across all pairings inside the intervention window (toward the target). */
  participantReached: number;
  /** Reached contacts of the participant after the window (first pairing + program length): not counted. */
  participantReachedOutside: number;
  /** Attempts of the participant across all pairings. */
  participantAttempts: number;
}

/** With `detail`: names and the coach's activity since `since`, for "Pairs that need help". */
export interface ActivityDetail {
  participantName: string;
  coachName: string;
  coachAttempts: number;
  coachReached: number;
  /** When staff last recorded a check-in call for this pairing. */
  acts: { step: RecordedStep; episodeStartedAt: Date; actedAt: Date }[];
}

type Raw = {
  pairing_id: string;
  participant_id: string;
  coach_id: string;
  started_at: string | Date;
  intervention_started_at: string | Date;
  contact_paused_until: string | Date | null;
  last_reached_at: string | Date | null;
  reached_count: number | string;
  attempt_count: number | string;
  participant_reached: number | string;
  participant_reached_outside: number | string;
  participant_attempts: number | string;
  attempts_since: number | string;
  acted: { step: RecordedStep; episode_started_at: string; acted_at: string }[] | string | null;
  participant_name?: string;
  coach_name?: string;
  coach_attempts?: number | string | null;
  coach_reached?: number | string | null;
};

/** The SQL of `loadPairingActivity`; exported for the benchmark's raw-SQL floor (bench/sql.ts). */
export function pairingActivitySql(scope: ActivityScope, detail?: { since: Date }): SQL {
  const filters: SQL[] = [sql`p.program_id = ${scope.programId}`, sql`p.ended_at is null`];
  if (scope.coachId) filters.push(sql`p.coach_id = ${scope.coachId}`);
  if (scope.participantId) filters.push(sql`p.participant_id = ${scope.participantId}`);
  const ids = scope.pairingIds
    ? sql`(${sql.join(
        scope.pairingIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : null;
  if (ids) filters.push(sql`p.id in ${ids}`);
  // The dose (participant_reached) counts only reached contacts inside the window: first pairing +
  // the program's length (ADR 0023); the ones after it are counted apart.
  return sql`
    ${
      detail
        ? sql`with coach_recent as (
      select c.coach_id, count(*) as attempts, count(*) filter (where c.is_reached) as reached
      from contacts c where c.program_id = ${scope.programId} and c.occurred_at >= ${detail.since.toISOString()}
      ${ids ? sql`and c.coach_id in (select p3.coach_id from pairings p3 where p3.id in ${ids})` : sql``}
      group by c.coach_id
    )`
        : sql``
    }
    select p.id as pairing_id, p.participant_id, p.coach_id, p.started_at,
      w.intervention_started_at,
      pt.contact_paused_until,
      s.last_reached_at, s.reached_count, s.attempt_count, s.participant_reached, s.participant_reached_outside,
      s.participant_attempts,
      (select count(*) from contacts c2 where c2.pairing_id = p.id and not c2.is_reached
         and (s.last_reached_at is null or c2.occurred_at > s.last_reached_at)) as attempts_since,
      (select json_agg(json_build_object('step', e.step, 'episode_started_at', e.episode_started_at, 'acted_at', e.acted_at))
         from ladder_events e where e.pairing_id = p.id and e.acted_at is not null) as acted
      ${
        detail
          ? sql`, pt.given_name || ' ' || pt.family_name as participant_name, co.given_name || ' ' || co.family_name as coach_name,
      cr.attempts as coach_attempts, cr.reached as coach_reached`
          : sql``
      }
    from pairings p
    join participants pt on pt.id = p.participant_id and pt.status = 'active'
    join programs pr on pr.id = p.program_id
    cross join lateral (
      select min(p2.started_at) as intervention_started_at from pairings p2 where p2.participant_id = p.participant_id
    ) w
    left join lateral (
      select max(c.occurred_at) filter (where c.is_reached and c.pairing_id = p.id) as last_reached_at,
             count(*) filter (where c.is_reached and c.pairing_id = p.id) as reached_count,
             count(*) filter (where c.pairing_id = p.id) as attempt_count,
             count(*) filter (where c.is_reached
               and c.occurred_at < w.intervention_started_at + pr.length_days * interval '1 day') as participant_reached,
             count(*) filter (where c.is_reached
               and c.occurred_at >= w.intervention_started_at + pr.length_days * interval '1 day') as participant_reached_outside,
             count(*) as participant_attempts
      from contacts c where c.participant_id = p.participant_id
    ) s on true
    ${detail ? sql`join coaches co on co.id = p.coach_id left join coach_recent cr on cr.coach_id = p.coach_id` : sql``}
    where ${sql.join(filters, sql` and `)}`;
}

/**
 * One query for the facts the task, ladder and engagement rules read, for every active pairing in
 * a program (optionally one coach's or one participant's); with `detail`, also the names and each
 * coach's contacts since `detail.since`, for "Pairs that need help".
 */
export async function loadPairingActivity(db: Db | Tx, scope: ActivityScope): Promise<ActivityRow[]>;
export async function loadPairingActivity(
  db: Db | Tx,
  scope: ActivityScope,
  detail: { since: Date },
): Promise<(ActivityRow & ActivityDetail)[]>;
export async function loadPairingActivity(
  db: Db | Tx,
  scope: ActivityScope,
  detail?: { since: Date },
): Promise<ActivityRow[] | (ActivityRow & ActivityDetail)[]> {
  const query = pairingActivitySql(scope, detail);
  const isProgramWide = !scope.coachId && !scope.participantId && !scope.pairingIds;
  // Program-wide, the planner's estimate (a lookup per pair) crosses PostgreSQL's JIT threshold, and
  // compiling the plan took longer than running it: 480 of 850 ms at 10,000 participants
  // (docs/BENCHMARKS.md). SET LOCAL turns JIT off for this read only; PGlite has no JIT.
  const rows = isProgramWide
    ? await db.transaction(async (tx) => {
        await tx.execute(sql`set local jit = off`);
        return selectRows<Raw>(tx, query);
      })
    : await selectRows<Raw>(db, query);
  return rows.map((r) => {
    const acted = (typeof r.acted === 'string' ? (JSON.parse(r.acted) as Raw['acted']) : r.acted) ?? [];
    const acts = (acted as Exclude<Raw['acted'], string | null>).map((a) => ({
      step: a.step,
      episodeStartedAt: new Date(a.episode_started_at),
      actedAt: new Date(a.acted_at),
    }));
    const base: ActivityRow = {
      pairingId: r.pairing_id,
      participantId: r.participant_id,
      coachId: r.coach_id,
      startedAt: new Date(r.started_at),
      interventionStartedAt: new Date(r.intervention_started_at),
      lastReachedAt: r.last_reached_at === null ? null : new Date(r.last_reached_at),
      contactPausedUntil: calendarDateOf(r.contact_paused_until),
      acted: acts,
      attemptsSinceReached: Number(r.attempts_since),
      reachedCount: Number(r.reached_count),
      attemptCount: Number(r.attempt_count),
      participantReached: Number(r.participant_reached),
      participantReachedOutside: Number(r.participant_reached_outside),
      participantAttempts: Number(r.participant_attempts),
    };
    if (!detail) return base;
    return {
      ...base,
      participantName: r.participant_name ?? '',
      coachName: r.coach_name ?? '',
      coachAttempts: Number(r.coach_attempts ?? 0),
      coachReached: Number(r.coach_reached ?? 0),
      acts,
    };
  });
}
