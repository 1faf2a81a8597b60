import { sql } from 'drizzle-orm';
import type { ContactOutcome } from '../../../core/contacts';
import { weekdays, type HourCount } from '../../../core/engagement';
import { selectRows, type Db, type Tx } from '../../platform/database';

/** A participant's attempts, oldest first: when and how each went (for the best-time model). */
export async function findAttempts(
  db: Db | Tx,
  programId: string,
  participantId: string,
): Promise<{ occurredAt: Date; outcome: ContactOutcome }[]> {
  const rows = await selectRows<{ occurred_at: string | Date; outcome: ContactOutcome }>(
    db,
    sql`select occurred_at, outcome from contacts
        where program_id = ${programId} and participant_id = ${participantId}
        order by occurred_at`,
  );
  return rows.map((r) => ({ occurredAt: new Date(r.occurred_at), outcome: r.outcome }));
}

/**
 * The program's attempts since `since`, counted by local weekday and hour in the program's zone
 * (PostgreSQL's time-zone data, the same IANA database Intl uses). Wrong numbers are left out:
 * they say nothing about the time. Answered = reached or rescheduled (the person picked up).
 */
export async function countProgramAttemptsByHour(
  db: Db | Tx,
  programId: string,
  timeZone: string,
  since: Date,
): Promise<HourCount[]> {
  const rows = await selectRows<{
    dow: number | string;
    hour: number | string;
    attempts: number | string;
    answered: number | string;
  }>(
    db,
    sql`select extract(isodow from c.occurred_at at time zone ${timeZone})::int as dow,
               extract(hour from c.occurred_at at time zone ${timeZone})::int as hour,
               count(*) as attempts,
               count(*) filter (where c.outcome in ('reached', 'rescheduled')) as answered
        from contacts c
        where c.program_id = ${programId} and c.occurred_at >= ${since.toISOString()} and c.outcome <> 'wrong_number'
        group by 1, 2`,
  );
  return rows.map((r) => ({
    weekday: weekdays[Number(r.dow) - 1]!,
    hour: Number(r.hour),
    attempts: Number(r.attempts),
    answered: Number(r.answered),
  }));
}

/** When each reached contact of the program since `since` happened (for the weekly chart). */
export async function findReachedSince(db: Db | Tx, programId: string, since: Date): Promise<Date[]> {
  const rows = await selectRows<{ occurred_at: string | Date }>(
    db,
    sql`select occurred_at from contacts
        where program_id = ${programId} and outcome = 'reached' and occurred_at >= ${since.toISOString()}`,
  );
  return rows.map((r) => new Date(r.occurred_at));
}

/**
 * Every ladder step the program's pairs fired, with what staff recorded and whether the quiet spell
 * is over (a reached contact after the step, or the pairing ended).
 */
export async function findLadderEventFacts(
  db: Db | Tx,
  programId: string,
): Promise<
  { step: 'reminder' | 'check_in' | 'decision'; actedAt: Date | null; outcome: string | null; isEpisodeOver: boolean }[]
> {
  const rows = await selectRows<{
    step: 'reminder' | 'check_in' | 'decision';
    acted_at: string | Date | null;
    outcome: string | null;
    over: boolean;
  }>(
    db,
    sql`select e.step, e.acted_at, e.outcome,
               (p.ended_at is not null or exists (
                  select 1 from contacts c
                  where c.program_id = e.program_id and c.participant_id = e.participant_id
                    and c.outcome = 'reached' and c.occurred_at > e.fired_at)) as over
        from ladder_events e join pairings p on p.id = e.pairing_id
        where e.program_id = ${programId}`,
  );
  return rows.map((r) => ({
    step: r.step,
    actedAt: r.acted_at ? new Date(r.acted_at) : null,
    outcome: r.outcome,
    isEpisodeOver: r.over === true || (r.over as unknown) === 't',
  }));
}
