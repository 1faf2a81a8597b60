/** Engagement: the best times to reach a participant, from when calls were answered. */
import { bandCounts, localTimeOf, suggestBestTimes, type BestTimesView } from '../../../core/engagement';
import { addDays } from '../../../core/shared/time';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { loadParticipantFor } from '../../access/participant-context';
import { countProgramAttemptsByHour, findAttempts } from './engagement.repository';

/** How far back the program-wide pattern of answered calls looks. */
const PATTERN_DAYS = 180;

/**
 * The best times to try a participant next, for the participant's coach and for staff: learnt from
 * the participant's own attempts and the program's pattern, within the participant's stated days,
 * times and pause.
 */
export async function bestTimes(deps: Deps, caller: Caller, programId: string, participantId: string): Promise<BestTimesView> {
  const { participant: record, program } = await loadParticipantFor(deps, caller, programId, participantId, 'outreach:suggest');
  const now = deps.clock.now();
  const [own, hours] = await Promise.all([
    findAttempts(deps.db, programId, participantId),
    countProgramAttemptsByHour(deps.db, programId, program.timeZone, addDays(now, -PATTERN_DAYS)),
  ]);
  const result = suggestBestTimes({
    attempts: own.map((a) => ({ ...localTimeOf(a.occurredAt, program.timeZone), outcome: a.outcome })),
    program: bandCounts(hours),
    preferences: record,
    now: localTimeOf(now, program.timeZone),
  });
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'best_times', entityId: participantId, programId }]);
  return { timeZone: program.timeZone, ...result };
}
