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

/** `findParticipants({ programId, coachId })`: the coach's caseload for "Today". */
export const SELECT_PARTICIPANTS_OF_COACH = `${PARTICIPANT_RECORD}
    where pt.program_id = $1 and p.coach_id = $2
    order by pt.family_name, pt.given_name, pt.id
    `;

const PAIRING_ACTIVITY = `
    select p.id as pairing_id, p.participant_id, p.coach_id, p.started_at,
      w.intervention_started_at,
      pt.contact_paused_until,
      s.last_reached_at, s.reached_count, s.attempt_count, s.participant_reached, s.participant_reached_outside,
      s.participant_attempts,
      (select count(*) from contacts c2 where c2.pairing_id = p.id and not c2.is_reached
         and (s.last_reached_at is null or c2.occurred_at > s.last_reached_at)) as attempts_since,
      (select json_agg(json_build_object('step', e.step, 'episode_started_at', e.episode_started_at, 'acted_at', e.acted_at))
         from ladder_events e where e.pairing_id = p.id and e.acted_at is not null) as acted`;

const PAIRING_ACTIVITY_FROM = `
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
    ) s on true`;

/** `loadPairingActivity({ programId, coachId })`: the facts the task and ladder rules read. */
export const SELECT_PAIRING_ACTIVITY_OF_COACH = `${PAIRING_ACTIVITY}
    ${PAIRING_ACTIVITY_FROM}
    where p.program_id = $1 and p.ended_at is null and p.coach_id = $2`;

/** Program-wide activity reads run in a transaction with JIT off (see activity.repository.ts). */
export const SET_LOCAL_JIT_OFF = `set local jit = off`;

/**
 * `logContact`'s one read (issue #14): the program's topics, the participant's active pairing and any
 * contact already saved under the client key. Parameters: participant id, client key, program id.
 */
export const SELECT_CONTACT_TARGET = `select pr.topics, pt.id as participant_id, p.id as pairing_id, p.coach_id, p.started_at, prev.id as previous_id
        from programs pr
        left join participants pt on pt.program_id = pr.id and pt.id = $1
        left join pairings p on p.participant_id = pt.id and p.ended_at is null
        left join contacts prev on prev.program_id = pr.id and prev.client_key = $2
        where pr.id = $3`;

/** The contact insert (the session guide's, and the first part of `logContact`'s one write). */
export const INSERT_CONTACT = `insert into "contacts" ("id", "program_id", "pairing_id", "participant_id", "coach_id", "client_key", "occurred_at", "channel", "outcome", "is_reached", "minutes", "topics", "discussed_strategies", "gave_encouragement", "discussed_adjusting", "discussed_goals", "note", "logged_by", "created_at", "entered_late_by", "entered_late_at", "late_reason") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, default, default, default) on conflict do nothing returning "id", "program_id", "pairing_id", "participant_id", "coach_id", "client_key", "occurred_at", "channel", "outcome", "is_reached", "minutes", "topics", "discussed_strategies", "gave_encouragement", "discussed_adjusting", "discussed_goals", "note", "logged_by", "created_at", "entered_late_by", "entered_late_at", "late_reason"`;

/**
 * `logContact`'s write (ADR 0046 amendment): the contact insert and its audit row in one statement,
 * the audit row written only when the insert returned the contact. Parameters: the contact's 19
 * values as in `INSERT_CONTACT`, then the audit row's ordinal (0), at, actor, action, entity type,
 * entity id, program, ip, request id.
 */
export const INSERT_CONTACT_AUDITED = `with "written" as (${INSERT_CONTACT.replace(/ returning .*$/, '')} returning "id", "program_id", "pairing_id", "participant_id", "coach_id", "client_key", "occurred_at", "channel", "outcome", "is_reached", "minutes", "topics", "discussed_strategies", "gave_encouragement", "discussed_adjusting", "discussed_goals", "note", "logged_by", "created_at", "entered_late_by", "entered_late_at", "late_reason"),
      "audited" as (insert into "audit_events" ("at", "actor_id", "action", "entity_type", "entity_id", "program_id", "ip", "request_id")
    select e.at, e.actor_id, e.action, e.entity_type, e.entity_id, e.program_id, e.ip, e.request_id
    from (values ($20::int, $21::timestamptz, $22::uuid, $23, $24, $25, $26::uuid, $27::text, $28::text)) as e(n, at, actor_id, action, entity_type, entity_id, program_id, ip, request_id)
    where exists (select from "written")
    order by e.n)
      select "id", "program_id", "pairing_id", "participant_id", "coach_id", "client_key", "occurred_at", "channel", "outcome", "is_reached", "minutes", "topics", "discussed_strategies", "gave_encouragement", "discussed_adjusting", "discussed_goals", "note", "logged_by", "created_at", "entered_late_by", "entered_late_at", "late_reason" from "written"`;

/** `audit(...)` with one entry. */
export const INSERT_AUDIT = `insert into "audit_events" ("id", "at", "actor_id", "action", "entity_type", "entity_id", "program_id", "ip", "request_id") values (default, $1, $2, $3, $4, $5, $6, $7, $8)`;

