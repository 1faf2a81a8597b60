import { sql, type SQL } from 'drizzle-orm';
import { ladderStates, type LadderRules, type PairsQuery, type PairStepCounts } from '../../../core/engagement';
import { selectRows, type Db, type Tx } from '../../platform/database';

/**
 * "Pairs that need help" ranked in SQL (issue #14, ADR 0048): each active pair's ladder step and
 * sort keys, the filters, the order and one page, so a page costs about the same whatever the
 * program's size. The step is `ladderPosition` (core/engagement/ladder.ts) written as a CASE over
 * the same due instants: `addDays` is whole 24-hour days (`n * interval '24 hours'`, never the
 * zone-aware '1 day'), and the pause date's local midnight is `date::timestamp at time zone zone`,
 * as `zonedMidnight` computes it. The integration test pages through the whole list and compares it
 * with `ladderPosition` + `sortPairs` over the same data.
 */

export interface PairsPageScope {
  programId: string;
  rules: LadderRules;
  now: Date;
  /** Contacts since this instant make "the coach's recent activity". */
  coachSince: Date;
}

const HOURS_24 = sql`interval '24 hours'`;

/** The filters that decide which pairs are counted: the coach and one pairing (not the step). */
function scopeFilters(scope: PairsPageScope, q: PairsQuery): SQL {
  const filters: SQL[] = [sql`p.program_id = ${scope.programId}`, sql`p.ended_at is null`];
  if (q.coachId) filters.push(sql`p.coach_id = ${q.coachId}`);
  if (q.pairingId) filters.push(sql`p.id = ${q.pairingId}`);
  return sql.join(filters, sql` and `);
}

function stepFilter(q: PairsQuery): SQL {
  if (q.step === undefined) return sql`true`;
  if (q.step === 'needs_help') return sql`s.step in ('reminder', 'check_in', 'decision')`;
  return sql`s.step = ${q.step}`;
}

/** The ORDER BY of `sortPairs`: the sort's key, then the participant's name; the pairing id makes it total. */
function orderBy(q: PairsQuery): SQL {
  const defaultDesc = q.sort === 'days_quiet' || q.sort === 'attempts';
  const desc = q.order === undefined ? defaultDesc : q.order === 'desc';
  const dir = (flip = false) => (desc !== flip ? sql`desc` : sql`asc`);
  // Names compare case-blind first, then by code point: Intl.Collator('en')'s order for plain names.
  const byName = (col: SQL, d: SQL) => sql`lower(${col}) collate "C" ${d}, ${col} collate "C" ${d}`;
  const keys: Record<PairsQuery['sort'], SQL> = {
    urgency: sql`s.urgency ${dir()}, s.days_quiet ${dir(true)}`,
    days_quiet: sql`s.days_quiet ${dir()}`,
    attempts: sql`s.attempts_since ${dir()}`,
    coach_activity: sql`s.coach_attempts ${dir()}`,
    participant: byName(sql`s.participant_name`, dir()),
    coach: byName(sql`s.coach_name`, dir()),
  };
  return sql`${keys[q.sort]}, ${byName(sql`s.participant_name`, sql`asc`)}, s.pairing_id asc`;
}

