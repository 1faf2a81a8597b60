/** Reads every interview use case needs: a study of the program, a transcript of the study, coders' names. */
import { and, eq, inArray } from 'drizzle-orm';
import { DomainError, notFound } from '../../../core/shared/errors';
import type { View } from '../../access/policy';
import type { Db, Tx } from '../../platform/database';
import { people } from '../accounts/accounts.table';
import { interviewCodes, interviewStudies, interviewTranscripts } from './interviews.table';

export type Study = typeof interviewStudies.$inferSelect;
export type Transcript = typeof interviewTranscripts.$inferSelect;

/** The study in this program, or 404 (a study of another program does not exist here). */
export async function findInterviewStudy(db: Db | Tx, programId: string, studyId: string): Promise<Study> {
  const [study] = await db
    .select()
    .from(interviewStudies)
    .where(and(eq(interviewStudies.id, studyId), eq(interviewStudies.programId, programId)));
  if (!study) throw notFound();
  return study;
}

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
