import { sql } from 'drizzle-orm';
import type { EssentialElement } from '../../../core/contacts';
import { addDaysOn, coachCode, zonedMidnight } from '../../../core/engagement';
import type { FidelityFacts } from '../../../core/fidelity';
import { DELIVERY_INSTRUMENT } from '../../../core/fidelity';
import type { Answers } from '../../../core/instruments';
import { selectRows, type Db, type Tx } from '../../platform/database';
import { calendarDateOf } from '../../../core/shared/time';

const toDate = (v: string | Date): Date => (v instanceof Date ? v : new Date(v));

/**
 * Each coach's pseudonymous code in reports: `C-0001` onwards, by the order coaches were added to
 * the program (coaches are retired, never deleted, so a code does not change).
 */
export async function loadCoachCodes(db: Db | Tx, programId: string): Promise<Map<string, string>> {
  const rows = await selectRows<{ id: string; n: number | string }>(
    db,
    sql`select id, row_number() over (order by created_at, id) as n from coaches where program_id = ${programId}`,
  );
  return new Map(rows.map((r) => [r.id, coachCode(Number(r.n))]));
}

/**
 * What the fidelity and engagement reports read, in three queries: every participant ever paired
 * (code, status, first pairing, end, latest coach), the program's reached contacts with their
 * elements, and each participant's latest coaching-delivery answers. No names are read.
 */
export async function loadReportFacts(db: Db | Tx, programId: string, timeZone: string): Promise<FidelityFacts[]> {
  const [people, contacts, responses] = await Promise.all([
    selectRows<{
      id: string;
      code: string;
      status: string;
      ended_on: string | Date | null;
      first_started_at: string | Date;
      coach_id: string;
    }>(
      db,
      sql`select pt.id, pt.code, pt.status, pt.ended_on::text as ended_on, f.first_started_at, l.coach_id
          from participants pt
          join lateral (select min(p.started_at) as first_started_at from pairings p where p.participant_id = pt.id) f
            on f.first_started_at is not null
          join lateral (select p.coach_id from pairings p where p.participant_id = pt.id
                        order by p.started_at desc limit 1) l on true
          where pt.program_id = ${programId}`,
    ),
    selectRows<{
      participant_id: string;
      coach_id: string;
      occurred_at: string | Date;
      discussed_strategies: boolean;
      gave_encouragement: boolean;
      discussed_adjusting: boolean;
      discussed_goals: boolean;
    }>(
      db,
      sql`select participant_id, coach_id, occurred_at, discussed_strategies, gave_encouragement, discussed_adjusting,
                 discussed_goals
          from contacts where program_id = ${programId} and is_reached
          order by occurred_at`,
    ),
    selectRows<{ participant_id: string; answers: Answers | string }>(
      db,
      sql`select distinct on (participant_id) participant_id, answers
          from assessment_responses
          where program_id = ${programId} and instrument_id = ${DELIVERY_INSTRUMENT}
          order by participant_id, entered_at desc`,
    ),
  ]);
  const byParticipant = new Map<string, FidelityFacts['contacts'][number][]>();
  for (const c of contacts) {
    const elements: Record<EssentialElement, boolean> = {
      discussedStrategies: c.discussed_strategies,
      gaveEncouragement: c.gave_encouragement,
      discussedAdjusting: c.discussed_adjusting,
      discussedGoals: c.discussed_goals,
    };
    const list = byParticipant.get(c.participant_id) ?? [];
    list.push({ coachId: c.coach_id, occurredAt: toDate(c.occurred_at), elements });
    byParticipant.set(c.participant_id, list);
  }
  const delivery = new Map(
    responses.map((r) => [r.participant_id, typeof r.answers === 'string' ? (JSON.parse(r.answers) as Answers) : r.answers]),
  );
  return people.map((p) => ({
    participantId: p.id,
    code: p.code,
    status: p.status,
    firstPairedAt: toDate(p.first_started_at),
    endedOn: p.ended_on === null ? null : calendarDateOf(p.ended_on),
    // The end date is the program's local day the participant completed or withdrew: it counts whole.
    endedAt: p.ended_on === null ? null : zonedMidnight(addDaysOn(calendarDateOf(p.ended_on), 1), timeZone),
    coachId: p.coach_id,
    contacts: byParticipant.get(p.id) ?? [],
    delivery: delivery.get(p.id) ?? null,
  }));
}