/** The SQL of `findPairsPage`; exported for the benchmark's raw-SQL floor (bench/run.ts). */
export function pairsPageSql(scope: PairsPageScope, q: PairsQuery): SQL {
  const { ladder, cadenceDays, lengthDays, timeZone } = scope.rules;
  const now = sql`${scope.now.toISOString()}::timestamptz`;
  const int = (n: number) => sql`${n}::int`;
  const due = (days: SQL) => sql`e.episode_at + (${days}) * ${HOURS_24}`;
  // Only the sort that needs them pays for the coach's activity (one aggregate over the program's
  // last 14 days of contacts) and the coach's name (one hash join).
  const coachRecent =
    q.sort === 'coach_activity'
      ? sql`, coach_recent as (
          select c.coach_id, count(*) as attempts from contacts c
          where c.program_id = ${scope.programId} and c.occurred_at >= ${scope.coachSince.toISOString()}::timestamptz
          group by c.coach_id
        )`
      : sql``;
  const coachJoins = sql`${q.sort === 'coach_activity' ? sql`left join coach_recent cr on cr.coach_id = p.coach_id` : sql``}
      ${q.sort === 'coach' ? sql`join coaches co on co.id = p.coach_id` : sql``}`;
  const coachColumns = sql`${q.sort === 'coach_activity' ? sql`coalesce(cr.attempts, 0)` : sql`0`} as coach_attempts,
      ${q.sort === 'coach' ? sql`co.given_name || ' ' || co.family_name` : sql`''`} as coach_name`;
  // The intervention starts at the participant's first pairing. A participant with more than one
  // pairing has an ended one, so the earliest ended pairing (a few) is all there is to add. The page
  // is ORDER BY … LIMIT (a top-N sort keeps only the page); row_number() over () numbers it as it comes.
  return sql`
    with firsts as (
      select p2.participant_id, min(p2.started_at) as first_started_at
      from pairings p2 where p2.program_id = ${scope.programId} and p2.ended_at is not null
      group by p2.participant_id
    )${coachRecent}, facts as (
      select p.id as pairing_id, p.coach_id, p.started_at, p.last_reached_at,
        p.attempts_since_reached as attempts_since, ${coachColumns},
        pt.given_name || ' ' || pt.family_name as participant_name,
        least(p.started_at, w.first_started_at) as intervention_started_at,
        (pt.contact_paused_until::timestamp at time zone ${timeZone}) as resumes_at
      from pairings p
      join participants pt on pt.id = p.participant_id and pt.status = 'active'
      left join firsts w on w.participant_id = p.participant_id
      ${coachJoins}
      where ${scopeFilters(scope, q)}
    ), episodes as (
      select f.*, coalesce(f.last_reached_at, f.started_at) as quiet_from,
        coalesce(f.resumes_at > coalesce(f.last_reached_at, f.started_at), false) as is_resumed
      from facts f
    ), steps as (
      select e.pairing_id, e.participant_name, e.coach_name, e.attempts_since, e.coach_attempts,
        greatest(0, floor(date_part('epoch', ${now} - e.quiet_from) / 86400))::int as days_quiet,
        case
          when ${now} >= e.intervention_started_at + ${int(lengthDays)} * ${HOURS_24} then 'none'
          when e.resumes_at is not null and ${now} < e.resumes_at then 'paused'
          when ${now} >= ${due(int(cadenceDays + ladder.decisionGraceDays))} then 'decision'
          when ${now} >= ${due(int(cadenceDays + ladder.checkInGraceDays))} then 'check_in'
          when ${now} >= ${due(sql`case when e.is_fresh then ${int(ladder.reminderDays)} else ${int(cadenceDays)} end`)} then 'reminder'
          when e.is_fresh then 'first_contact'
          else 'none'
        end as step
      from (
        select e.*, case when e.is_resumed then e.resumes_at else e.quiet_from end as episode_at,
          (e.last_reached_at is null or e.is_resumed) as is_fresh
        from episodes e
      ) e
    ), ranked as (
      select s.*, case s.step when 'decision' then 0 when 'check_in' then 1 when 'reminder' then 2
        when 'first_contact' then 3 when 'none' then 4 else 5 end as urgency
      from steps s
    )
    select
      (select json_object_agg(x.step, x.n) from (select step, count(*) as n from ranked group by step) x) as counts,
      (select json_agg(pg.pairing_id order by pg.n) from (
        select top.pairing_id, row_number() over () as n from (
          select s.pairing_id from ranked s where ${stepFilter(q)}
          order by ${orderBy(q)}
          limit ${int(q.limit)} offset ${int(q.offset)}
        ) top
      ) pg) as page`;
}

type Raw = { counts: Record<string, number | string> | string | null; page: string[] | string | null };

/** One page of pairing ids in order, and how many pairs stand on each step (the coach filter applied). */
export async function findPairsPage(
  db: Db | Tx,
  scope: PairsPageScope,
  q: PairsQuery,
): Promise<{ pairingIds: string[]; counts: PairStepCounts }> {
  // A per-pair plan over a whole program crosses PostgreSQL's JIT threshold, and compiling costs
  // more than running (see activity.repository.ts); PGlite has no JIT.
  const [row] = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return selectRows<Raw>(tx, pairsPageSql(scope, q));
  });
  const parse = <T>(v: T | string | null | undefined): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : (v ?? null));
  const counted = parse(row?.counts) ?? {};
  const counts = Object.fromEntries(ladderStates.map((s) => [s, Number(counted[s] ?? 0)])) as PairStepCounts;
  return { pairingIds: parse(row?.page) ?? [], counts };
}
