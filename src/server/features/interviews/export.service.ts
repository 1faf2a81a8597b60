import { createHash } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import {
  buildCodebookXml,
  codedSegmentsCsv,
  qdaCodeTree,
  qdpxEntries,
  speakerAt,
  type QdaProject,
} from '../../../core/interviews';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db } from '../../platform/database';
import { writeZip } from '../../platform/zip';
import { people } from '../accounts/accounts.table';
import { loadProgram } from '../programs';
import {
  interviewCodes,
  interviewCodings,
  interviewConsensus,
  interviewConsensusSpans,
  interviewMemos,
  interviewStudies,
  interviewTranscripts,
} from './interviews.table';

/**
 * The study's exports (ADR 0032): the REFI-QDA project (`.qdpx`), its codebook (`.qdc`) and the
 * coded segments as CSV. Only de-identified transcripts are exported; originals never are.
 */

export const interviewExportFormats = ['qdpx', 'qdc', 'csv'] as const;
export type InterviewExportFormat = (typeof interviewExportFormats)[number];

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** A GUID derived from a row's id for what is not a row of its own (a case, a selection): stable across exports. */
function derivedGuid(kind: string, id: string): string {
  const h = createHash('sha256').update(`${kind}:${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A stable GUID for a variable of the export (variables are not rows). */
const VARIABLES = {
  audience: { guid: '6b1f4a8e-3c2d-4e5f-8a9b-0c1d2e3f4a01', name: 'Audience', type: 'Text' as const },
  interviewedOn: { guid: '6b1f4a8e-3c2d-4e5f-8a9b-0c1d2e3f4a02', name: 'Interviewed on', type: 'Date' as const },
};

/** Reads a study's de-identified transcripts, codebook, codings and memos into a REFI-QDA project. */
export async function loadInterviewProject(
  db: Db,
  study: typeof interviewStudies.$inferSelect,
): Promise<{ project: QdaProject; segments: Parameters<typeof codedSegmentsCsv>[0] }> {
  const [transcripts, codes, memos] = await Promise.all([
    db
      .select()
      .from(interviewTranscripts)
      .where(eq(interviewTranscripts.studyId, study.id))
      .orderBy(asc(interviewTranscripts.createdAt)),
    db.select().from(interviewCodes).where(eq(interviewCodes.studyId, study.id)).orderBy(asc(interviewCodes.createdAt)),
    db.select().from(interviewMemos).where(eq(interviewMemos.studyId, study.id)).orderBy(asc(interviewMemos.createdAt)),
  ]);
  const ready = transcripts.filter((t) => t.state === 'ready' && t.text !== null);
  const codings = ready.length
    ? await db
        .select()
        .from(interviewCodings)
        .where(
          inArray(
            interviewCodings.transcriptId,
            ready.map((t) => t.id),
          ),
        )
        .orderBy(asc(interviewCodings.start), asc(interviewCodings.end))
    : [];
  const readyIds = new Set(ready.map((t) => t.id));
  // Consensus versions (ADR 0032 amendment) travel as coders of their own, "Consensus (A and B)".
  const consensus = ready.length
    ? await db
        .select()
        .from(interviewConsensus)
        .where(
          inArray(
            interviewConsensus.transcriptId,
            ready.map((t) => t.id),
          ),
        )
    : [];
  const consensusSpans = consensus.length
    ? await db
        .select()
        .from(interviewConsensusSpans)
        .where(
          inArray(
            interviewConsensusSpans.consensusId,
            consensus.map((c) => c.id),
          ),
        )
        .orderBy(asc(interviewConsensusSpans.start), asc(interviewConsensusSpans.end))
    : [];
  const usedMemos = memos.filter((m) => m.transcriptId === null || readyIds.has(m.transcriptId));
  const userIds = [
    ...new Set([
      ...codings.map((c) => c.coderId),
      ...usedMemos.map((m) => m.authorId),
      ...consensus.flatMap((c) => [c.firstCoderId, c.secondCoderId]),
      study.createdBy,
    ]),
  ];
  const named = userIds.length
    ? await db.select({ guid: people.id, name: people.displayName }).from(people).where(inArray(people.id, userIds))
    : [];
  const personName = new Map(named.map((u) => [u.guid, u.name]));
  const consensusUsers = consensus.map((c) => ({
    guid: derivedGuid('consensus-user', c.id),
    name: `Consensus (${personName.get(c.firstCoderId) ?? 'Coder'} and ${personName.get(c.secondCoderId) ?? 'Coder'})`,
  }));
  // Only coders who coded, memo authors and the creator are users, as before; then the consensus versions.
  const users = [
    ...named.filter(
      (u) =>
        codings.some((c) => c.coderId === u.guid) || usedMemos.some((m) => m.authorId === u.guid) || u.guid === study.createdBy,
    ),
    ...consensusUsers,
  ];
  const consensusOf = (transcriptId: string) => {
    const i = consensus.findIndex((c) => c.transcriptId === transcriptId);
    return i === -1
      ? null
      : { row: consensus[i]!, user: consensusUsers[i]!, spans: consensusSpans.filter((s) => s.consensusId === consensus[i]!.id) };
  };

  const codeName = new Map(codes.map((c) => [c.id, c.name]));
  const pathOf = (id: string): string => {
    const c = codes.find((x) => x.id === id);
    return c?.parentId ? `${pathOf(c.parentId)} > ${c.name}` : (c?.name ?? '');
  };

  const project: QdaProject = {
    name: study.title,
    description: study.aims || null,
    createdAt: study.createdAt,
    creatingUser: study.createdBy,
    users,
    codes: qdaCodeTree(codes, (codeId) =>
      usedMemos.filter((m) => m.codeId === codeId && m.transcriptId === null).map((m) => m.id),
    ),
    variables: [VARIABLES.audience, VARIABLES.interviewedOn],
    cases: ready.map((t) => ({
      // One case per interview.
      guid: derivedGuid('case', t.id),
      name: t.label,
      values: [
        { variableGuid: VARIABLES.audience.guid, value: t.audience },
        ...(t.interviewedOn ? [{ variableGuid: VARIABLES.interviewedOn.guid, value: t.interviewedOn }] : []),
      ],
      sourceGuids: [t.id],
    })),
    sources: ready.map((t) => {
      const passageMemos = usedMemos.filter((m) => m.transcriptId === t.id && m.start !== null && m.end !== null);
      return {
        guid: t.id,
        name: t.label,
        text: t.text!,
        creatingUser: t.createdBy,
        createdAt: t.deidentifiedAt ?? t.createdAt,
        noteGuids: usedMemos.filter((m) => m.transcriptId === t.id && m.start === null).map((m) => m.id),
        selections: [
          ...codings
            .filter((c) => c.transcriptId === t.id)
            .map((c) => ({
              // A selection per coding keeps each coder's selections apart (creatingUser).
              guid: derivedGuid('selection', c.id),
              start: c.start,
              end: c.end,
              creatingUser: c.coderId,
              createdAt: c.createdAt,
              coding: { guid: c.id, codeGuid: c.codeId },
              noteGuids: [],
            })),
          ...(consensusOf(t.id)?.spans ?? []).map((span) => ({
            guid: derivedGuid('consensus-selection', span.id),
            start: span.start,
            end: span.end,
            creatingUser: consensusOf(t.id)!.user.guid,
            createdAt: consensusOf(t.id)!.row.startedAt,
            coding: { guid: derivedGuid('consensus-coding', span.id), codeGuid: span.codeId },
            noteGuids: [],
          })),
          ...passageMemos.map((m) => ({
            guid: derivedGuid('memo-selection', m.id),
            start: m.start!,
            end: m.end!,
            creatingUser: m.authorId,
            createdAt: m.createdAt,
            coding: null,
            noteGuids: [m.id],
          })),
        ],
      };
    }),
    notes: usedMemos.map((m, i) => ({
      guid: m.id,
      name: m.codeId ? `Memo on ${codeName.get(m.codeId) ?? 'a code'}` : `Memo ${i + 1}`,
      text: m.text,
      creatingUser: m.authorId,
      createdAt: m.createdAt,
    })),
  };
  const nameOf = new Map(users.map((u) => [u.guid, u.name]));
  const consensusCodings = consensusSpans.map((span) => {
    const c = consensus.find((x) => x.id === span.consensusId)!;
    return {
      transcriptId: c.transcriptId,
      coderId: consensusOf(c.transcriptId)!.user.guid,
      codeId: span.codeId,
      start: span.start,
      end: span.end,
    };
  });
  const segments = [...codings, ...consensusCodings].map((c) => {
    const t = ready.find((x) => x.id === c.transcriptId)!;
    return {
      transcript: t.label,
      audience: t.audience,
      coder: nameOf.get(c.coderId) ?? '',
      code: codeName.get(c.codeId) ?? '',
      codePath: pathOf(c.codeId),
      start: c.start,
      end: c.end,
      speaker: speakerAt(t.turns ?? [], c.start),
      text: t.text!.slice(c.start, c.end),
    };
  });
  return { project, segments };
}

/** Renders one export format as a file. */
export function renderInterviewExport(
  loaded: Awaited<ReturnType<typeof loadInterviewProject>>,
  format: InterviewExportFormat,
  now: Date,
): ExportFile {
  const stamp = now.toISOString().slice(0, 10);
  if (format === 'qdpx')
    return {
      filename: `interviews-${stamp}.qdpx`,
      contentType: 'application/zip',
      body: writeZip(qdpxEntries(loaded.project).map((e) => ({ path: e.path, data: Buffer.from(e.content, 'utf8') }))),
    };
  if (format === 'qdc')
    return {
      filename: `codebook-${stamp}.qdc`,
      contentType: 'application/xml; charset=utf-8',
      body: Buffer.from(buildCodebookXml(loaded.project.codes), 'utf8'),
    };
  return {
    filename: `coded-segments-${stamp}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: Buffer.from(codedSegmentsCsv(loaded.segments), 'utf8'),
  };
}

