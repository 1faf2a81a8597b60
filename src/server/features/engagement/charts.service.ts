/** Engagement: the program's engagement charts. */
import { ladderOutcomes, weeklyReached, type EngagementCharts } from '../../../core/engagement';
import { addDays } from '../../../core/shared/time';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { loadProgram } from '../programs';
import { findLadderEventFacts, findReachedSince } from './engagement.repository';

/** How many weeks the weekly reached-contacts chart shows. */
const CHART_WEEKS = 12;

/** The series of the program dashboard's engagement charts (staff and evaluators: counts only, no names). */
export async function engagementCharts(deps: Deps, caller: Caller, programId: string): Promise<EngagementCharts> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'overview:view', { programId });
  const now = deps.clock.now();
  const [reached, events] = await Promise.all([
    findReachedSince(deps.db, programId, addDays(now, -7 * (CHART_WEEKS + 1))),
    findLadderEventFacts(deps.db, programId),
  ]);
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'engagement_charts', entityId: programId, programId }]);
  return {
    timeZone: program.timeZone,
    weekly: weeklyReached(reached, { now, timeZone: program.timeZone, weeks: CHART_WEEKS }),
    ladder: ladderOutcomes(events),
  };
}
