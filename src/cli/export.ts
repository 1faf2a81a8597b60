import { writeFileSync } from 'node:fs';
import { Uuid } from '../core/shared/vocab';
import { exportForOperator, renderExport, type ExportFormat } from '../server/features/trials/export.service';
import type { OpenDatabase } from './match';

export type ExportOutcome = { ok: true; written: string[] } | { ok: false; error: string };
export const cliExportFormats = ['long-csv', 'redcap', 'fhir'] as const;

/** The files each format writes: the data at `out`, and its dictionaries beside it. */
function filesOf(format: (typeof cliExportFormats)[number], out: string): [string, ExportFormat][] {
  if (format === 'fhir') return [[out, 'fhir']];
  return format === 'long-csv'
    ? [
        [out, 'long-csv'],
        [`${out}.dictionary.csv`, 'dictionary'],
        [`${out}.redcap-dictionary.csv`, 'redcap-dictionary'],
      ]
    : [
        [out, 'redcap'],
        [`${out}.redcap-dictionary.csv`, 'redcap-dictionary'],
      ];
}

/**
 * `kindred export --program <id> --format long-csv|redcap|fhir --out <file> [--unblinded]`: writes the
 * study's export and its dictionaries (ADR 0028). Masked arm labels unless `--unblinded` is given
 * and the study has been unblinded; participants withdrawn from use of data are left out.
 */
export async function runExportCommand(
  opts: { program: string; format: string; out: string; unblinded?: boolean },
  open: OpenDatabase,
): Promise<ExportOutcome> {
  const format = cliExportFormats.find((f) => f === opts.format);
  if (!format) return { ok: false, error: `--format must be one of ${cliExportFormats.join(', ')}` };
  const programId = Uuid.safeParse(opts.program);
  if (!programId.success) return { ok: false, error: '--program must be a program id (a UUID)' };
  const result = await open((db) => exportForOperator(db.db, new Date(), programId.data, { unblinded: opts.unblinded === true }));
  if (!result.ok) {
    if (result.reason === 'no_program') return { ok: false, error: `No program with id ${programId.data}` };
    if (result.reason === 'no_study') return { ok: false, error: 'This program has no study to export' };
    return {
      ok: false,
      error:
        'The study is still blinded: real arm names can be exported only after an admin unblinds it. Leave out --unblinded to export masked labels.',
    };
  }
  const files = filesOf(format, opts.out);
  for (const [path, kind] of files) writeFileSync(path, renderExport(result.data, kind), { mode: 0o600 });
  return { ok: true, written: files.map(([p]) => p) };
}