/** The export for a signed-in caller: study staff and evaluators (de-identified copies only). Audited. */
export async function exportInterviewStudy(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  format: InterviewExportFormat,
): Promise<ExportFile> {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:export', programId, studyId);
  const now = deps.clock.now();
  const loaded = await loadInterviewProject(deps.db, study);
  await audit(deps.db, caller, now, [{ verb: 'export', entityType: 'interview_study', entityId: studyId, programId }]);
  return renderInterviewExport(loaded, format, now);
}

/** The export for `kindred interviews export` (an operator on the server): audited without an actor. */
export async function interviewExportForOperator(
  db: Db,
  now: Date,
  studyId: string,
  format: InterviewExportFormat,
): Promise<{ ok: true; file: ExportFile } | { ok: false; reason: 'no_study' }> {
  const [study] = await db.select().from(interviewStudies).where(eq(interviewStudies.id, studyId));
  if (!study) return { ok: false, reason: 'no_study' };
  const loaded = await loadInterviewProject(db, study);
  await audit(db, { actor: null, requestId: 'cli:interviews-export', ip: null }, now, [
    { verb: 'export', entityType: 'interview_study', entityId: studyId, programId: study.programId },
  ]);
  return { ok: true, file: renderInterviewExport(loaded, format, now) };
}
