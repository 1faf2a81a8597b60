import { eq } from 'drizzle-orm';
import {
  DEFAULT_MATCHING_SETTINGS,
  maxPairQuality,
  proposeMatches,
  type MatchingApproval,
  type MatchingProposalView,
  type MatchingSettings,
} from '../../../core/matching';
import type { PairingView } from '../../../core/pairings';
import { DomainError } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { createPairing } from '../pairings';
import { loadProgram } from '../programs';
import { programs } from '../programs/programs.table';
import { loadMatchingPool } from './matching.repository';

/** Other coaches offered beside each proposal. */
const ALTERNATIVES = 5;

/**
 * The program's matching settings. Programs do not store their own yet (#6), so every program
 * uses the defaults: all hard rules on, pain location weighted highest.
 */
function settingsOf(_programId: string): MatchingSettings {
  return DEFAULT_MATCHING_SETTINGS;
}

/** Builds the proposal for a program's waiting participants. The caller has authorized and audits. */
async function buildProposal(db: Db | Tx, programId: string): Promise<MatchingProposalView> {
  const settings = settingsOf(programId);
  const pool = await loadMatchingPool(db, programId);
  const result = proposeMatches(pool.participants, pool.coaches, settings, { alternatives: ALTERNATIVES });
  const participant = new Map(pool.participants.map((p) => [p.id, p]));
  const coach = new Map(pool.coaches.map((c) => [c.id, c]));
  const named = new Set<string>();
  const coachName = (id: string) => {
    named.add(id);
    return coach.get(id)!.name;
  };
  return {
    settings,
    waiting: pool.participants.length,
    matched: result.matched,
    totalQuality: result.totalQuality,
    maxPairQuality: maxPairQuality(settings),
    proposals: result.proposals.map((x) => ({
      participantId: x.participantId,
      participantName: participant.get(x.participantId)!.name,
      participantCode: participant.get(x.participantId)!.code,
      coachId: x.coachId,
      coachName: coachName(x.coachId),
      quality: x.quality,
      reasons: x.reasons,
      needsGenderReason: x.needsGenderReason,
      alternatives: x.alternatives.map((a) => ({ ...a, coachName: coachName(a.coachId) })),
    })),
    unmatched: result.unmatched.map((u) => ({
      participantId: u.participantId,
      participantName: participant.get(u.participantId)!.name,
      participantCode: participant.get(u.participantId)!.code,
      code: u.code,
      reason: u.reason,
    })),
    coaches: [...named].sort().map((id) => ({ id, name: coach.get(id)!.name, placesLeft: coach.get(id)!.capacityLeft })),
  };
}

/** Proposes coaches for all of a program's waiting participants at once (staff only). */
export async function proposeForProgram(deps: Deps, caller: Caller, programId: string): Promise<MatchingProposalView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'matching:propose', { programId });
  const view = await buildProposal(deps.db, programId);
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'list', entityType: 'participant', programId },
    { verb: 'list', entityType: 'coach', programId },
  ]);
  return view;
}

/**
 * The proposal for an operator at the command line (no signed-in person; the database access is
 * the authority). Null when the program does not exist. The read is audited with no actor.
 */
export async function proposeForOperator(db: Db, now: Date, programId: string): Promise<MatchingProposalView | null> {
  const [program] = await db.select({ id: programs.id }).from(programs).where(eq(programs.id, programId));
  if (!program) return null;
  const view = await buildProposal(db, programId);
  await audit(db, { actor: null, requestId: 'cli:match', ip: null }, now, [
    { verb: 'list', entityType: 'participant', programId },
    { verb: 'list', entityType: 'coach', programId },
  ]);
  return view;
}

/**
 * Approves pairs (as proposed or adjusted by the coordinator) in one transaction: each goes through
 * the pairings feature's own use case, with its rules, row locks and audit rows, so a pair the
 * rules refuse (a coach now full, a participant paired meanwhile, a cross-gender pair without a
 * reason) refuses the whole approval and nothing is saved. The pairings feature sends no e-mail
 * on pairing yet, so neither does this.
 */
export async function approveMatches(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: MatchingApproval,
): Promise<PairingView[]> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'matching:approve', { programId });
  return deps.db.transaction(async (tx) => {
    const inTransaction: Deps = { ...deps, db: tx };
    const created: PairingView[] = [];
    for (const [k, pair] of input.pairs.entries()) {
      try {
        created.push(await createPairing(inTransaction, caller, programId, pair));
      } catch (err) {
        // Say which pair was refused (by position: nothing personal in an error).
        if (err instanceof DomainError && input.pairs.length > 1) {
          throw new DomainError(err.code, err.reason, `Pair ${k + 1} of ${input.pairs.length}: ${err.message}`);
        }
        throw err;
      }
    }
    return created;
  });
}
