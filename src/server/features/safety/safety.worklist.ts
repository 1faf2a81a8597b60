/** Safety: events as lists (the oversight log, the banner heading staff pages, the coordinators' tasks). */
import {
  awaitingAcknowledgement,
  compareSafetyTasks,
  safetyTaskReason,
  safetyTimings,
  summarizeSafetyLog,
  type OpenSafetyEventsView,
  type SafetyLogView,
} from '../../../core/safety';
import { localDateOf } from '../../../core/shared/time';
import type { TaskView } from '../../../core/tasks';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db } from '../../platform/database';
import { loadProgram, type Program } from '../programs';
import { findSafetyEvents } from './safety.repository';
import { iso, timingsView } from './safety.presenters';

/**
 * The program's safety and adverse-event log for oversight, newest first, with the time to
 * acknowledgement and to follow-up: names for staff, participant codes only for evaluators.
 */
export async function safetyLog(deps: Deps, caller: Caller, programId: string): Promise<SafetyLogView> {
  const program = await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'safety:log', { programId });
  const events = await findSafetyEvents(deps.db, { programId });
  const now = deps.clock.now();
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'safety_event', programId }]);
  const isFull = view === 'full';
  return {
    view: isFull ? 'full' : 'pseudonymous',
    summary: summarizeSafetyLog(events, now, program.timeZone),
    events: events.map((e) => {
      const base = {
        id: e.id,
        participantCode: e.participantCode,
        trigger: e.trigger,
        category: e.category,
        state: e.state,
        raisedAt: e.raisedAt.toISOString(),
        raisedByRole: e.raisedByRole,
        acknowledgedAt: iso(e.acknowledgedAt),
        firstFollowUpAt: iso(e.firstFollowUpAt),
        closedAt: iso(e.closedAt),
        timings: timingsView(e, now, program.timeZone),
      };
      return isFull
        ? {
            view: 'full' as const,
            ...base,
            participantId: e.participantId,
            participantName: e.participantName,
            raisedByName: e.raisedByName,
          }
        : { view: 'pseudonymous' as const, ...base };
    }),
  };
}

/**
 * The events waiting for acknowledgement, for the banner heading every staff page (issue #16): how
 * many, and the first few by who raised them and the longest wait, with only what the banner
 * shows. Staff only, like acting on an event; it names people, so it is audited as a list.
 */
export async function openSafetyEvents(
  deps: Deps,
  caller: Caller,
  programId: string,
  limit: number,
): Promise<OpenSafetyEventsView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'safety:act', { programId });
  const open = awaitingAcknowledgement(await findSafetyEvents(deps.db, { programId, isUnacknowledged: true }));
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'safety_event', programId }]);
  return {
    total: open.length,
    events: open.slice(0, limit).map((e) => ({
      id: e.id,
      participantName: e.participantName,
      raisedAt: e.raisedAt.toISOString(),
      trigger: e.trigger,
    })),
  };
}

/**
 * The coordinators' safety tasks: every event not yet closed, before any other task (the tasks
 * feature puts them first). The caller has already been authorized to see staff tasks.
 */
export async function openSafetyTasks(db: Db, program: Pick<Program, 'id' | 'timeZone'>, now: Date): Promise<TaskView[]> {
  const events = await findSafetyEvents(db, { programId: program.id, isOpen: true });
  return [...events].sort(compareSafetyTasks).map((e) => {
    const t = safetyTimings(e, now, program.timeZone);
    const dueDay = e.state === 'open' ? e.raisedAt : new Date(t.followUpDueAt.getTime() - 1);
    return {
      kind: 'safety' as const,
      assignee: 'coordinator' as const,
      pairingId: null,
      participantId: e.participantId,
      participantName: e.participantName,
      coachId: e.coachId,
      coachName: e.coachName ?? '',
      dueOn: localDateOf(dueDay, program.timeZone),
      isOverdue: t.followUpStatus === 'overdue',
      reason: safetyTaskReason(e, program.timeZone),
      tips: [],
      safetyEventId: e.id,
    };
  });
}
