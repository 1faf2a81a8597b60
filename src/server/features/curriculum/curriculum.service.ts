import { resolveProgramCurriculum, type ProgramTopic } from '../../../core/curriculum';
import { notFound } from '../../../core/shared/errors';
import { authorize, type View } from '../../access/policy';
import type { Caller, Deps } from '../../platform/context';
import { loadProgram } from '../programs';

/**
 * The program's topics in the program's order, with how much of each the caller may read. The
 * curriculum is content, not personal data, so reading it is not audited.
 */
export async function programCurriculum(
  deps: Deps,
  caller: Caller,
  programId: string,
): Promise<{ view: View; topics: ProgramTopic[] }> {
  const view = authorize(caller.actor, 'curriculum:view', { programId });
  const program = await loadProgram(deps.db, caller, programId);
  return { view, topics: resolveProgramCurriculum(deps.curriculum.topics, program.topics).topics };
}

/** One topic of the program's curriculum; a topic the program did not choose answers not found. */
export async function programTopic(
  deps: Deps,
  caller: Caller,
  programId: string,
  key: string,
): Promise<{ view: View; topic: ProgramTopic }> {
  const { view, topics } = await programCurriculum(deps, caller, programId);
  const topic = topics.find((t) => t.key === key);
  if (!topic) throw notFound();
  return { view, topic };
}
