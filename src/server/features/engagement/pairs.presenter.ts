import { ladderPosition, pairMeasures, type PairHelpView } from '../../../core/engagement';
import { daysBetween } from '../../../core/shared/time';
import { taskRulesOf, type Program } from '../programs';
import type { ActivityDetail, ActivityRow } from '../tasks';

/** The window of "the coach's recent activity" in "Pairs that need help". */
export const COACH_ACTIVITY_DAYS = 14;

/** One pair's row in "Pairs that need help". */
export function presentPair(a: ActivityRow & ActivityDetail, program: Program, now: Date): PairHelpView {
  const rules = taskRulesOf(program);
  const pos = ladderPosition(a, rules, now);
  const step = pos.state === 'ended' ? 'none' : pos.state;
  const checkIn = a.acts.find((x) => x.step === 'check_in' && x.episodeStartedAt.getTime() === pos.episodeStartedAt.getTime());
  const lastFired = pos.fired[pos.fired.length - 1];
  const nextAction =
    step === 'decision' && !pos.isDecisionRecorded
      ? 'decision'
      : (step === 'check_in' || step === 'decision') && !pos.isCheckInRecorded
        ? 'check_in'
        : null;
  return {
    pairingId: a.pairingId,
    participantId: a.participantId,
    participantName: a.participantName,
    coachId: a.coachId,
    coachName: a.coachName,
    pairedAt: a.startedAt.toISOString(),
    lastReachedAt: a.lastReachedAt?.toISOString() ?? null,
    daysQuiet: Math.max(0, daysBetween(a.lastReachedAt ?? a.startedAt, now)),
    attemptsSince: a.attemptsSinceReached,
    step,
    stepSince: lastFired ? pos.dueAt[lastFired].toISOString() : null,
    pausedUntil: pos.resumesAt ? a.contactPausedUntil : null,
    checkInRecordedAt: checkIn?.actedAt.toISOString() ?? null,
    nextAction: step === 'paused' ? null : nextAction,
    coachActivity: { attempts: a.coachAttempts, reached: a.coachReached, days: COACH_ACTIVITY_DAYS },
    measures: pairMeasures(a, { lengthDays: program.lengthDays, targetContacts: program.targetContacts }, now),
  };
}
