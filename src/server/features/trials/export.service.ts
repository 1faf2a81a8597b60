import { and, eq, inArray } from 'drizzle-orm';
import { findInstrument } from '../../../core/instruments';
import { DomainError } from '../../../core/shared/errors';
import {
  dictionaryRows,
  FHIR_EXPORT_BASE,
  fhirBundle,
  isWithdrawnFrom,
  longRows,
  redcapDictionaryRows,
  redcapImportRows,
  toCsv,
  type ExportInstrument,
  type ExportParticipant,
  type ExportStudy,
  type WithdrawalScope,
} from '../../../core/trials';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db } from '../../platform/database';
import { loadAssessmentSettings } from '../assessments';
import { assessmentResponses } from '../assessments/assessments.table';
import { engagementByParticipant } from '../fidelity';
import { participants } from '../participants/participants.table';
import { loadProgram, type Program } from '../programs';
import { programs } from '../programs/programs.table';
import { findAllocations, findConsents, findStudy, findWithdrawals } from './trials.repository';

export const exportFormats = ['long-csv', 'redcap', 'fhir', 'dictionary', 'redcap-dictionary'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** What an export holds: the study's variables and its participants, with the arm as the reader may see it. */
export interface StudyExport {
  study: ExportStudy;
  people: ExportParticipant[];
}

type ExportProgram = Pick<Program, 'id' | 'timeZone' | 'lengthDays' | 'targetContacts'>;

/**
 * Loads everything the exports show (ADR 0028): every randomized participant except those withdrawn
 * from use of data, with pseudonymous codes, age in years, strata, the dose as the engagement
 * report counts it, and each instrument's stored total per timepoint. No names, ids or contact details are read.
 */
export async function loadStudyExport(db: Db, program: ExportProgram, now: Date, masked: boolean): Promise<StudyExport | null> {
  const study = await findStudy(db, program.id);
  if (!study) return null;
  const [allocated, withdrawals, settings, engagement] = await Promise.all([
    findAllocations(db, program.id),
    findWithdrawals(db, program.id),
    loadAssessmentSettings(db, program.id),
    engagementByParticipant(db, program, now),
  ]);
  const scopes = new Map<string, { scope: WithdrawalScope }[]>();
  for (const w of withdrawals)
    scopes.set(w.participantId, [...(scopes.get(w.participantId) ?? []), { scope: w.scope as WithdrawalScope }]);
  const kept = allocated.filter((a) => !isWithdrawnFrom(scopes.get(a.participantId) ?? [], 'data'));
  const ids = kept.map((a) => a.participantId);
  const [rows, responses, consentRows] = ids.length
    ? await Promise.all([
        db
          .select({
            id: participants.id,
            code: participants.code,
            gender: participants.gender,
            birthYear: participants.birthYear,
            enrolledOn: participants.enrolledOn,
          })
          .from(participants)
          .where(and(eq(participants.programId, program.id), inArray(participants.id, ids))),
        db
          .select({
            participantId: assessmentResponses.participantId,
            timepointKey: assessmentResponses.timepointKey,
            instrumentId: assessmentResponses.instrumentId,
            total: assessmentResponses.total,
            score: assessmentResponses.score,
            answers: assessmentResponses.answers,
            enteredAt: assessmentResponses.enteredAt,
          })
          .from(assessmentResponses)
          .where(and(eq(assessmentResponses.programId, program.id), inArray(assessmentResponses.participantId, ids))),
        findConsents(db, program.id, ids),
      ])
    : [[], [], []];

  // Instruments: those the timepoints administer, in order, then any other with a stored response.
  const instrumentIds: string[] = [];
  for (const t of settings.timepoints) for (const i of t.instruments) if (!instrumentIds.includes(i)) instrumentIds.push(i);
  for (const id of [...new Set(responses.map((r) => r.instrumentId))].sort())
    if (!instrumentIds.includes(id)) instrumentIds.push(id);
  const instruments: ExportInstrument[] = instrumentIds.map((id) => {
    const known = findInstrument(id);
    const stored = new Set(responses.filter((r) => r.instrumentId === id).flatMap((r) => Object.keys(r.score.subscales ?? {})));
    return known
      ? {
          id,
          url: known.definition.questionnaire.url ?? `${FHIR_EXPORT_BASE}/Questionnaire/${id}`,
          title: known.title,
          linkIds: known.definition.items.map((i) => i.linkId),
          subscales: Object.keys(known.subscaleRanges),
          totalRange: known.totalRange,
        }
      : {
          id,
          url: `${FHIR_EXPORT_BASE}/Questionnaire/${id}`,
          title: id,
          linkIds: [],
          subscales: [...stored].sort(),
          totalRange: null,
        };
  });

  const scores = new Map<string, ExportParticipant['scores']>();
  for (const r of responses) {
    const mine = scores.get(r.participantId) ?? {};
    (mine[r.timepointKey] ??= {})[r.instrumentId] = { total: r.total, subscales: r.score.subscales ?? {} };
    scores.set(r.participantId, mine);
  }
  const masks = study.masks ?? {};
  const armValues = Object.fromEntries(study.design.arms.map((a) => [a.key, masked ? (masks[a.key] ?? 'Arm') : a.key]));
  const personBy = new Map(rows.map((r) => [r.id, r]));
  const people: ExportParticipant[] = kept.flatMap((a) => {
    const p = personBy.get(a.participantId);
    if (!p) return [];
    const e = engagement.get(a.participantId);
    const mine = withdrawals
      .filter((w) => w.participantId === a.participantId)
      .map((w) => ({ scope: w.scope as WithdrawalScope, on: String(w.on), recordedAt: w.recordedAt }));
    const enrolledYear = p.enrolledOn ? Number(String(p.enrolledOn).slice(0, 4)) : null;
    return [
      {
        code: p.code,
        coachCode: e?.coachCode ?? null,
        arm: armValues[a.arm] ?? a.arm,
        stratum: a.stratum,
        strata: a.strata,
        age: p.birthYear !== null && enrolledYear !== null ? enrolledYear - p.birthYear : null,
        gender: p.gender,
        // Never paired: no contacts (ADR 0022 asks an export to write 0, not empty).
        contacts: e?.contacts ?? 0,
        adherent: e?.adherent ?? false,
        scores: scores.get(a.participantId) ?? {},
        responses: responses
          .filter((r) => r.participantId === a.participantId)
          .map((r) => ({
            timepointKey: r.timepointKey,
            instrumentId: r.instrumentId,
            answers: r.answers,
            total: r.total,
            enteredAt: r.enteredAt.toISOString(),
          })),
        consents: consentRows
          .filter((c) => c.participantId === a.participantId)
          .sort((x, y) => x.recordedAt.getTime() - y.recordedAt.getTime())
          .map((c) => ({
            documentVersion: c.documentVersion,
            signedOn: String(c.signedOn),
            // Consent stands until a withdrawal is recorded after it (ADR 0025).
            isWithdrawn: mine.some((w) => w.recordedAt.getTime() >= c.recordedAt.getTime()),
          })),
        withdrawal: isWithdrawnFrom(mine, 'follow_up')
          ? 'follow_up'
          : isWithdrawnFrom(mine, 'intervention')
            ? 'intervention'
            : null,
      },
    ];
  });
  return {
    study: {
      title: study.design.title,
      arms: study.design.arms,
      armValues,
      masked,
      strata: study.design.strata,
      timepoints: settings.timepoints.map((t) => ({ key: t.key, label: t.label, months: t.months, isBaseline: t.isBaseline })),
      instruments,
      targetContacts: program.targetContacts,
      windowDays: program.lengthDays,
    },
    people,
  };
}

/** One export rendered as a file's text. */
export function renderExport(data: StudyExport, format: ExportFormat, now: Date = new Date()): string {
  switch (format) {
    case 'fhir':
      return `${JSON.stringify(fhirBundle(data.study, data.people, now), null, 2)}\n`;
    case 'long-csv':
      return toCsv(longRows(data.study, data.people));
    case 'redcap':
      return toCsv(redcapImportRows(data.study, data.people));
    case 'dictionary':
      return toCsv(dictionaryRows(data.study));
    case 'redcap-dictionary':
      return toCsv(redcapDictionaryRows(data.study));
  }
}

export type OperatorExport = { ok: true; data: StudyExport } | { ok: false; reason: 'no_program' | 'no_study' | 'not_unblinded' };

/**
 * `kindred export`: the operator holds the database and is the deployment's authority, yet the
 * export is a file that travels, so it carries masked labels unless the operator asks for real arms
 * (`unblinded`) and an admin has unblinded the study (ADR 0028). Audited with no actor.
 */
export async function exportForOperator(
  db: Db,
  now: Date,
  programId: string,
  opts: { unblinded: boolean },
): Promise<OperatorExport> {
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!program) return { ok: false, reason: 'no_program' };
  const study = await findStudy(db, programId);
  if (!study) return { ok: false, reason: 'no_study' };
  if (opts.unblinded && study.unblindedAt === null) return { ok: false, reason: 'not_unblinded' };
  const data = await loadStudyExport(db, program, now, !opts.unblinded);
  if (!data) return { ok: false, reason: 'no_study' };
  await audit(db, { actor: null, requestId: 'cli:export', ip: null }, now, [
    { verb: 'export', entityType: 'study_export', entityId: programId, programId },
  ]);
  return { ok: true, data };
}

