import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  jointDisplay,
  segmentsForAnalysis,
  type JointDisplay,
  type SamplingDimension,
  type SegmentFacts,
  type ThemeInput,
} from '../../../core/interviews';
import { toCsv } from '../../../core/shared/csv';
import { DomainError, notFound } from '../../../core/shared/errors';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import {
  interviewCodes,
  interviewCodings,
  interviewConsensus,
  interviewConsensusSpans,
  interviewThemes,
  interviewTranscripts,
} from './interviews.table';
import { loadParticipantFacts } from './sampling.service';

/**
 * Themes and the joint display (issue #13, ADR 0044). A theme groups codes of the study's codebook
 * with a summary and exemplar quotes; the joint display crosses themes with a grouping of the
 * people interviewed, on de-identified text only, from the consensus version where a transcript
 * has one (`segmentsForAnalysis`).
 */

type ThemeRow = typeof interviewThemes.$inferSelect;

/** Every coding of the study's de-identified transcripts, with its span's words and the person interviewed. */
async function loadSegments(db: Db | Tx, studyId: string): Promise<(SegmentFacts & { codingId: string })[]> {
  const rows = await db
    .select({
      codingId: interviewCodings.id,
      codeId: interviewCodings.codeId,
      transcriptId: interviewCodings.transcriptId,
      start: interviewCodings.start,
      end: interviewCodings.end,
      text: interviewTranscripts.text,
      participantId: interviewTranscripts.participantId,
    })
    .from(interviewCodings)
    .innerJoin(interviewTranscripts, eq(interviewTranscripts.id, interviewCodings.transcriptId))
    .where(and(eq(interviewTranscripts.studyId, studyId), eq(interviewTranscripts.state, 'ready')))
    .orderBy(asc(interviewCodings.createdAt));
  return rows.map((r) => ({ ...r, text: (r.text ?? '').slice(r.start, r.end) }));
}

/** The spans of the study's consensus versions, in the same shape (no coding of their own). */
async function loadConsensusSegments(db: Db | Tx, studyId: string): Promise<SegmentFacts[]> {
  const rows = await db
    .select({
      codeId: interviewConsensusSpans.codeId,
      transcriptId: interviewConsensus.transcriptId,
      start: interviewConsensusSpans.start,
      end: interviewConsensusSpans.end,
      text: interviewTranscripts.text,
      participantId: interviewTranscripts.participantId,
    })
    .from(interviewConsensusSpans)
    .innerJoin(interviewConsensus, eq(interviewConsensus.id, interviewConsensusSpans.consensusId))
    .innerJoin(interviewTranscripts, eq(interviewTranscripts.id, interviewConsensus.transcriptId))
    .where(and(eq(interviewTranscripts.studyId, studyId), eq(interviewTranscripts.state, 'ready')))
    .orderBy(asc(interviewConsensus.transcriptId), asc(interviewConsensusSpans.start), asc(interviewConsensusSpans.end));
  return rows.map((r) => ({ ...r, codingId: null, text: (r.text ?? '').slice(r.start, r.end) }));
}

function themeViewOf(t: ThemeRow, segments: readonly { codingId: string; transcriptId: string; text: string }[]) {
  return {
    id: t.id,
    name: t.name,
    summary: t.summary,
    codeIds: t.codeIds,
    exemplars: t.exemplarCodingIds.flatMap((id) => {
      const s = segments.find((x) => x.codingId === id);
      return s ? [{ codingId: s.codingId, transcriptId: s.transcriptId, text: s.text }] : [];
    }),
  };
}

/** The study's themes with their exemplar quotes (de-identified words). */
export async function listThemes(deps: Deps, caller: Caller, programId: string, studyId: string) {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const [themes, segments] = await Promise.all([
    deps.db.select().from(interviewThemes).where(eq(interviewThemes.studyId, studyId)).orderBy(asc(interviewThemes.createdAt)),
    loadSegments(deps.db, studyId),
  ]);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'interview_theme', entityId: studyId, programId }]);
  return themes.map((t) => themeViewOf(t, segments));
}

async function checkThemeInput(tx: Db | Tx, studyId: string, input: ThemeInput) {
  if (input.codeIds.length > 0) {
    const codes = await tx
      .select({ id: interviewCodes.id })
      .from(interviewCodes)
      .where(and(eq(interviewCodes.studyId, studyId), inArray(interviewCodes.id, input.codeIds)));
    if (codes.length !== new Set(input.codeIds).size)
      throw new DomainError('invalid_state', 'code_not_in_codebook', 'That code is not in this study’s codebook');
  }
  if (input.exemplarCodingIds.length > 0) {
    const codings = await tx
      .select({ id: interviewCodings.id, codeId: interviewCodings.codeId })
      .from(interviewCodings)
      .innerJoin(interviewTranscripts, eq(interviewTranscripts.id, interviewCodings.transcriptId))
      .where(
        and(
          eq(interviewTranscripts.studyId, studyId),
          eq(interviewTranscripts.state, 'ready'),
          inArray(interviewCodings.id, input.exemplarCodingIds),
        ),
      );
    if (codings.length !== new Set(input.exemplarCodingIds).size || codings.some((c) => !input.codeIds.includes(c.codeId)))
      throw new DomainError(
        'invalid_state',
        'exemplar_not_in_theme',
        'An exemplar quote must be coded with one of the theme’s codes',
      );
  }
}

