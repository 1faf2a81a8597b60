import { sql } from 'drizzle-orm';
import {
  addDaysOn,
  coachCode,
  countingBounds,
  zonedMidnight,
  type CohortPerson,
  type ReachedCounts,
} from '../../../core/engagement';
import type { ContactTally, FidelityPerson } from '../../../core/fidelity';
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
 * Everyone the fidelity and engagement reports are about, in two queries: every participant ever
 * paired (code, status, first pairing, end, latest coach) and each one's latest coaching-delivery
 * answers. No names and no contacts are read (see `loadContactTallies`).
 */
export async function loadReportPeople(db: Db | Tx, programId: string, timeZone: string): Promise<FidelityPerson[]> {
  const [people, responses] = await Promise.all([
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
    selectRows<{ participant_id: string; answers: Answers | string }>(
      db,
      sql`select distinct on (participant_id) participant_id, answers
          from assessment_responses
          where program_id = ${programId} and instrument_id = ${DELIVERY_INSTRUMENT}
          order by participant_id, entered_at desc`,
    ),
  ]);
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
    delivery: delivery.get(p.id) ?? null,
  }));
}

/**
 * The program's reached contacts counted by the database (GROUP BY participant, coach): inside each
 * participant's window as of min(now, end), outside it, and the elements delivered inside. The
 * window is the core's rule (`countingBounds`), sent as one JSON parameter of three instants per
 * participant, so that the database and `isInWindow` cannot disagree. Memory grows with the
 * participants and their coaches, never with the contacts. Contacts of people never paired are not
 * counted (as before).
 */
export async function loadContactTallies(
  db: Db | Tx,
  programId: string,
  people: readonly Pick<CohortPerson, 'participantId' | 'firstPairedAt' | 'endedAt'>[],
  lengthDays: number,
  now: Date,
): Promise<ContactTally[]> {
  if (people.length === 0) return [];
  const bounds = people.map((p) => {
    const b = countingBounds(p, lengthDays, now);
    return { p: p.participantId, f: b.from.toISOString(), b: b.before.toISOString(), u: b.upTo.toISOString() };
  });
  const rows = await selectRows<{
    participant_id: string;
    coach_id: string;
    in_window: number | string;
    outside: number | string;
    discussed_strategies: number | string;
    gave_encouragement: number | string;
    discussed_adjusting: number | string;
    discussed_goals: number | string;
  }>(
    db,
    sql`with w as (
          select p, f, b, u from jsonb_to_recordset(${JSON.stringify(bounds)}::jsonb) as w(p uuid, f timestamptz, b timestamptz, u timestamptz)
        ), c as (
          select c.participant_id, c.coach_id, c.discussed_strategies, c.gave_encouragement, c.discussed_adjusting,
                 c.discussed_goals, (c.occurred_at >= w.f and c.occurred_at < w.b and c.occurred_at <= w.u) as inside
          from contacts c join w on w.p = c.participant_id
          where c.program_id = ${programId} and c.is_reached
        )
        select participant_id, coach_id,
               count(*) filter (where inside) as in_window,
               count(*) filter (where not inside) as outside,
               count(*) filter (where inside and discussed_strategies) as discussed_strategies,
               count(*) filter (where inside and gave_encouragement) as gave_encouragement,
               count(*) filter (where inside and discussed_adjusting) as discussed_adjusting,
               count(*) filter (where inside and discussed_goals) as discussed_goals
        from c group by participant_id, coach_id`,
  );
  return rows.map((r) => ({
    participantId: r.participant_id,
    coachId: r.coach_id,
    inWindow: Number(r.in_window),
    outside: Number(r.outside),
    delivered: {
      discussedStrategies: Number(r.discussed_strategies),
      gaveEncouragement: Number(r.gave_encouragement),
      discussedAdjusting: Number(r.discussed_adjusting),
      discussedGoals: Number(r.discussed_goals),
    },
  }));
}

/** Each participant's reached contacts inside and outside the window, summed over coaches. */
export function reachedCountsOf(tallies: readonly ContactTally[]): Map<string, ReachedCounts> {
  const out = new Map<string, ReachedCounts>();
  for (const t of tallies) {
    const c = out.get(t.participantId);
    if (c) {
      c.inWindow += t.inWindow;
      c.outside += t.outside;
    } else out.set(t.participantId, { inWindow: t.inWindow, outside: t.outside });
  }
  return out;
}
