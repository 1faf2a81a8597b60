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
