import { localizeTopic, resolveProgramCurriculum, type LocalizedTopic } from '../../../core/curriculum';
import { notFound } from '../../../core/shared/errors';
import type { Locale } from '../../../core/shared/locale';
import { authorize, type View } from '../../access/policy';
import { ownParticipantId } from '../../access/relations';
import type { Caller, Deps } from '../../platform/context';
import { localeOfParticipant } from '../participants';
import { loadProgram } from '../programs';

/**
 * The language to show the curriculum in: the one asked for, else the participant's own choice
 * when the caller is this program's participant (ADR 0051), else English (the source).
 */
async function languageFor(deps: Deps, caller: Caller, programId: string, asked: Locale | undefined): Promise<Locale> {
  if (asked) return asked;
  const participantId = ownParticipantId(caller.actor, programId);
  return participantId ? localeOfParticipant(deps.db, participantId) : 'en';
}

/**
 * The program's topics in the program's order and in the reader's language, with how much of each
 * the caller may read. The curriculum is content, not personal data, so reading it is not audited
 * (the participant's own language choice decides only which text is sent).
 */
export async function programCurriculum(
  deps: Deps,
  caller: Caller,
  programId: string,
  lang?: Locale,
): Promise<{ view: View; topics: LocalizedTopic[] }> {
  const view = authorize(caller.actor, 'curriculum:view', { programId });
  const [program, locale] = await Promise.all([
    loadProgram(deps.db, caller, programId),
    languageFor(deps, caller, programId, lang),
  ]);
  const topics = resolveProgramCurriculum(deps.curriculum.topics, program.topics).topics;
  return { view, topics: topics.map((t) => localizeTopic(t, locale, deps.curriculum)) };
}

/** One topic of the program's curriculum; a topic the program did not choose answers not found. */
export async function programTopic(
  deps: Deps,
  caller: Caller,
  programId: string,
  key: string,
  lang?: Locale,
): Promise<{ view: View; topic: LocalizedTopic }> {
  const { view, topics } = await programCurriculum(deps, caller, programId, lang);
  const topic = topics.find((t) => t.key === key);
  if (!topic) throw notFound();
  return { view, topic };
}
