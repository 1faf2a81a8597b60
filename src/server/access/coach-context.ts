import { and, eq } from 'drizzle-orm';
import { notFound } from '../../core/shared/errors';
import type { Caller, Deps } from '../platform/context';
import type { Db } from '../platform/database';
import { coaches } from '../features/coaches/coaches.table';
import { loadProgram, type Program } from '../features/programs';
import { decide, type Action } from './policy';
import { programContext, type ProgramContext } from './program-context';
import { relationToCoach } from './relations';

/** A coach's record as stored. */
export type CoachRecord = typeof coaches.$inferSelect;

/** Reads one coach of a program (a feature may pass its own, richer read). */
export type CoachRead<T> = (db: Db, programId: string, coachId: string, now: Date) => Promise<T | undefined>;

const readCoach: CoachRead<CoachRecord> = async (db, programId, coachId) => {
  const [row] = await db
    .select()
    .from(coaches)
    .where(and(eq(coaches.programId, programId), eq(coaches.id, coachId)));
  return row;
};

/**
 * Authorizes `action` on one coach record and answers the context (issue #14). The one rule for
 * "hide or forbid" on a coach's records (well-being, training, the agreement, preferences, impact,
 * the record itself):
 *
 * - Who may see a coach record at all — staff of the program for any coach, a coach for his or her
 *   own (`coach:view`) — and is refused the action is **forbidden** (403): staff may read a coach's
 *   training but not take a module or sign for the coach; a coach may not follow up his or her own
 *   check-in.
 * - Anyone else is answered **not found** (404), so the record's existence is not revealed: another
 *   coach's record, a participant or evaluator asking for a coach, and (as `authorize` does) anyone
 *   with no role in the program.
 *
 * `coach-context.test.ts` checks that `coach:view` allows exactly whom the coach-record actions'
 * own "see" rules allow (`wellbeing:view`, `training:view`, `coach:preferences`, `impact:view`), so
 * the one rule answers as each feature's did.
 */
export function coachAccess(caller: Caller, programId: string, coachId: string, action: Action, now: Date): ProgramContext {
  const relation = relationToCoach(caller.actor, programId, coachId);
  const hideExistence = decide(caller.actor, 'coach:view', programId, relation) === null;
  return programContext(caller, programId, action, { relation, hideExistence }, now);
}

export interface CoachLoaded<T> {
  program: Program;
  coach: T;
  ctx: ProgramContext;
}

/**
 * Loads the program and one of its coaches for `action`, authorized once by `coachAccess` (before
 * the coach is read, so a refusal does not depend on whether the coach exists). A missing coach is
 * not found. `read` replaces the plain read of the coach's row.
 */
export async function loadCoachFor(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
  action: Action,
): Promise<CoachLoaded<CoachRecord>>;
export async function loadCoachFor<T>(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
  action: Action,
  read: CoachRead<T>,
): Promise<CoachLoaded<T>>;
export async function loadCoachFor(
  deps: Deps,
  caller: Caller,
  programId: string,
  coachId: string,
  action: Action,
  read: CoachRead<unknown> = readCoach,
): Promise<CoachLoaded<unknown>> {
  const program = await loadProgram(deps.db, caller, programId);
  const now = deps.clock.now();
  const ctx = coachAccess(caller, programId, coachId, action, now);
  const coach = await read(deps.db, programId, coachId, now);
  if (!coach) throw notFound();
  return { program, coach, ctx };
}
