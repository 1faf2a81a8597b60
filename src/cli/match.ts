import type { MatchingProposalView } from '../core/matching';
import { Uuid } from '../core/shared/vocab';
import { proposeForOperator } from '../server/features/matching';
import type { Database } from '../server/platform/database';

/** Opens the configured database for the command (with the data-directory lock) and runs `fn` on it. */
export type OpenDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

export type MatchOutcome = { ok: true; out: string } | { ok: false; error: string };

/**
 * What `kindred match --dry-run` prints: the proposal with ids and participant codes but no names,
 * since the output is meant for scripts and files (names are in the app). Reasons are plain words.
 */
export function scriptView(v: MatchingProposalView) {
  return {
    settings: v.settings,
    waiting: v.waiting,
    matched: v.matched,
    totalQuality: v.totalQuality,
    maxPairQuality: v.maxPairQuality,
    proposals: v.proposals.map((p) => ({
      participantId: p.participantId,
      participantCode: p.participantCode,
      coachId: p.coachId,
      quality: p.quality,
      reasons: p.reasons,
      needsGenderReason: p.needsGenderReason,
    })),
    unmatched: v.unmatched.map((u) => ({
      participantId: u.participantId,
      participantCode: u.participantCode,
      code: u.code,
      reason: u.reason,
    })),
  };
}

/**
 * `kindred match --program <id> --dry-run`: prints the program's matching proposal as JSON. Only
 * the dry run exists here: approval happens in the app, where a coordinator reviews each pair.
 * Usage is checked before the database is opened.
 */
export async function runMatchCommand(opts: { program: string; dryRun?: boolean }, open: OpenDatabase): Promise<MatchOutcome> {
  const programId = Uuid.safeParse(opts.program);
  if (!programId.success) return { ok: false, error: '--program must be a program id (a UUID)' };
  if (!opts.dryRun) {
    return {
      ok: false,
      error:
        'kindred match only proposes: add --dry-run to print the proposal as JSON. Approve pairs in the app ' +
        '(Matching page), where a coordinator reviews each one.',
    };
  }
  const view = await open((db) => proposeForOperator(db.db, new Date(), programId.data));
  if (!view) return { ok: false, error: `No program with id ${programId.data}` };
  return { ok: true, out: `${JSON.stringify(scriptView(view), null, 2)}\n` };
}
