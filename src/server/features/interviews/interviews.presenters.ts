import type { StudyRole, TranscriptView } from '../../../core/interviews';
import type { View } from '../../access/policy';
import type { Study, Transcript } from './interviews.repository';
import type { interviewCodes, interviewCodings, interviewMemos } from './interviews.table';

/** How interview studies, transcripts, codes and memos are shown over the API (dates as ISO strings). */

export const iso = (d: Date) => d.toISOString();

export const summaryOf = (s: Study, myRole: StudyRole | null) => ({
  id: s.id,
  title: s.title,
  aims: s.aims,
  audiences: s.audiences,
  targetCount: s.targetCount,
  keepsOriginals: s.keepsOriginals,
  createdAt: iso(s.createdAt),
  myRole,
});

export const transcriptSummaryOf = (t: Transcript) => ({
  id: t.id,
  label: t.label,
  audience: t.audience,
  interviewedOn: t.interviewedOn,
  state: t.state,
  createdAt: iso(t.createdAt),
});

export type CodingRow = typeof interviewCodings.$inferSelect;
export type MemoRow = typeof interviewMemos.$inferSelect;

export function presentTranscript(
  t: Transcript,
  view: View,
  withOriginal: boolean,
  codings: readonly CodingRow[],
  memos: readonly MemoRow[],
  coders: readonly { id: string; name: string }[],
): TranscriptView {
  const pending = t.state === 'pending';
  return {
    ...transcriptSummaryOf(t),
    format: t.format,
    text: (pending ? t.originalText : t.text) ?? '',
    turns: (pending ? t.originalTurns : t.turns) ?? [],
    proposals: pending && view === 'full' ? (t.proposals ?? []) : null,
    original:
      !pending && withOriginal && view === 'full' && t.originalText !== null && t.originalTurns !== null
        ? { text: t.originalText, turns: t.originalTurns }
        : null,
    codings: codings.map((c) => ({
      id: c.id,
      codeId: c.codeId,
      coderId: c.coderId,
      start: c.start,
      end: c.end,
      createdAt: iso(c.createdAt),
    })),
    memos: memos.map(memoViewOf),
    coders: [...coders],
  };
}

export const memoViewOf = (m: MemoRow) => ({
  id: m.id,
  transcriptId: m.transcriptId,
  codeId: m.codeId,
  start: m.start,
  end: m.end,
  text: m.text,
  authorId: m.authorId,
  createdAt: iso(m.createdAt),
});

export const codeViewOf = (c: typeof interviewCodes.$inferSelect) => ({
  id: c.id,
  parentId: c.parentId,
  name: c.name,
  definition: c.definition,
  whenToUse: c.whenToUse,
  whenNotToUse: c.whenNotToUse,
  example: c.example,
  color: c.color,
});
