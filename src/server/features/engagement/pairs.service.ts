/** Engagement: "Pairs that need help", one page at a time (ADR 0048). */
import { pairsMatching, type PairsPageView, type PairsQuery } from '../../../core/engagement';
import { addDays } from '../../../core/shared/time';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { loadProgram, taskRulesOf } from '../programs';
import { loadPairingActivity } from '../tasks';
import { COACH_ACTIVITY_DAYS, presentPair } from './pairs.presenter';
import { findPairsPage } from './pairs.repository';

/**
 * "Pairs that need help", for staff: one page of the program's active pairs with their ladder step
 * and measures. The step, filters, order and page come from SQL (pairs.repository.ts, ADR 0048);
 * only the page's pairs are then read in full and presented here, so the view is the same as before.
 */
export async function listPairs(deps: Deps, caller: Caller, programId: string, query: PairsQuery): Promise<PairsPageView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'pair:list', { programId });
  const now = deps.clock.now();
  const since = addDays(now, -COACH_ACTIVITY_DAYS);
  const { pairingIds, counts } = await findPairsPage(
    deps.db,
    { programId, rules: taskRulesOf(program), now, coachSince: since },
    query,
  );
  const activity = pairingIds.length === 0 ? [] : await loadPairingActivity(deps.db, { programId, pairingIds }, { since });
  const byId = new Map(activity.map((a) => [a.pairingId, a]));
  // A pair that ended between the two reads is left out of the page.
  const pairs = pairingIds.flatMap((id) => {
    const a = byId.get(id);
    return a ? [presentPair(a, program, now)] : [];
  });
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'pair', programId }]);
  return { pairs, offset: query.offset, limit: query.limit, total: pairsMatching(counts, query.step), counts };
}
