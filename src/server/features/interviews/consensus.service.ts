import { and, asc, eq } from 'drizzle-orm';
import {
  applyDecision,
  seedConsensus,
  type CodedSpan,
  type ConsensusDecisionInput,
  type ConsensusView,
  type StartConsensusInput,
} from '../../../core/interviews';
import { DomainError } from '../../../core/shared/errors';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import { codersOf, findTranscript, requireCodeOfStudy, type Transcript } from './interviews.repository';
import {
  interviewCodes,
  interviewCodings,
  interviewConsensus,
  interviewConsensusDecisions,
  interviewConsensusSpans,
  interviewTranscripts,
} from './interviews.table';

/**
 * The consensus version of a double-coded transcript (issue #13): started from two coders'
 * codings, then changed one decision at a time, and kept apart from each coder's own codings,
 * which it never changes. The rules are in core/interviews/consensus.ts; this is storage,
 * authorization (the study's coders: `interview:code` to change it, `interview:view` to read it) and audit.
 */

type Consensus = typeof interviewConsensus.$inferSelect;

/** The transcript's consensus version, or null when nobody has started one. */
export async function getConsensus(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
): Promise<{ consensus: ConsensusView | null }> {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const t = await findTranscript(deps.db, study, transcriptId, 'pseudonymous');
  const [c] = await deps.db.select().from(interviewConsensus).where(eq(interviewConsensus.transcriptId, t.id));
  if (!c) return { consensus: null };
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'interview_consensus', entityId: c.id, programId },
  ]);
  return { consensus: await viewOf(deps.db, t, c) };
}

/** Starts the consensus version from what both coders coded (per code, the characters they share). */
export async function startConsensus(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  input: StartConsensusInput,
): Promise<ConsensusView> {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:code', programId, studyId);
  if (input.first === input.second)
    throw new DomainError('invalid_state', 'choose_two_coders', 'Choose the two coders to compare');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // Locks the transcript so that two people starting at once make one consensus version.
    const t = await findTranscript(tx, study, transcriptId, 'pseudonymous');
    await tx
      .select({ id: interviewTranscripts.id })
      .from(interviewTranscripts)
      .where(eq(interviewTranscripts.id, t.id))
      .for('update');
    const [existing] = await tx.select().from(interviewConsensus).where(eq(interviewConsensus.transcriptId, t.id));
    if (existing)
      throw new DomainError('conflict', 'consensus_started', 'A consensus version of this transcript has already been started');
    const codings = await tx.select().from(interviewCodings).where(eq(interviewCodings.transcriptId, t.id));
    const first = codings.filter((c) => c.coderId === input.first);
    const second = codings.filter((c) => c.coderId === input.second);
    if (first.length === 0 || second.length === 0)
      throw new DomainError('invalid_state', 'coder_has_not_coded', 'Both people must have coded this transcript');
    const codeIds = [...new Set([...first, ...second].map((c) => c.codeId))];
    const row: Consensus = {
      id: newId(),
      programId,
      transcriptId: t.id,
      firstCoderId: input.first,
      secondCoderId: input.second,
      startedBy: caller.actor.personId,
      startedAt: now,
    };
    await tx.insert(interviewConsensus).values(row);
    await writeSpans(tx, row.id, seedConsensus((t.text ?? '').length, codeIds, first, second));
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'interview_consensus', entityId: row.id, programId }]);
    return viewOf(tx, t, row);
  });
}

/** Keeps a stretch in the consensus version or leaves it out, for one code; a later decision on the same stretch replaces it. */
export async function decideConsensus(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  input: ConsensusDecisionInput,
): Promise<ConsensusView> {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:code', programId, studyId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const t = await findTranscript(tx, study, transcriptId, 'pseudonymous');
    // Decisions on one transcript are made one after another: each reads the spans the last one left.
    const [c] = await tx.select().from(interviewConsensus).where(eq(interviewConsensus.transcriptId, t.id)).for('update');
    if (!c) throw new DomainError('invalid_state', 'consensus_not_started', 'Start the consensus version first');
    const length = (t.text ?? '').length;
    if (input.end > length)
      throw new DomainError('invalid_state', 'outside_text', 'The passage goes past the end of the transcript');
    await requireCodeOfStudy(tx, studyId, input.codeId);
    const spans = await tx.select().from(interviewConsensusSpans).where(eq(interviewConsensusSpans.consensusId, c.id));
    const next = applyDecision(length, spans, input).filter((s) => s.codeId === input.codeId);
    await tx
      .delete(interviewConsensusSpans)
      .where(and(eq(interviewConsensusSpans.consensusId, c.id), eq(interviewConsensusSpans.codeId, input.codeId)));
    await writeSpans(tx, c.id, next);
    const decision = {
      codeId: input.codeId,
      start: input.start,
      end: input.end,
      keep: input.keep,
      decidedBy: caller.actor.personId,
      decidedAt: now,
    };
    await tx
      .insert(interviewConsensusDecisions)
      .values({ id: newId(), consensusId: c.id, ...decision })
      .onConflictDoUpdate({
        target: [
          interviewConsensusDecisions.consensusId,
          interviewConsensusDecisions.codeId,
          interviewConsensusDecisions.start,
          interviewConsensusDecisions.end,
        ],
        set: { keep: decision.keep, decidedBy: decision.decidedBy, decidedAt: now },
      });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'interview_consensus', entityId: c.id, programId }]);
    return viewOf(tx, t, c);
  });
}

async function writeSpans(tx: Tx, consensusId: string, spans: readonly CodedSpan[]): Promise<void> {
  if (spans.length === 0) return;
  await tx
    .insert(interviewConsensusSpans)
    .values(spans.map((s) => ({ id: newId(), consensusId, codeId: s.codeId, start: s.start, end: s.end })));
}

async function viewOf(db: Db | Tx, t: Transcript, c: Consensus): Promise<ConsensusView> {
  const [spans, decisions, codes, names] = await Promise.all([
    db.select().from(interviewConsensusSpans).where(eq(interviewConsensusSpans.consensusId, c.id)),
    db.select().from(interviewConsensusDecisions).where(eq(interviewConsensusDecisions.consensusId, c.id)),
    db.select().from(interviewCodes).where(eq(interviewCodes.studyId, t.studyId)).orderBy(asc(interviewCodes.createdAt)),
    codersOf(db, [c.firstCoderId, c.secondCoderId, c.startedBy]),
  ]);
  const text = t.text ?? '';
  const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? 'Coder';
  return {
    transcriptId: t.id,
    first: { id: c.firstCoderId, name: nameOf(c.firstCoderId) },
    second: { id: c.secondCoderId, name: nameOf(c.secondCoderId) },
    startedBy: nameOf(c.startedBy),
    startedAt: c.startedAt.toISOString(),
    codes: codes
      .filter((code) => spans.some((s) => s.codeId === code.id))
      .map((code) => ({
        codeId: code.id,
        name: code.name,
        spans: spans
          .filter((s) => s.codeId === code.id)
          .sort((a, b) => a.start - b.start)
          .map((s) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) })),
      })),
    decisions: decisions
      .sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime())
      .map((d) => ({ codeId: d.codeId, start: d.start, end: d.end, keep: d.keep })),
  };
}
