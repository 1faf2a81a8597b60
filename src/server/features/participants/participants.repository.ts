import { sql, type SQL } from 'drizzle-orm';
import { calendarDateOf, type Weekday } from '../../../core/shared/time';
import type { Locale } from '../../../core/shared/locale';
import type { ParticipantStatus, WithdrawalReason } from '../../../core/participants';
import type { Channel, Gender, PainLocation, TimeOfDay } from '../../../core/shared/vocab';
import type { ServiceBranch, ServiceEra } from '../../../core/volunteers';
import { selectRows, type Db, type Tx } from '../../platform/database';

/** A participant with the active pairing, the coach and contact counts: everything a screen shows. */
export interface ParticipantRecord {
  id: string;
  programId: string;
  personId: string | null;
  code: string;
  givenName: string;
  familyName: string;
  gender: Gender;
  birthYear: number | null;
  painLocations: PainLocation[];
  preferredModality: Channel;
  preferredChannel: Channel;
  preferredTimes: TimeOfDay[];
  contactNotes: string;
  preferredDays: Weekday[];
  notBefore: string | null;
  notAfter: string | null;
  contactPausedUntil: string | null;
  genderMatters: boolean;
  phone: string | null;
  email: string | null;
  canShareContact: boolean;
  status: ParticipantStatus;
  referredOn: string;
  enrolledOn: string | null;
  endedOn: string | null;
  withdrawalReason: WithdrawalReason | null;
  serviceBranch: ServiceBranch | null;
  serviceEra: ServiceEra | null;
  town: string | null;
  languages: string[];
  /** The weekly check-in by text message (#16): weekday and local HH:MM, or null when off. */
  textCheckInDay: Weekday | null;
  textCheckInTime: string | null;
  locale: Locale;
  pairing: {
    id: string;
    coachId: string;
    coachName: string;
    coachPhone: string | null;
    coachEmail: string | null;
    startedAt: Date;
  } | null;
  lastReachedAt: Date | null;
  reachedCount: number;
  attemptCount: number;
}

interface Row {
  id: string;
  program_id: string;
  person_id: string | null;
  code: string;
  given_name: string;
  family_name: string;
  gender: Gender;
  birth_year: number | null;
  service_branch: ServiceBranch | null;
  service_era: ServiceEra | null;
  town: string | null;
  languages: string[] | string | null;
  locale: Locale | null;
  pain_locations: PainLocation[] | string;
  preferred_modality: Channel;
  preferred_channel: Channel;
  preferred_times: TimeOfDay[] | string;
  contact_notes: string;
  preferred_days: Weekday[] | string;
  not_before: string | null;
  not_after: string | null;
  contact_paused_until: string | Date | null;
  gender_matters: boolean;
  phone: string | null;
  email: string | null;
  can_share_contact: boolean;
  status: ParticipantStatus;
  referred_on: string | Date;
  enrolled_on: string | Date | null;
  ended_on: string | Date | null;
  withdrawal_reason: WithdrawalReason | null;
  text_check_in_day: Weekday | null;
  text_check_in_time: string | null;
  pairing_id: string | null;
  coach_id: string | null;
  coach_given: string | null;
  coach_family: string | null;
  coach_phone: string | null;
  coach_email: string | null;
  paired_at: string | Date | null;
  last_reached_at: string | Date | null;
  reached_count: number | string | null;
  attempt_count: number | string | null;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** Loads participant records in one query, filtered by program and an optional scope. */
export async function findParticipants(
  db: Db | Tx,
  filter: { programId: string; ids?: string[]; coachId?: string; status?: ParticipantStatus; limit?: number },
): Promise<ParticipantRecord[]> {
  const where: SQL[] = [sql`pt.program_id = ${filter.programId}`];
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    where.push(
      sql`pt.id in (${sql.join(
        filter.ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  }
  if (filter.coachId) where.push(sql`p.coach_id = ${filter.coachId}`);
  if (filter.status) where.push(sql`pt.status = ${filter.status}`);
  const rows = await selectRows<Row>(
    db,
    sql`
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
    ) s on true
    where ${sql.join(where, sql` and `)}
    order by pt.family_name, pt.given_name, pt.id
    ${filter.limit ? sql`limit ${filter.limit}` : sql``}`,
  );
  return rows.map((r) => ({
    id: r.id,
    programId: r.program_id,
    personId: r.person_id,
    code: r.code,
    givenName: r.given_name,
    familyName: r.family_name,
    gender: r.gender,
    birthYear: r.birth_year,
    painLocations: json(r.pain_locations),
    preferredModality: r.preferred_modality,
    preferredChannel: r.preferred_channel,
    preferredTimes: json(r.preferred_times),
    contactNotes: r.contact_notes,
    preferredDays: json(r.preferred_days),
    notBefore: r.not_before,
    notAfter: r.not_after,
    contactPausedUntil: calendarDateOf(r.contact_paused_until),
    genderMatters: r.gender_matters,
    phone: r.phone,
    email: r.email,
    canShareContact: r.can_share_contact,
    status: r.status,
    referredOn: calendarDateOf(r.referred_on) ?? '',
    enrolledOn: calendarDateOf(r.enrolled_on),
    endedOn: calendarDateOf(r.ended_on),
    withdrawalReason: r.withdrawal_reason,
    serviceBranch: r.service_branch,
    serviceEra: r.service_era,
    town: r.town,
    languages: r.languages === null ? [] : json(r.languages),
    textCheckInDay: r.text_check_in_day,
    textCheckInTime: r.text_check_in_time,
    locale: r.locale ?? 'en',
    pairing:
      r.pairing_id && r.coach_id && r.paired_at
        ? {
            id: r.pairing_id,
            coachId: r.coach_id,
            coachName: `${r.coach_given ?? ''} ${r.coach_family ?? ''}`.trim(),
            coachPhone: r.coach_phone,
            coachEmail: r.coach_email,
            startedAt: new Date(r.paired_at),
          }
        : null,
    lastReachedAt: r.last_reached_at ? new Date(r.last_reached_at) : null,
    reachedCount: Number(r.reached_count ?? 0),
    attemptCount: Number(r.attempt_count ?? 0),
  }));
}

/**
 * The language a participant chose (issue #16, ADR 0041), for choosing content such as the
 * handouts (ADR 0051); English when the record is not found.
 */
export async function localeOfParticipant(db: Db | Tx, participantId: string): Promise<Locale> {
  const [row] = await selectRows<{ locale: Locale }>(db, sql`select locale from participants where id = ${participantId}`);
  return row?.locale ?? 'en';
}
