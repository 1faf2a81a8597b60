/** Assessments: the program-level report by timepoint. */
import { assessmentStates, bandCounts, distributionOf, type AssessmentState, type ReportView } from '../../../core/assessments';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { loadProgram } from '../programs';
import { findResponses, loadProgramInstruments } from './assessments.repository';
import { totalBands } from './assessments.presenters';
import { programSchedules } from './assessments.worklist';

/** Program-level distributions by timepoint: how many completed or missed, and the scores' spread and bands. */
export async function programReport(deps: Deps, caller: Caller, programId: string): Promise<ReportView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:report', { programId });
  const now = deps.clock.now();
  const [{ settings, rows }, instruments, responses] = await Promise.all([
    programSchedules(deps.db, program, now),
    loadProgramInstruments(deps.db, programId),
    findResponses(deps.db, { programId }),
  ]);
  const timepoints = settings.timepoints.map((tp) => {
    const counts = Object.fromEntries(assessmentStates.map((s) => [s, 0])) as Record<AssessmentState, number>;
    let missesRecorded = 0;
    for (const { schedule } of rows) {
      const s = schedule.find((x) => x.key === tp.key);
      if (s) counts[s.state] += 1;
      if (s?.state === 'missed' && s.missRecorded) missesRecorded += 1;
    }
    return {
      key: tp.key,
      label: tp.label,
      counts,
      missesRecorded,
      instruments: tp.instruments.flatMap((id) => {
        const inst = instruments.get(id);
        if (!inst) return [];
        const scored = responses.filter((r) => r.timepointKey === tp.key && r.instrumentId === id && r.score.total !== null);
        const bands = totalBands(inst);
        return [
          {
            id,
            title: inst.title,
            range: inst.totalRange,
            bands,
            distribution: distributionOf(scored.map((r) => r.score.total!)),
            bandCounts: bandCounts(
              bands,
              scored.map((r) => r.score.severity),
            ),
          },
        ];
      }),
    };
  });
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'assessment_report', programId }]);
  return { timepoints };
}
