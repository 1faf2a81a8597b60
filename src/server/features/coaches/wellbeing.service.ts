import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import {
  coachReminders,
  monthOf,
  scoreCoachPeg,
  type CoachRemindersView,
  worseningSigns,
  type CoachCheckInInput,
  type CoachCheckInView,
  type CoachImpactView,
  type CoachWellbeingView,
  type FollowUpInput,
  type ThanksInput,
  type ThanksView,
} from '../../../core/coaches';
import { DomainError } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { loadCoachFor } from '../../access/coach-context';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { selectRows } from '../../platform/database';
import { newId } from '../../platform/ids';
import { pairings } from '../pairings/pairings.table';
import { loadProgram } from '../programs';
import { todayIn } from '../../../core/shared/time';
import { boosterSessions, coachCheckIns, coachThanks } from './support.table';
import { relationToOwnParticipant } from '../../access/relations';

type CheckInRow = typeof coachCheckIns.$inferSelect;

/** Each check-in with the worsening signs against the ones before it; newest first. */
function present(rows: readonly CheckInRow[]): CoachCheckInView[] {
  const sorted = [...rows].sort((a, b) => (a.month < b.month ? -1 : 1));
  return sorted
    .map((r, k) => ({
      id: r.id,
      coachId: r.coachId,
      month: r.month,
      pegPain: r.pegPain,
      pegEnjoyment: r.pegEnjoyment,
      pegActivity: r.pegActivity,
      pegScore: r.pegScore,
      stress: r.stress,
      feelings: r.feelings,
      note: r.note,
      recordedAt: r.recordedAt.toISOString(),
      worsening: worseningSigns(sorted.slice(0, k + 1)),
      followedUpAt: r.followedUpAt?.toISOString() ?? null,
      followUpNote: r.followUpNote,
    }))
    .reverse();
}

/** A coach's well-being check-ins: the coach's own, or any coach's for staff. Audited. */
export async function getWellbeing(deps: Deps, caller: Caller, programId: string, coachId: string): Promise<CoachWellbeingView> {
  const { program, coach } = await loadCoachFor(deps, caller, programId, coachId, 'wellbeing:view');
  const now = deps.clock.now();
  const rows = await deps.db.select().from(coachCheckIns).where(eq(coachCheckIns.coachId, coachId));
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'coach_check_in', entityId: coachId, programId }]);
  const thisMonth = monthOf(todayIn(program, now));
  return {
    coachId,
    coachName: `${coach.givenName} ${coach.familyName}`,
    thisMonth,
    isDue: !rows.some((r) => r.month === thisMonth),
    checkIns: present(rows),
  };
}

/**
 * What Today reminds a coach of: this month's well-being check-in and a booster in the next two
 * weeks (`coachReminders`). Same access as the check-ins (it tells whether one was made); audited.
 */
export async function getReminders(deps: Deps, caller: Caller, programId: string, coachId: string): Promise<CoachRemindersView> {
  const { program, coach } = await loadCoachFor(deps, caller, programId, coachId, 'wellbeing:view');
  const now = deps.clock.now();
  const today = todayIn(program, now);
  const [checkIns, boosters] = await Promise.all([
    deps.db
      .select({ month: coachCheckIns.month })
      .from(coachCheckIns)
      .where(and(eq(coachCheckIns.coachId, coachId), eq(coachCheckIns.month, monthOf(today)))),
    deps.db
      .select({ id: boosterSessions.id, heldOn: boosterSessions.heldOn, topic: boosterSessions.topic })
      .from(boosterSessions)
      .where(and(eq(boosterSessions.programId, programId), gte(boosterSessions.heldOn, today))),
  ]);
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'coach_check_in', entityId: coachId, programId }]);
  return coachReminders({ today, status: coach.status, checkInMonths: checkIns.map((c) => c.month), boosters });
}

/** The coach's own monthly check-in (one per month in the program's time zone). */
export async function recordWellbeing(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
  input: CoachCheckInInput,
): Promise<CoachCheckInView> {
  const { program } = await loadCoachFor(deps, caller, programId, coachId, 'wellbeing:record');
  const now = deps.clock.now();
  const month = monthOf(todayIn(program, now));
  const id = newId();
  const rows = await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(coachCheckIns)
      .values({
        id,
        programId,
        coachId,
        month,
        pegPain: input.pegPain,
        pegEnjoyment: input.pegEnjoyment,
        pegActivity: input.pegActivity,
        pegScore: scoreCoachPeg(input),
        stress: input.stress,
        feelings: input.feelings,
        note: input.note,
        recordedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: coachCheckIns.id });
    if (inserted.length === 0) {
      throw new DomainError('conflict', 'already_checked_in', 'You have already checked in this month. Thank you!');
    }
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'coach_check_in', entityId: id, programId }]);
    return tx.select().from(coachCheckIns).where(eq(coachCheckIns.coachId, coachId));
  });
  return present(rows).find((r) => r.id === id)!;
}

