import { and, eq, isNotNull } from 'drizzle-orm';
import { shiftHeldSpans, type Replacement } from '../../../core/interviews';
import type { Tx } from '../../platform/database';
import { interviewCodings, interviewMemos } from './interviews.table';

/**
 * Moves the codings and passage memos held on a pending transcript's original text (an imported
 * project's, ADR 0055) onto its de-identified text, in the confirmation's transaction. A coding
 * left empty or landing on another of the same coder and code is removed; a passage memo whose
 * passage is gone stays on the transcript as a whole.
 */
export async function shiftHeldCodingsAndMemos(
  tx: Tx,
  transcriptId: string,
  replacements: readonly Replacement[],
): Promise<void> {
  const codings = await tx.select().from(interviewCodings).where(eq(interviewCodings.transcriptId, transcriptId));
  if (codings.length) {
    const { kept } = shiftHeldSpans(replacements, codings, (c) => `${c.coderId}:${c.codeId}`);
    // Deleted and written again: moving rows one by one could meet the unique index half-way.
    await tx.delete(interviewCodings).where(eq(interviewCodings.transcriptId, transcriptId));
    for (let i = 0; i < kept.length; i += 1000) await tx.insert(interviewCodings).values(kept.slice(i, i + 1000));
  }
  const memos = await tx
    .select()
    .from(interviewMemos)
    .where(and(eq(interviewMemos.transcriptId, transcriptId), isNotNull(interviewMemos.start), isNotNull(interviewMemos.end)));
  const spans = memos.map((m) => ({ id: m.id, start: m.start!, end: m.end! }));
  const { kept, dropped } = shiftHeldSpans(replacements, spans, (m) => m.id);
  for (const m of kept) await tx.update(interviewMemos).set({ start: m.start, end: m.end }).where(eq(interviewMemos.id, m.id));
  for (const m of dropped) await tx.update(interviewMemos).set({ start: null, end: null }).where(eq(interviewMemos.id, m.id));
}