/** Adds a theme (codes grouped, a summary, exemplar quotes). */
export async function createTheme(deps: Deps, caller: Caller, programId: string, studyId: string, input: ThemeInput) {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:code', programId, studyId);
  const now = deps.clock.now();
  const row: ThemeRow = {
    id: newId(),
    programId,
    studyId,
    name: input.name,
    summary: input.summary,
    codeIds: [...new Set(input.codeIds)],
    exemplarCodingIds: [...new Set(input.exemplarCodingIds)],
    createdAt: now,
    createdBy: caller.actor.personId,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await checkThemeInput(tx, studyId, input);
    await tx.insert(interviewThemes).values(row);
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'interview_theme', entityId: row.id, programId }]);
  });
  return themeViewOf(row, await loadSegments(deps.db, studyId));
}

/** Replaces a theme's name, summary, codes and exemplars. */
export async function updateTheme(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  themeId: string,
  input: ThemeInput,
) {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:code', programId, studyId);
  const now = deps.clock.now();
  const updated = await deps.db.transaction(async (tx) => {
    const [t] = await tx
      .select()
      .from(interviewThemes)
      .where(and(eq(interviewThemes.id, themeId), eq(interviewThemes.studyId, studyId)));
    if (!t) throw notFound();
    await checkThemeInput(tx, studyId, input);
    const next = {
      ...t,
      name: input.name,
      summary: input.summary,
      codeIds: [...new Set(input.codeIds)],
      exemplarCodingIds: [...new Set(input.exemplarCodingIds)],
      updatedAt: now,
    };
    await tx.update(interviewThemes).set(next).where(eq(interviewThemes.id, t.id));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'interview_theme', entityId: t.id, programId }]);
    return next;
  });
  return themeViewOf(updated, await loadSegments(deps.db, studyId));
}

/**
 * The joint display of the study's themes by one grouping, with each person's value as it is now
 * (not as drawn: a person interviewed need not come from a drawn sample). Evaluators see masked
 * arms until the trial is unblinded; quotes are de-identified text only.
 */
export async function getJointDisplay(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  by: SamplingDimension,
  maxQuotes: number,
  verb: 'read' | 'export' = 'read',
): Promise<JointDisplay & { by: SamplingDimension }> {
  const program = await loadProgram(deps.db, caller, programId);
  const { view } = await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const now = deps.clock.now();
  const [themes, coded, reconciled, { facts, armLabel }] = await Promise.all([
    deps.db.select().from(interviewThemes).where(eq(interviewThemes.studyId, studyId)).orderBy(asc(interviewThemes.createdAt)),
    loadSegments(deps.db, studyId),
    loadConsensusSegments(deps.db, studyId),
    loadParticipantFacts(deps.db, program, now, view),
  ]);
  // Where a transcript has a consensus version, the display counts and quotes what the team agreed.
  const segments = segmentsForAnalysis(coded, reconciled, new Set(themes.flatMap((t) => t.exemplarCodingIds)));
  const label = (v: string) => (by === 'arm' ? armLabel(v) : v);
  const groupOf = new Map(facts.map((f) => [f.participantId, label(f.values[by])]));
  const groups = [...new Set(groupOf.values())].sort();
  await audit(deps.db, caller, now, [{ verb, entityType: 'interview_joint_display', entityId: studyId, programId }]);
  return { by, ...jointDisplay(themes, segments, groupOf, groups, maxQuotes) };
}

/** Text a spreadsheet would read as a formula (a leading =, +, - or @) gets a leading apostrophe. */
const inert = (v: string) => (/^[=+\-@]/.test(v) ? `'${v}` : v);

/** The joint display as CSV: one row per theme and group, quotes joined by " | ". */
export function jointDisplayCsv(d: JointDisplay & { by: string }): string {
  return toCsv([
    ['theme', d.by, 'people', 'segments', 'quotes'],
    ...d.rows.flatMap((r) =>
      r.cells.map((c) => [
        inert(r.theme),
        inert(c.group),
        String(c.people),
        String(c.segments),
        inert(c.quotes.map((q) => q.text).join(' | ')),
      ]),
    ),
  ]);
}