/** Staff record the call to a coach after a worsening check-in; the task clears. */
export async function followUpWellbeing(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
  checkInId: string,
  input: FollowUpInput,
): Promise<CoachCheckInView> {
  await loadCoachFor(deps, caller, programId, coachId, 'wellbeing:follow_up');
  const now = deps.clock.now();
  const rows = await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(coachCheckIns)
      .set({ followedUpAt: now, followedUpBy: caller.actor.personId, followUpNote: input.note })
      .where(and(eq(coachCheckIns.id, checkInId), eq(coachCheckIns.coachId, coachId), isNull(coachCheckIns.followedUpAt)))
      .returning({ id: coachCheckIns.id });
    if (updated.length === 0) {
      const [exists] = await tx
        .select({ id: coachCheckIns.id })
        .from(coachCheckIns)
        .where(and(eq(coachCheckIns.id, checkInId), eq(coachCheckIns.coachId, coachId)));
      if (!exists) throw new DomainError('not_found', undefined, 'Not found');
      throw new DomainError('conflict', 'already_followed_up', 'A call was already recorded for this check-in');
    }
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'coach_check_in', entityId: checkInId, programId }]);
    return tx.select().from(coachCheckIns).where(eq(coachCheckIns.coachId, coachId));
  });
  return present(rows).find((r) => r.id === checkInId)!;
}

/**
 * The difference a coach is making: participants coached, contacts (reached and all), minutes
 * together, plans made and reviewed, plans kept (reviewed as done or partly done), thanks received.
 * Counts from the contacts and plans tables; thanks newest first, without names.
 */
export async function getImpact(deps: Deps, caller: Caller, programId: string, coachId: string): Promise<CoachImpactView> {
  const { coach, ctx } = await loadCoachFor(deps, caller, programId, coachId, 'impact:view');
  const now = ctx.now;
  const [counts] = await selectRows<Record<string, number | string | null>>(
    deps.db,
    sql`select
      (select count(distinct participant_id) from pairings where coach_id = ${coachId}) as coached,
      (select count(*) from pairings where coach_id = ${coachId} and ended_at is null) as now_coaching,
      (select count(*) from contacts where coach_id = ${coachId}) as contacts,
      (select count(*) from contacts where coach_id = ${coachId} and is_reached) as reached,
      (select coalesce(sum(minutes), 0) from contacts where coach_id = ${coachId} and is_reached) as minutes,
      (select count(*) from action_plans where coach_id = ${coachId}) as plans_made,
      (select count(*) from action_plans where coach_id = ${coachId} and review_outcome is not null) as plans_reviewed,
      (select count(*) from action_plans where coach_id = ${coachId} and review_outcome in ('done', 'partly')) as plans_kept,
      (select count(*) from coach_thanks where coach_id = ${coachId}) as thanks`,
  );
  const thanks = await deps.db
    .select()
    .from(coachThanks)
    .where(eq(coachThanks.coachId, coachId))
    .orderBy(desc(coachThanks.createdAt))
    .limit(10);
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'coach_impact', entityId: coachId, programId }]);
  const n = (k: string) => Number(counts?.[k] ?? 0);
  return {
    coachId,
    coachName: `${coach.givenName} ${coach.familyName}`,
    participantsCoached: n('coached'),
    participantsNow: n('now_coaching'),
    contacts: n('contacts'),
    reachedContacts: n('reached'),
    minutesTogether: n('minutes'),
    plansMade: n('plans_made'),
    plansReviewed: n('plans_reviewed'),
    plansKept: n('plans_kept'),
    thanksReceived: n('thanks'),
    recentThanks: thanks.map((t) => ({ id: t.id, message: t.message, createdAt: t.createdAt.toISOString() })),
  };
}

/** A participant thanks his or her current coach. 409 without a coach. */
export async function sendThanks(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  input: ThanksInput,
): Promise<ThanksView> {
  await loadProgram(deps.db, caller, programId);
  const relation = relationToOwnParticipant(caller.actor, programId, participantId);
  authorize(caller.actor, 'thanks:send', { programId, relation, hideExistence: true });
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [pairing] = await tx
      .select({ coachId: pairings.coachId })
      .from(pairings)
      .where(and(eq(pairings.programId, programId), eq(pairings.participantId, participantId), isNull(pairings.endedAt)));
    if (!pairing) throw new DomainError('conflict', 'no_coach', 'You do not have a coach yet');
    const id = newId();
    await tx
      .insert(coachThanks)
      .values({ id, programId, coachId: pairing.coachId, participantId, message: input.message, createdAt: now });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'coach_thanks', entityId: id, programId }]);
    return { id, message: input.message, createdAt: now.toISOString() };
  });
}
