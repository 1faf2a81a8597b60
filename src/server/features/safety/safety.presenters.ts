/** Safety: an event as staff see it. */
import { possibleSteps, safetyTimings, type SafetyEventView } from '../../../core/safety';
import type { Deps } from '../../platform/context';
import type { Program } from '../programs';
import { findFollowUps, type SafetyEventRecord } from './safety.repository';

export function timingsView(e: SafetyEventRecord, now: Date, timeZone: string) {
  const t = safetyTimings(e, now, timeZone);
  return { ...t, followUpDueAt: t.followUpDueAt.toISOString() };
}

export const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export async function presentEvent(deps: Deps, e: SafetyEventRecord, program: Program, now: Date): Promise<SafetyEventView> {
  const followUps = await findFollowUps(deps.db, e.programId, e.id);
  return {
    id: e.id,
    participantId: e.participantId,
    participantName: e.participantName,
    participantCode: e.participantCode,
    participantPhone: e.participantPhone,
    coachId: e.coachId,
    coachName: e.coachName,
    trigger: e.trigger,
    category: e.category,
    state: e.state,
    note: e.note,
    details: e.details,
    raisedAt: e.raisedAt.toISOString(),
    raisedByRole: e.raisedByRole,
    raisedByName: e.raisedByName,
    acknowledgedAt: iso(e.acknowledgedAt),
    acknowledgedByName: e.acknowledgedByName,
    closedAt: iso(e.closedAt),
    closedByName: e.closedByName,
    closeNote: e.closeNote,
    followUps: followUps.map((f) => ({
      id: f.id,
      doneAt: f.doneAt.toISOString(),
      action: f.action,
      referredTo: f.referredTo,
      recordedByName: f.recordedByName,
      recordedAt: f.recordedAt.toISOString(),
    })),
    timings: timingsView(e, now, program.timeZone),
    steps: possibleSteps(e.state),
  };
}
