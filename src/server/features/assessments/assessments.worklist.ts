/** Assessments: the program-wide worklist and the coordinator's tasks. */
import { dateOnWords } from '../../../core/shared/time';
import { assessmentStateLabels, scheduleFor, type AssessmentState, type WorklistRow } from '../../../core/assessments';
import type { TaskView } from '../../../core/tasks';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { loadProgram, type Program } from '../programs';
import { loadAssessmentSettings, loadScheduleFacts } from './assessments.repository';

export async function programSchedules(db: Db | Tx, program: Pick<Program, 'id' | 'timeZone'>, now: Date) {
  const [settings, participants] = await Promise.all([loadAssessmentSettings(db, program.id), loadScheduleFacts(db, program.id)]);
  return {
    settings,
    rows: participants.map((p) => ({ p, schedule: scheduleFor(settings, p.facts, now, program.timeZone) })),
  };
}

/** Assessments due, overdue and missed across the program: the assessor's and coordinator's worklist. */
export async function listWorklist(deps: Deps, caller: Caller, programId: string): Promise<WorklistRow[]> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:list', { programId });
  const now = deps.clock.now();
  const { rows } = await programSchedules(deps.db, program, now);
  const order: Record<AssessmentState, number> = { overdue: 0, due: 1, missed: 2, upcoming: 3, completed: 4, stopped: 5 };
  const out = rows
    .flatMap(({ p, schedule }) =>
      schedule
        .filter((s) => s.state === 'due' || s.state === 'overdue' || s.state === 'missed')
        .map((s) => ({
          participantId: p.id,
          participantName: p.name,
          code: p.code,
          timepointKey: s.key,
          label: s.label,
          state: s.state,
          missRecorded: s.missRecorded,
          dueOn: s.dueOn,
          closesOn: s.closesOn,
        })),
    )
    .sort((a, b) => order[a.state] - order[b.state] || a.dueOn.localeCompare(b.dueOn));
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'assessment', programId }]);
  return out;
}

/**
 * Due and overdue assessments as coordinator tasks (derived, never stored: they disappear once the
 * responses are saved, and a closed window shows as "missed" on the worklist and in the report).
 */
export async function openAssessmentTasks(db: Db, program: Pick<Program, 'id' | 'timeZone'>, now: Date): Promise<TaskView[]> {
  const { rows } = await programSchedules(db, program, now);
  return rows.flatMap(({ p, schedule }) =>
    schedule
      .filter((s) => s.state === 'due' || s.state === 'overdue')
      .map((s) => ({
        kind: 'assessment' as const,
        assignee: 'coordinator' as const,
        pairingId: null,
        participantId: p.id,
        participantName: p.name,
        coachId: null,
        coachName: '',
        dueOn: s.dueOn,
        isOverdue: s.state === 'overdue',
        reason: `${s.label} assessment ${assessmentStateLabels[s.state].toLowerCase()}; the window closes after ${dateOnWords(s.closesOn)}. ${s.doneInstruments.length} of ${s.instruments.length} questionnaires done.`,
        tips: [],
      })),
  );
}