/** The coach's sessions in the next 14 days, for Today (ADR 0017). */
export const SELECT_UPCOMING_SESSIONS_OF_COACH =
  'select "scheduled_sessions"."id", "scheduled_sessions"."program_id", "scheduled_sessions"."pairing_id", "scheduled_sessions"."participant_id", "scheduled_sessions"."coach_id", "scheduled_sessions"."starts_at", "scheduled_sessions"."duration_minutes", "scheduled_sessions"."modality", "scheduled_sessions"."video_link", "scheduled_sessions"."place", "scheduled_sessions"."status", "scheduled_sessions"."sequence", "scheduled_sessions"."scheduled_by", "scheduled_sessions"."scheduled_at", "scheduled_sessions"."created_at", "scheduled_sessions"."updated_at", "pairings"."id", "pairings"."program_id", "pairings"."participant_id", "pairings"."coach_id", "pairings"."started_at", "pairings"."ended_at", "pairings"."end_reason", "pairings"."end_note", "pairings"."gender_mismatch_reason", "pairings"."created_by", "pairings"."entered_late_by", "pairings"."entered_late_at", "pairings"."late_reason", "pairings"."last_reached_at", "pairings"."attempts_since_reached", "participants"."id", "participants"."program_id", "participants"."person_id", "participants"."code", "participants"."given_name", "participants"."family_name", "participants"."gender", "participants"."birth_year", "participants"."pain_locations", "participants"."preferred_modality", "participants"."preferred_channel", "participants"."preferred_times", "participants"."contact_notes", "participants"."preferred_days", "participants"."not_before", "participants"."not_after", "participants"."contact_paused_until", "participants"."gender_matters", "participants"."phone", "participants"."email", "participants"."can_share_contact", "participants"."status", "participants"."referred_on", "participants"."enrolled_on", "participants"."ended_on", "participants"."withdrawal_reason", "participants"."service_branch", "participants"."service_era", "participants"."town", "participants"."languages", "participants"."text_check_in_day", "participants"."text_check_in_time", "participants"."locale", "participants"."created_at", "participants"."updated_at", "coaches"."id", "coaches"."program_id", "coaches"."person_id", "coaches"."given_name", "coaches"."family_name", "coaches"."gender", "coaches"."pain_locations", "coaches"."modalities", "coaches"."phone", "coaches"."email", "coaches"."status", "coaches"."caseload", "coaches"."preferred_channel", "coaches"."preferred_times", "coaches"."preferred_days", "coaches"."not_before", "coaches"."not_after", "coaches"."contact_paused_until", "coaches"."contact_notes", "coaches"."trained_at", "coaches"."agreement_signed_at", "coaches"."availability", "coaches"."service_branch", "coaches"."service_era", "coaches"."birth_year", "coaches"."town", "coaches"."languages", "coaches"."created_at", "coaches"."updated_at" from "scheduled_sessions" inner join "pairings" on ("pairings"."id" = "scheduled_sessions"."pairing_id" and "pairings"."ended_at" is null) inner join "participants" on "participants"."id" = "scheduled_sessions"."participant_id" inner join "coaches" on "coaches"."id" = "scheduled_sessions"."coach_id" where ("scheduled_sessions"."program_id" = $1 and "scheduled_sessions"."coach_id" = $2 and "scheduled_sessions"."status" = $3 and "scheduled_sessions"."starts_at" > $4 and "scheduled_sessions"."starts_at" <= $5) order by "scheduled_sessions"."starts_at" asc';

/** Per pairing of the coach, the next scheduled session, for the task rules (ADR 0017). */
export const SELECT_NEXT_SESSIONS_OF_COACH =
  'select "pairing_id", "starts_at", "duration_minutes", "modality" from "scheduled_sessions" where ("scheduled_sessions"."program_id" = $1 and "scheduled_sessions"."coach_id" = $2 and "scheduled_sessions"."status" = $3 and "scheduled_sessions"."starts_at" > $4) order by "scheduled_sessions"."starts_at" asc';

/** The next contact agreed in the latest guide of each of the coach's participants (ADR 0017). */
export const SELECT_AGREED_NEXT_CONTACTS_OF_COACH =
  'select "session_guides"."participant_id", "session_guides"."next_contact_on", "session_guides"."created_at" from "session_guides" inner join "pairings" on ("pairings"."participant_id" = "session_guides"."participant_id" and "pairings"."ended_at" is null and "pairings"."coach_id" = $1) where "session_guides"."program_id" = $2 order by "session_guides"."created_at" desc';

/**
 * The weekly check-ins the coach's participants share since a day (Today's pain alerts, issue #16):
 * one placeholder per participant, as Drizzle's `inArray` writes them.
 */
export const selectSharedCheckInsOf = (participants: number): string =>
  `select "pain_check_ins"."participant_id", "pain_check_ins"."on", "pain_check_ins"."score", "pain_check_ins"."note" from "pain_check_ins" left join "tracking_settings" on "tracking_settings"."participant_id" = "pain_check_ins"."participant_id" where ("pain_check_ins"."program_id" = $1 and "pain_check_ins"."participant_id" in (${Array.from(
    { length: participants },
    (_, i) => `$${i + 2}`,
  ).join(
    ', ',
  )}) and "pain_check_ins"."on" >= $${participants + 2} and coalesce("tracking_settings"."share_with_coach", true)) order by "pain_check_ins"."on" asc`;

/** Three audit rows in one statement (Today: the participants, the sessions and the check-ins listed). */
export const INSERT_AUDIT_THREE =
  'insert into "audit_events" ("id", "at", "actor_id", "action", "entity_type", "entity_id", "program_id", "ip", "request_id") values (default, $1, $2, $3, $4, $5, $6, $7, $8), (default, $9, $10, $11, $12, $13, $14, $15, $16), (default, $17, $18, $19, $20, $21, $22, $23, $24)';
