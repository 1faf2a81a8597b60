import { Uuid } from '../core/shared/vocab';
import { consortForOperator } from '../server/features/trials/consort.service';
import type { OpenDatabase } from './match';

export type ConsortOutcome = { ok: true; out: string } | { ok: false; error: string };

/**
 * `kindred consort --program <id>`: prints the program's live CONSORT flow as one JSON object
 * (ADR 0026), with arm keys. Counts only: no names, codes or allocations of anyone.
 */
export async function runConsortCommand(opts: { program: string }, open: OpenDatabase): Promise<ConsortOutcome> {
  const programId = Uuid.safeParse(opts.program);
  if (!programId.success) return { ok: false, error: '--program must be a program id (a UUID)' };
  const consort = await open((db) => consortForOperator(db.db, new Date(), programId.data));
  if (!consort) return { ok: false, error: `No program with id ${programId.data}` };
  return { ok: true, out: `${JSON.stringify(consort, null, 2)}\n` };
}
