import { addDaysOn, zonedMidnight } from '../shared/time';
import { scheduleFor, type AssessmentSettings, type ScheduleFacts } from './schedule';

/**
 * Missed assessments recorded durably (issue #5: "missed windows are recorded as missed, not
 * silently dropped"; docs/decisions/0015-assessments.md). A sweep writes one `assessment_misses` row
 * per participant and timepoint the first time the schedule says `missed`; from then on the record,
 * not the settings of the day, decides. Pure: no clock, no I/O.
 */

/** A miss to record: which timepoint, and the window it had when it closed. */
export interface MissToRecord {
  timepointKey: string;
  /** The instant the window opened (local midnight of its first day). */
  windowOpenedAt: Date;
  /**
   * The instant the window closed: its scheduled close (from the enrolment date alone), or the
   * local midnight after the day the participant withdrew if that came first.
   */
  windowClosedAt: Date;
}

/**
 * The timepoints of one participant that are missed at instant `at` and not yet recorded: the
 * window closed (exactly at its close counts: the close is exclusive) without every response saved.
 * A participant who withdrew before a window opened is `stopped` there, not missed; a window open
 * when he or she withdrew is missed from the local midnight after the last day.
 */
export function missesToRecord(settings: AssessmentSettings, facts: ScheduleFacts, at: Date, timeZone: string): MissToRecord[] {
  const recorded = facts.recordedMisses ?? new Set<string>();
  // The schedule without the recorded misses, so the rule reads the windows alone.
  const schedule = scheduleFor(settings, { ...facts, recordedMisses: new Set() }, at, timeZone);
  return schedule.flatMap((s) => {
    if (s.state !== 'missed' || recorded.has(s.key)) return [];
    const left = facts.endedOn !== null ? zonedMidnight(addDaysOn(facts.endedOn, 1), timeZone) : null;
    const candidates = [s.closesAt, left].filter((d): d is Date => d !== null && d.getTime() <= at.getTime());
    const closed = candidates.reduce((a, b) => (b.getTime() < a.getTime() ? b : a));
    return [{ timepointKey: s.key, windowOpenedAt: s.opensAt, windowClosedAt: closed }];
  });
}

/**
 * The timepoints a settings change would orphan: keys that saved answers, links or recorded misses
 * refer to and that the new settings no longer have (a renamed key orphans the old one). Each with
 * the label it had, for the refusal.
 */
export function orphanedTimepoints(
  current: AssessmentSettings,
  next: AssessmentSettings,
  usedKeys: ReadonlySet<string>,
): { key: string; label: string }[] {
  const kept = new Set(next.timepoints.map((t) => t.key));
  return [...usedKeys]
    .filter((k) => !kept.has(k))
    .sort()
    .map((key) => ({ key, label: current.timepoints.find((t) => t.key === key)?.label ?? key }));
}
