import { Uuid } from '../core/shared/vocab';
import { reportForOperator } from '../server/features/fidelity';
import type { OpenDatabase } from './match';

export type ReportOutcome = { ok: true; out: string } | { ok: false; error: string };
export const reportKinds = ['fidelity', 'engagement'] as const;

/**
 * `kindred report fidelity|engagement --program <id>`: prints the program's report as one JSON
 * object, the same the API answers (pseudonymous codes, no names). Usage is checked before the
 * database is opened.
 */
export async function runReportCommand(kind: string, opts: { program: string }, open: OpenDatabase): Promise<ReportOutcome> {
  if (kind !== 'fidelity' && kind !== 'engagement') return { ok: false, error: 'The report must be "fidelity" or "engagement"' };
  const programId = Uuid.safeParse(opts.program);
  if (!programId.success) return { ok: false, error: '--program must be a program id (a UUID)' };
  const report = await open((db) => reportForOperator(db.db, new Date(), programId.data, kind));
  if (!report) return { ok: false, error: `No program with id ${programId.data}` };
  return { ok: true, out: `${JSON.stringify(report, null, 2)}\n` };
}
