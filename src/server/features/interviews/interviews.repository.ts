/** Reads every interview use case needs (the study itself comes through `authorizeStudy`): a transcript of the study, coders' names. */
import { and, eq, inArray } from 'drizzle-orm';
import { DomainError, notFound } from '../../../core/shared/errors';
import type { View } from '../../access/policy';
import type { Db, Tx } from '../../platform/database';
import { people } from '../accounts/accounts.table';
import { interviewCodes, interviewTranscripts } from './interviews.table';

import type { Study } from '../../access/study-access';
export type { Study };
export type Transcript = typeof interviewTranscripts.$inferSelect;

/** A transcript of the study; evaluators (pseudonymous view) never reach one still pending. */
export async function findTranscript(db: Db | Tx, study: Study, transcriptId: string, view: View): Promise<Transcript> {
  const [t] = await db
    .select()
    .from(interviewTranscripts)
    .where(and(eq(interviewTranscripts.id, transcriptId), eq(interviewTranscripts.studyId, study.id)));
  if (!t || (view !== 'full' && t.state !== 'ready')) throw notFound();
  return t;
}

/** Coders' display names, in the order of `ids`. */
export async function codersOf(db: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: people.id, name: people.displayName })
    .from(people)
    .where(inArray(people.id, [...ids]));
  return rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
}

/** Refuses a code that is not in the study's codebook (a code of another study does not exist here). */
export async function requireCodeOfStudy(db: Db | Tx, studyId: string, codeId: string): Promise<void> {
  const [code] = await db
    .select({ id: interviewCodes.id })
    .from(interviewCodes)
    .where(and(eq(interviewCodes.id, codeId), eq(interviewCodes.studyId, studyId)));
  if (!code) throw new DomainError('invalid_state', 'code_not_in_codebook', 'That code is not in this study’s codebook');
}
