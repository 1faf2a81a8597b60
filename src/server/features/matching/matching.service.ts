import { eq, inArray } from 'drizzle-orm';
import {
  DEFAULT_MATCHING_SETTINGS,
  matchReport,
  MatchingSettings,
  maxPairQuality,
  proposeMatches,
  type MatchingApproval,
  type MatchingProposalView,
  type MatchReportView,
} from '../../../core/matching';
import type { PairingView } from '../../../core/pairings';
import { DomainError } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { coaches } from '../coaches/coaches.table';
import { createPairing } from '../pairings';
import { participants } from '../participants/participants.table';
import { loadProgram } from '../programs';
import { programs } from '../programs/programs.table';
import { pairedMail } from './matching.mail';
import { loadMatchingPool, loadReportPairings } from './matching.repository';
import { matchingSettings } from './matching.table';

/** Other coaches offered beside each proposal. */
const ALTERNATIVES = 5;

/**
 * The program's matching settings (ADR 0016): its own row, or the defaults (all hard rules on,
 * pain location weighted highest). A stored row is read through the schema, so a setting added
 * later takes its default.
 */
export async function settingsOf(db: Db | Tx, programId: string): Promise<MatchingSettings> {
  const [row] = await db.select().from(matchingSettings).where(eq(matchingSettings.programId, programId));
  if (!row) return DEFAULT_MATCHING_SETTINGS;
  const parsed = MatchingSettings.safeParse(row.settings);
  return parsed.success ? parsed.data : DEFAULT_MATCHING_SETTINGS;
}

/** The program's matching settings, for staff. Not personal data: not audited. */
export async function getMatchingSettings(deps: Deps, caller: Caller, programId: string): Promise<MatchingSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'matching:propose', { programId });
  return settingsOf(deps.db, programId);
}

/** Staff change the program's hard rules and weights; the change is audited. */
export async function updateMatchingSettings(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: MatchingSettings,
): Promise<MatchingSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'matching:configure', { programId });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(matchingSettings)
      .values({ programId, settings: input, updatedAt: now, updatedBy: caller.actor.personId })
      .onConflictDoUpdate({
        target: matchingSettings.programId,
        set: { settings: input, updatedAt: now, updatedBy: caller.actor.personId },
      });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'matching_settings', entityId: programId, programId }]);
  });
  return input;
}

/**
 * What kinds of matches last: every pairing the program made, by match characteristic, with how
 * long they lasted and why they ended (staff; evaluators too, as it holds counts only). Audited.
 */
export async function getMatchReport(deps: Deps, caller: Caller, programId: string): Promise<MatchReportView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'matching:report', { programId });
  const now = deps.clock.now();
  const [settings, rows] = await Promise.all([settingsOf(deps.db, programId), loadReportPairings(deps.db, programId)]);
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'pairing', programId }]);
  return matchReport(rows, settings.ageBandYears, now);
}

/** Builds the proposal for a program's waiting participants. The caller has authorized and audits. */
async function buildProposal(db: Db | Tx, programId: string): Promise<MatchingProposalView> {
  const settings = await settingsOf(db, programId);
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
 * reason) refuses the whole approval and nothing is saved. Both sides are told by e-mail, queued
 * in the same transaction, when an address is on record (ADR 0016).
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
    await notifyPaired(inTransaction, programId, created);
    return created;
  });
}

/** Queues the "you are paired" e-mails: to each participant and coach with an e-mail address. */
async function notifyPaired(deps: Deps, programId: string, created: readonly PairingView[]): Promise<void> {
  if (created.length === 0) return;
  const now = deps.clock.now();
  const [[program], people, coachRows] = await Promise.all([
    deps.db.select({ name: programs.name, ladder: programs.ladder }).from(programs).where(eq(programs.id, programId)),
    deps.db
      .select({ id: participants.id, givenName: participants.givenName, email: participants.email, locale: participants.locale })
      .from(participants)
      .where(
        inArray(
          participants.id,
          created.map((p) => p.participantId),
        ),
      ),
    deps.db
      .select({ id: coaches.id, givenName: coaches.givenName, email: coaches.email })
      .from(coaches)
      .where(inArray(coaches.id, [...new Set(created.map((p) => p.coachId))])),
  ]);
  const participant = new Map(people.map((p) => [p.id, p]));
  const coach = new Map(coachRows.map((c) => [c.id, c]));
  for (const pairing of created) {
    const p = participant.get(pairing.participantId);
    const c = coach.get(pairing.coachId);
    if (!p || !c) continue;
    const mail = pairedMail(
      {
        programName: program?.name ?? 'Kindred',
        publicUrl: deps.publicUrl,
        participantGivenName: p.givenName,
        coachGivenName: c.givenName,
        firstContactDays: program?.ladder.firstContactDays ?? 3,
      },
      p.locale,
    );
    if (p.email) {
      await deps.mailer.enqueue(
        deps.db,
        { programId, to: p.email, ...mail.participant, idempotencyKey: `paired:${pairing.id}:participant` },
        now,
      );
    }
    if (c.email) {
      await deps.mailer.enqueue(
        deps.db,
        { programId, to: c.email, ...mail.coach, idempotencyKey: `paired:${pairing.id}:coach` },
        now,
      );
    }
  }
}
