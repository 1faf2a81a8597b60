/**
 * The SQL the three measured use cases send, copied as plain strings so the "raw" runs go through the
 * driver with no ORM, no row mapping and no rules in between. Captured from Drizzle's query logger
 * on the current code (`logContact`, `coachToday`, `listPairs`); if those use cases change their queries, update
 * these too (bench/generate.test.ts checks that the raw queries see the same rows as the use cases).
 */

/** `loadProgram`: every use case starts by loading the program (after the policy check). */
export const SELECT_PROGRAM = `select "id", "name", "site", "start_on", "length_days", "cadence_days", "target_contacts", "time_zone", "ladder", "topics", "created_at", "updated_at" from "programs" where "programs"."id" = $1`;

const PARTICIPANT_RECORD = `
    select pt.*, p.id as pairing_id, p.coach_id, p.started_at as paired_at,
      c.given_name as coach_given, c.family_name as coach_family, c.phone as coach_phone, c.email as coach_email,
      s.last_reached_at, s.reached_count, s.attempt_count
    from participants pt
    left join pairings p on p.participant_id = pt.id and p.ended_at is null
    left join coaches c on c.id = p.coach_id
    left join lateral (
      select max(ct.occurred_at) filter (where ct.is_reached) as last_reached_at,
             count(*) filter (where ct.is_reached) as reached_count,
             count(*) as attempt_count
      from contacts ct where ct.participant_id = pt.id
    ) s on true`;

/** `findParticipants({ programId, ids: [id] })`, as `loadParticipantFor` calls it. */
export const SELECT_PARTICIPANT_BY_ID = `${PARTICIPANT_RECORD}
    where pt.program_id = $1 and pt.id in ($2)
    order by pt.family_name, pt.given_name, pt.id
    `;

/** `findParticipants({ programId, coachId })`: the coach's caseload for "Today". */
export const SELECT_PARTICIPANTS_OF_COACH = `${PARTICIPANT_RECORD}
    where pt.program_id = $1 and p.coach_id = $2
    order by pt.family_name, pt.given_name, pt.id
    `;

const PAIRING_ACTIVITY = `
    select p.id as pairing_id, p.participant_id, p.coach_id, p.started_at,
      (select min(p2.started_at) from pairings p2 where p2.participant_id = p.participant_id) as intervention_started_at,
      pt.contact_paused_until,
      s.last_reached_at, s.reached_count, s.attempt_count, s.participant_reached,
      (select count(*) from contacts c2 where c2.pairing_id = p.id and not c2.is_reached
         and (s.last_reached_at is null or c2.occurred_at > s.last_reached_at)) as attempts_since,
      (select json_agg(json_build_object('step', e.step, 'episode_started_at', e.episode_started_at, 'acted_at', e.acted_at))
         from ladder_events e where e.pairing_id = p.id and e.acted_at is not null) as acted`;

const PAIRING_ACTIVITY_FROM = `
    from pairings p
    join participants pt on pt.id = p.participant_id and pt.status = 'active'
    left join lateral (
      select max(c.occurred_at) filter (where c.is_reached and c.pairing_id = p.id) as last_reached_at,
             count(*) filter (where c.is_reached and c.pairing_id = p.id) as reached_count,
             count(*) filter (where c.pairing_id = p.id) as attempt_count,
             count(*) filter (where c.is_reached) as participant_reached
      from contacts c where c.participant_id = p.participant_id
    ) s on true`;

/** `loadPairingActivity({ programId, coachId })`: the facts the task and ladder rules read. */
export const SELECT_PAIRING_ACTIVITY_OF_COACH = `${PAIRING_ACTIVITY}
    ${PAIRING_ACTIVITY_FROM}
    where p.program_id = $1 and p.ended_at is null and p.coach_id = $2`;

/**
 * `loadPairingActivity({ programId }, { since })`, behind "Pairs that need help": every active pair
 * with names and each coach's contacts since `$2` (the program id is `$1` and again `$3`).
 */
export const SELECT_PAIRS_NEEDING_HELP = `
    with coach_recent as (
      select c.coach_id, count(*) as attempts, count(*) filter (where c.is_reached) as reached
      from contacts c where c.program_id = $1 and c.occurred_at >= $2
      group by c.coach_id
    )${PAIRING_ACTIVITY}
      , pt.given_name || ' ' || pt.family_name as participant_name, co.given_name || ' ' || co.family_name as coach_name,
      cr.attempts as coach_attempts, cr.reached as coach_reached${PAIRING_ACTIVITY_FROM}
    join coaches co on co.id = p.coach_id left join coach_recent cr on cr.coach_id = p.coach_id
    where p.program_id = $3 and p.ended_at is null`;

/** Program-wide activity reads run in a transaction with JIT off (see activity.repository.ts). */
export const SET_LOCAL_JIT_OFF = `set local jit = off`;

/** The idempotency check of `logContact`: was this client key used already? */
export const SELECT_CONTACT_BY_CLIENT_KEY = `select "id", "program_id", "pairing_id", "participant_id", "coach_id", "client_key", "occurred_at", "channel", "outcome", "is_reached", "minutes", "topics", "discussed_strategies", "gave_encouragement", "discussed_adjusting", "discussed_goals", "note", "logged_by", "created_at" from "contacts" where ("contacts"."program_id" = $1 and "contacts"."client_key" = $2)`;

/** The contact insert of `logContact`. */
export const INSERT_CONTACT = `insert into "contacts" ("id", "program_id", "pairing_id", "participant_id", "coach_id", "client_key", "occurred_at", "channel", "outcome", "is_reached", "minutes", "topics", "discussed_strategies", "gave_encouragement", "discussed_adjusting", "discussed_goals", "note", "logged_by", "created_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) on conflict do nothing returning "id", "program_id", "pairing_id", "participant_id", "coach_id", "client_key", "occurred_at", "channel", "outcome", "is_reached", "minutes", "topics", "discussed_strategies", "gave_encouragement", "discussed_adjusting", "discussed_goals", "note", "logged_by", "created_at"`;

/** `audit(...)` with one entry. */
export const INSERT_AUDIT = `insert into "audit_events" ("id", "at", "actor_id", "action", "entity_type", "entity_id", "program_id", "ip", "request_id") values (default, $1, $2, $3, $4, $5, $6, $7, $8)`;
