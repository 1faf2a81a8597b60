/** Plans: a plan and a weekly check-in as the pages show them. */
import { type PainCheckInView, type PlanView } from '../../../core/plans';
import { type PlanRecord } from './plans.repository';
import { painCheckIns } from './plans.table';

/** Renders a plan; the practice counts are left out when the caller may not see the practice log. */
export function presentPlan(p: PlanRecord, current: PlanRecord | null, showPractice: boolean): PlanView {
  const final =
    p.kind === 'action_plan' && p.daysPerWeek !== null && p.confidence !== null
      ? { what: p.what, howMuch: p.howMuch, when: p.when, daysPerWeek: p.daysPerWeek, confidence: p.confidence }
      : null;
  return {
    id: p.id,
    participantId: p.participantId,
    kind: p.kind,
    what: p.what,
    howMuch: p.howMuch,
    when: p.when,
    daysPerWeek: p.daysPerWeek,
    confidence: p.confidence,
    readiness: p.readiness,
    versions: final ? [...p.earlierDrafts, final].map((d, i) => ({ ...d, version: i + 1 })) : [],
    madeAt: p.madeAt.toISOString(),
    madeOn: p.madeOn,
    madeBy: p.madeByName,
    coachName: p.coachName,
    isCurrent: current?.id === p.id,
    review: p.review
      ? {
          outcome: p.review.outcome,
          barrier: p.review.barrier,
          change: p.review.change,
          reviewedAt: p.review.reviewedAt.toISOString(),
          reviewedBy: p.review.reviewedByName,
        }
      : null,
    practice: showPractice ? { daysDone: p.daysDone, daysLogged: p.daysLogged } : null,
  };
}

export function presentCheckIn(c: typeof painCheckIns.$inferSelect): PainCheckInView {
  return { on: c.on, pain: c.pain, enjoyment: c.enjoyment, activity: c.activity, score: c.score, note: c.note, source: c.source };
}
