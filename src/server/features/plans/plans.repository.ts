import { and, asc, eq, gte, inArray, max, sql } from 'drizzle-orm';
import type { PlanDraft, PlanKind, ReviewOutcome } from '../../../core/plans';
import { selectRows, type Db, type Tx } from '../../platform/database';
import { painCheckIns, practiceLog, trackingSettings } from './plans.table';
import { calendarDateOf } from '../../../core/shared/time';

/** A plan with the names of who made and reviewed it, its coach, and its practice-log counts. */
export interface PlanRecord {
  id: string;
  programId: string;
  participantId: string;
  kind: PlanKind;
  what: string;
  howMuch: string;
  when: string;
  daysPerWeek: number | null;
  confidence: number | null;
  readiness: number | null;
  earlierDrafts: PlanDraft[];
  madeOn: string;
  madeAt: Date;
  madeByName: string;
  coachName: string | null;
  review: { outcome: ReviewOutcome; barrier: string; change: string; reviewedAt: Date; reviewedByName: string } | null;
  isReviewed: boolean;
  daysDone: number;
  daysLogged: number;
}

interface PlanRow {
  id: string;
  program_id: string;
  participant_id: string;
  kind: PlanKind;
  what: string;
  how_much: string;
  when_text: string;
  days_per_week: number | null;
  confidence: number | null;
  readiness: number | null;
  earlier_drafts: PlanDraft[] | string;
  made_on: string | Date;
  created_at: string | Date;
  made_by_name: string;
  coach_given: string | null;
  coach_family: string | null;
  review_outcome: ReviewOutcome | null;
  review_barrier: string | null;
  review_change: string | null;
  reviewed_at: string | Date | null;
  reviewed_by_name: string | null;
  days_done: number | string;
  days_logged: number | string;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** A participant's plans, oldest first, in one query (or the one plan named by `planId`). */
export async function findPlans(
  db: Db | Tx,
  filter: { programId: string; participantId?: string; planId?: string },
): Promise<PlanRecord[]> {
  const rows = await selectRows<PlanRow>(
    db,
    sql`select ap.*, mb.display_name as made_by_name, rb.display_name as reviewed_by_name,
          c.given_name as coach_given, c.family_name as coach_family,
          coalesce(pl.days_done, 0) as days_done, coalesce(pl.days_logged, 0) as days_logged
        from action_plans ap
        join people mb on mb.id = ap.made_by
        left join people rb on rb.id = ap.reviewed_by
        left join coaches c on c.id = ap.coach_id
        left join lateral (
          select count(*) filter (where l.did) as days_done, count(*) as days_logged
          from practice_log l where l.plan_id = ap.id
        ) pl on true
        where ap.program_id = ${filter.programId}
          ${filter.participantId ? sql`and ap.participant_id = ${filter.participantId}` : sql``}
          ${filter.planId ? sql`and ap.id = ${filter.planId}` : sql``}
        order by ap.created_at, ap.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    programId: r.program_id,
    participantId: r.participant_id,
    kind: r.kind,
    what: r.what,
    howMuch: r.how_much,
    when: r.when_text,
    daysPerWeek: r.days_per_week,
    confidence: r.confidence,
    readiness: r.readiness,
    earlierDrafts: json(r.earlier_drafts),
    madeOn: calendarDateOf(r.made_on),
    madeAt: new Date(r.created_at),
    madeByName: r.made_by_name,
    coachName: r.coach_given ? `${r.coach_given} ${r.coach_family ?? ''}`.trim() : null,
    review:
      r.review_outcome && r.reviewed_at
        ? {
            outcome: r.review_outcome,
            barrier: r.review_barrier ?? '',
            change: r.review_change ?? '',
            reviewedAt: new Date(r.reviewed_at),
            reviewedByName: r.reviewed_by_name ?? '',
          }
        : null,
    isReviewed: r.reviewed_at !== null,
    daysDone: Number(r.days_done),
    daysLogged: Number(r.days_logged),
  }));
}

/** Whether the participant shares check-ins and the practice log with the coach (default yes). */
export async function sharesWithCoach(db: Db | Tx, participantId: string): Promise<boolean> {
  const [row] = await db
    .select({ share: trackingSettings.shareWithCoach })
    .from(trackingSettings)
    .where(eq(trackingSettings.participantId, participantId));
  return row?.share ?? true;
}

/** A participant's check-ins, oldest first. */
export async function findCheckIns(db: Db | Tx, programId: string, participantId: string) {
  return db
    .select()
    .from(painCheckIns)
    .where(and(eq(painCheckIns.programId, programId), eq(painCheckIns.participantId, participantId)))
    .orderBy(asc(painCheckIns.on));
}

/** The practice log of one plan, oldest first. */
export async function findPractice(db: Db | Tx, planId: string) {
  return db.select().from(practiceLog).where(eq(practiceLog.planId, planId)).orderBy(asc(practiceLog.on));
}

/** The notes written to a participant, newest first, with the author's name. */
export async function findNotes(
  db: Db | Tx,
  programId: string,
  participantId: string,
): Promise<{ id: string; text: string; authorName: string; createdAt: Date }[]> {
  const rows = await selectRows<{ id: string; text: string; author_name: string; created_at: string | Date }>(
    db,
    sql`select n.id, n.text, p.display_name as author_name, n.created_at
        from encouragement_notes n join people p on p.id = n.author_id
        where n.program_id = ${programId} and n.participant_id = ${participantId}
        order by n.created_at desc, n.id
        limit 50`,
  );
  return rows.map((r) => ({ id: r.id, text: r.text, authorName: r.author_name, createdAt: new Date(r.created_at) }));
}

interface SummaryRow {
  participant_id: string;
  code: string;
  given_name: string;
  family_name: string;
  coach_given: string | null;
  coach_family: string | null;
  plans_made: number | string;
  small_steps: number | string;
  reviewed: number | string;
  done: number | string;
  partly: number | string;
  not_done: number | string;
  last_made_on: string | Date | null;
}

/** Plans made and reviewed per active pair of a program, in one query (pairs without plans included). */
export async function planSummary(db: Db | Tx, programId: string) {
  const rows = await selectRows<SummaryRow>(
    db,
    sql`select pt.id as participant_id, pt.code, pt.given_name, pt.family_name,
          c.given_name as coach_given, c.family_name as coach_family,
          count(ap.id) filter (where ap.kind = 'action_plan') as plans_made,
          count(ap.id) filter (where ap.kind = 'small_step') as small_steps,
          count(ap.id) filter (where ap.reviewed_at is not null) as reviewed,
          count(ap.id) filter (where ap.review_outcome = 'done') as done,
          count(ap.id) filter (where ap.review_outcome = 'partly') as partly,
          count(ap.id) filter (where ap.review_outcome = 'not_done') as not_done,
          max(ap.made_on) as last_made_on
        from participants pt
        join pairings p on p.participant_id = pt.id and p.ended_at is null
        join coaches c on c.id = p.coach_id
        left join action_plans ap on ap.participant_id = pt.id and ap.program_id = pt.program_id
        where pt.program_id = ${programId}
        group by pt.id, pt.code, pt.given_name, pt.family_name, c.given_name, c.family_name
        order by pt.code`,
  );
  return rows.map((r) => ({
    participantId: r.participant_id,
    code: r.code,
    participantName: `${r.given_name} ${r.family_name}`,
    coachName: r.coach_given ? `${r.coach_given} ${r.coach_family ?? ''}`.trim() : null,
    plansMade: Number(r.plans_made),
    smallSteps: Number(r.small_steps),
    reviewed: Number(r.reviewed),
    done: Number(r.done),
    partly: Number(r.partly),
    notDone: Number(r.not_done),
    lastMadeOn: r.last_made_on ? calendarDateOf(r.last_made_on) : null,
  }));
}

/**
 * The check-ins on or after `sinceOn` of the given participants who share them with their coach
 * (no settings row means they do), oldest first: what the coach's "Today" reads for pain jumps.
 */
export async function sharedCheckInsSince(db: Db | Tx, programId: string, participantIds: readonly string[], sinceOn: string) {
  if (participantIds.length === 0) return [];
  return db
    .select({
      participantId: painCheckIns.participantId,
      on: painCheckIns.on,
      score: painCheckIns.score,
      note: painCheckIns.note,
    })
    .from(painCheckIns)
    .leftJoin(trackingSettings, eq(trackingSettings.participantId, painCheckIns.participantId))
    .where(
      and(
        eq(painCheckIns.programId, programId),
        inArray(painCheckIns.participantId, [...participantIds]),
        gte(painCheckIns.on, sinceOn),
        sql`coalesce(${trackingSettings.shareWithCoach}, true)`,
      ),
    )
    .orderBy(asc(painCheckIns.on));
}

/**
 * Each participant's latest check-in day in a program, as a subquery to join on `participantId`
 * (the weekly sweeps: reminders and the check-in by text skip whoever checked in this week).
 */
export function lastCheckInOnOf(db: Db | Tx, programId: string) {
  return db
    .select({ participantId: painCheckIns.participantId, lastOn: max(painCheckIns.on).as('last_on') })
    .from(painCheckIns)
    .where(eq(painCheckIns.programId, programId))
    .groupBy(painCheckIns.participantId)
    .as('last_check_in');
}
