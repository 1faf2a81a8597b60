import { addDaysOn } from '../shared/time';
import { DomainError } from '../shared/errors';
import type { PlanDraft, ReviewOutcome } from './index';

/**
 * Below this confidence (0–10) the plan should change: lay-led chronic pain self-management
 * programs and Brief Action Planning ask for a smaller or easier plan when the person is less than
 * 7 sure of doing the whole of it (domain notes §3.1, §6.9).
 */
export const CONFIDENCE_THRESHOLD = 7;

/** True when Kindred should suggest making the plan smaller or easier. */
export function needsSmallerPlan(confidence: number): boolean {
  return confidence < CONFIDENCE_THRESHOLD;
}

export type SuggestionKind = 'fewer_days' | 'less_time' | 'easier_step' | 'barriers';

export interface PlanAdvice {
  /** Confidence is 7 or more: no change suggested. */
  isConfident: boolean;
  /** Ways to make the plan smaller or easier, only when confidence is below 7. */
  suggestions: { kind: SuggestionKind; text: string }[];
  /** Said whatever the confidence: "every day" leaves no room for a bad day (domain notes §6.9). */
  warnings: { kind: 'every_day'; text: string }[];
}

const MINUTES = /(\d{1,3})\s*(minutes|minute|mins|min)\b/i;

/** Half the minutes, rounded to 5 when that is still 5 or more (20 → 10, 15 → 10, 5 → 3). */
function halfOf(minutes: number): number {
  const half = minutes / 2;
  return half >= 5 ? Math.max(5, Math.round(half / 5) * 5) : Math.max(1, Math.round(half));
}

/**
 * What Kindred says about a plan: below 7, concrete ways to make it smaller (fewer days, less each
 * time, an easier step, plan around what could get in the way), worded from the plan itself.
 */
export function planAdvice(plan: PlanDraft): PlanAdvice {
  const warnings: PlanAdvice['warnings'] =
    plan.daysPerWeek === 7
      ? [{ kind: 'every_day', text: 'Every day leaves no room for a bad day. Plans work better with a day or two off.' }]
      : [];
  if (!needsSmallerPlan(plan.confidence)) return { isConfident: true, suggestions: [], warnings };
  const suggestions: PlanAdvice['suggestions'] = [];
  if (plan.daysPerWeek > 1) {
    const fewer = plan.daysPerWeek >= 5 ? 3 : plan.daysPerWeek - 1;
    suggestions.push({
      kind: 'fewer_days',
      text: `Fewer days: ${daysWord(fewer)} a week instead of ${plan.daysPerWeek}.`,
    });
  }
  const minutes = MINUTES.exec(plan.howMuch);
  suggestions.push({
    kind: 'less_time',
    text: minutes
      ? `Less each time: ${halfOf(Number(minutes[1]))} minutes instead of ${Number(minutes[1])}.`
      : `Less each time: about half of “${plan.howMuch}”.`,
  });
  suggestions.push({
    kind: 'easier_step',
    text: `An easier step: a gentler or shorter version of “${plan.what}”, or just the first part of it.`,
  });
  suggestions.push({ kind: 'barriers', text: 'Ask what might get in the way, and plan around it.' });
  return { isConfident: false, suggestions, warnings };
}

