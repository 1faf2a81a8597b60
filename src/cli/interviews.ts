import { writeFileSync } from 'node:fs';
import { Uuid } from '../core/shared/vocab';
import { interviewExportForOperator, interviewExportFormats } from '../server/features/interviews';
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
