import { readFileSync, writeFileSync } from 'node:fs';
import { projectImportSummary } from '../core/interviews';
import { Uuid } from '../core/shared/vocab';
import { interviewExportForOperator, interviewExportFormats, interviewImportForOperator } from '../server/features/interviews';
import type { OpenDatabase } from './match';

export type InterviewsExportOutcome = { ok: true; written: string } | { ok: false; error: string };

/**
 * `kindred interviews export --study <id> --format qdpx|csv|qdc --out <file>` (ADR 0032): the study's
 * de-identified transcripts as a REFI-QDA project, its coded segments as CSV, or its codebook.
 * Originals are never exported. The file is written readable by its owner only; audited.
 */
export async function runInterviewsExportCommand(
  opts: { study: string; format: string; out: string },
  open: OpenDatabase,
): Promise<InterviewsExportOutcome> {
  const format = interviewExportFormats.find((f) => f === opts.format);
  if (!format) return { ok: false, error: `--format must be one of ${interviewExportFormats.join(', ')}` };
  const studyId = Uuid.safeParse(opts.study);
  if (!studyId.success) return { ok: false, error: '--study must be an interview study id (a UUID)' };
  const result = await open((db) => interviewExportForOperator(db.db, new Date(), studyId.data, format));
  if (!result.ok) return { ok: false, error: `No interview study with id ${studyId.data}` };
  writeFileSync(opts.out, result.file.body, { mode: 0o600 });
  return { ok: true, written: opts.out };
}

export type InterviewsImportOutcome = { ok: true; lines: string[] } | { ok: false; error: string };

/**
 * `kindred interviews import --study <id> --file <x.qdpx>` (ADR 0055): the project into the study,
 * as the lead's import does; each file user's work goes to the team member who codes and has the
 * same name, and the rest is not imported (said). One transaction; audited without an actor.
 */
export async function runInterviewsImportCommand(
  opts: { study: string; file: string },
  open: OpenDatabase,
): Promise<InterviewsImportOutcome> {
  const studyId = Uuid.safeParse(opts.study);
  if (!studyId.success) return { ok: false, error: '--study must be an interview study id (a UUID)' };
  let content: Buffer;
  try {
    content = readFileSync(opts.file);
  } catch {
    return { ok: false, error: `Cannot read ${opts.file}` };
  }
  const result = await open((db) => interviewImportForOperator(db.db, new Date(), studyId.data, content));
  if (!result.ok) return { ok: false, error: `${result.message} (${result.reason})` };
  return {
    ok: true,
    lines: ['Imported ' + projectImportSummary(result.result)[0]!, ...projectImportSummary(result.result).slice(1)],
  };
}