/** "1 day", "3 days". */
export function daysWord(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/**
 * The versions of a plan to keep, numbered from 1: the earlier drafts (the original and each
 * revision) and the plan as saved. A draft identical to the one after it was not a revision and is
 * dropped, so a double click cannot invent one.
 */
export function planVersions(earlierDrafts: readonly PlanDraft[], final: PlanDraft): (PlanDraft & { version: number })[] {
  const all = [...earlierDrafts, final].map(pickDraft);
  const kept = all.filter((d, i) => i === all.length - 1 || !sameDraft(d, all[i + 1]!));
  return kept.map((d, i) => ({ ...d, version: i + 1 }));
}

function pickDraft(d: PlanDraft): PlanDraft {
  return { what: d.what, howMuch: d.howMuch, when: d.when, daysPerWeek: d.daysPerWeek, confidence: d.confidence };
}

function sameDraft(a: PlanDraft, b: PlanDraft): boolean {
  return (
    a.what === b.what &&
    a.howMuch === b.howMuch &&
    a.when === b.when &&
    a.daysPerWeek === b.daysPerWeek &&
    a.confidence === b.confidence
  );
}

export type ReadinessBand = 'not_now' | 'thinking' | 'ready';

/**
 * What the readiness ruler (0–10) suggests to the coach. Not being ready is respected: a small step
 * or simply talking is recorded instead of a forced goal (ECLIPSE participants would not set goals).
 */
export function readinessAdvice(readiness: number): { band: ReadinessBand; text: string } {
  if (readiness <= 3) {
    return {
      band: 'not_now',
      text: 'Not ready now, and that is fine. Talk about what matters to them, offer a handout, and ask again next time.',
    };
  }
  if (readiness <= 6) {
    return {
      band: 'thinking',
      text: 'Thinking about it. Agree on one small step, such as reading a handout or noticing when the pain is worse.',
    };
  }
  return { band: 'ready', text: 'They sound ready. You could make an action plan together instead.' };
}

/** A plan is reviewed once, at the next contact; a second review is refused (it would rewrite the first). */
export function checkReview(plan: { isReviewed: boolean }): void {
  if (plan.isReviewed) {
    throw new DomainError('conflict', 'plan_already_reviewed', 'This plan has already been reviewed');
  }
}

/** The current plan: the latest one not yet reviewed (plans are reviewed at the next contact). */
export function currentPlanOf<P extends { madeAt: Date; isReviewed: boolean }>(plans: readonly P[]): P | null {
  let current: P | null = null;
  for (const p of plans) {
    if (p.isReviewed) continue;
    if (!current || p.madeAt.getTime() > current.madeAt.getTime()) current = p;
  }
  return current;
}

/** Plans made and reviewed, and how the reviewed ones went. */
export function countReviews(plans: readonly { review: { outcome: ReviewOutcome } | null }[]): {
  made: number;
  reviewed: number;
  done: number;
  partly: number;
  notDone: number;
} {
  const outcomes = plans.flatMap((p) => (p.review ? [p.review.outcome] : []));
  return {
    made: plans.length,
    reviewed: outcomes.length,
    done: outcomes.filter((o) => o === 'done').length,
    partly: outcomes.filter((o) => o === 'partly').length,
    notDone: outcomes.filter((o) => o === 'not_done').length,
  };
}

/** How far back a participant may fill in the practice log: this week, today included. */
export const PRACTICE_BACKFILL_DAYS = 6;

/**
 * A practice-log day must fall between the day the plan was made and today (program local dates),
 * and within the last week: the log is a memory aid, not a diary to rewrite.
 */
export function checkPracticeDay(on: string, ctx: { today: string; planMadeOn: string }): void {
  if (on > ctx.today) throw new DomainError('invalid_state', 'practice_in_future', 'You can only log today or earlier');
  if (on < ctx.planMadeOn) {
    throw new DomainError('invalid_state', 'practice_before_plan', 'That day is before this plan was made');
  }
  if (on < addDaysOn(ctx.today, -PRACTICE_BACKFILL_DAYS)) {
    throw new DomainError('invalid_state', 'practice_too_old', 'You can log the last 7 days only');
  }
}

/**
 * One entry per plan and day: the first answer creates it, a different answer replaces it, and the
 * same answer again changes nothing (so a double tap or a retry is harmless).
 */
export function practiceWrite(existing: boolean | null, did: boolean): 'create' | 'update' | 'unchanged' {
  if (existing === null) return 'create';
  return existing === did ? 'unchanged' : 'update';
}

/** The last `n` days up to today, oldest first, each with what was logged (null: nothing logged). */
export function practiceDays(
  entries: readonly { on: string; did: boolean }[],
  today: string,
  n = PRACTICE_BACKFILL_DAYS + 1,
): { on: string; did: boolean | null }[] {
  const byDay = new Map(entries.map((e) => [e.on, e.did]));
  return Array.from({ length: n }, (_, i) => {
    const on = addDaysOn(today, i - n + 1);
    return { on, did: byDay.get(on) ?? null };
  });
}