/**
 * The export for a signed-in caller (`GET …/study/export`): staff see arm keys; evaluators
 * pseudonymous data with masked labels until the study is unblinded. Audited before it leaves.
 */
export async function exportStudy(deps: Deps, caller: Caller, programId: string): Promise<StudyExport> {
  const program = await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'study:export', { programId });
  const now = deps.clock.now();
  const study = await findStudy(deps.db, programId);
  if (!study) throw new DomainError('not_found', 'no_study', 'This program has no study yet');
  const data = await loadStudyExport(deps.db, program, now, view !== 'full' && study.unblindedAt === null);
  if (!data) throw new DomainError('not_found', 'no_study', 'This program has no study yet');
  await audit(deps.db, caller, now, [{ verb: 'export', entityType: 'study_export', entityId: programId, programId }]);
  return data;
}

/** What the API offers to download: the data (long CSV, REDCap, FHIR) and the two dictionaries. */
export const apiExportFormats = ['long-csv', 'redcap', 'fhir', 'dictionary', 'redcap-dictionary'] as const;

/** One download: its body, type and file name (the study's name is not in it; the date is the export's). */
export function renderApiExport(
  data: StudyExport,
  format: (typeof apiExportFormats)[number],
  now: Date,
): { body: string; contentType: string; filename: string } {
  const names: Record<(typeof apiExportFormats)[number], string> = {
    'long-csv': 'study-long.csv',
    redcap: 'study-redcap-import.csv',
    fhir: 'study-fhir-bundle.json',
    dictionary: 'study-long.dictionary.csv',
    'redcap-dictionary': 'study-redcap-dictionary.csv',
  };
  const contentType = format === 'fhir' ? 'application/fhir+json; charset=utf-8' : 'text/csv; charset=utf-8';
  return { body: renderExport(data, format, now), contentType, filename: names[format] };
}
