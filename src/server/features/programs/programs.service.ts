import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { checkProgramTopics } from '../../../core/curriculum';
import type { ProgramInput, ProgramUpdate } from '../../../core/programs';
import { DomainError } from '../../../core/shared/errors';
import { DEFAULT_TASK_RULES, type TaskRules } from '../../../core/tasks';
import { authorize, authorizeDeployment } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { programs } from './programs.table';

export type Program = typeof programs.$inferSelect;

/** Loads a program the caller belongs to; others answer not found. */
export async function loadProgram(db: Db | Tx, caller: Caller, programId: string): Promise<Program> {
  authorize(caller.actor, 'program:view', { programId });
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!program) throw new DomainError('not_found', undefined, 'Not found');
  return program;
}

export function taskRulesOf(p: Program): TaskRules {
  return { cadenceDays: p.cadenceDays, lengthDays: p.lengthDays, timeZone: p.timeZone, ladder: p.ladder, ...DEFAULT_TASK_RULES };
}

export async function listPrograms(deps: Deps, caller: Caller): Promise<Program[]> {
  const ids = [...caller.actor.roles.keys()];
  const rows = caller.actor.isAdmin
    ? await deps.db.select().from(programs)
    : ids.length === 0
      ? []
      : await deps.db.select().from(programs).where(inArray(programs.id, ids));
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

export async function createProgram(deps: Deps, caller: Caller, input: ProgramInput): Promise<Program> {
  authorizeDeployment(caller.actor);
  checkProgramTopics(deps.curriculum.topics, input.topics);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(programs)
      .values({ id: newId(), ...input, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'program', entityId: row.id, programId: row.id }]);
    return row;
  });
}

export async function updateProgram(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: z.infer<typeof ProgramUpdate>,
): Promise<Program> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'program:update', { programId });
  if (input.topics) checkProgramTopics(deps.curriculum.topics, input.topics);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(programs)
      .set({ ...input, updatedAt: now })
      .where(eq(programs.id, programId))
      .returning();
    if (!row) throw new DomainError('not_found', undefined, 'Not found');
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'program', entityId: programId, programId }]);
    return row;
  });
}
