import { asc, eq } from 'drizzle-orm';
import { agreementByCode, turnAgreementByCode, type AgreementView } from '../../../core/interviews';
import { DomainError } from '../../../core/shared/errors';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { loadProgram } from '../programs';
import { codersOf, findTranscript } from './interviews.repository';
import { interviewCodes, interviewCodings } from './interviews.table';

/**
 * Agreement between two coders on one de-identified transcript, per code, at the character level
 * (ADR 0032). Without coders named, the two who coded it; more or fewer than two must be chosen.
 */
export async function getAgreement(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  chosen: { first?: string | undefined; second?: string | undefined },
): Promise<AgreementView> {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const t = await findTranscript(deps.db, study, transcriptId, 'pseudonymous');
  const codings = await deps.db.select().from(interviewCodings).where(eq(interviewCodings.transcriptId, t.id));
  const coderIds = [...new Set(codings.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((c) => c.coderId))];
  const first = chosen.first ?? (coderIds.length === 2 ? coderIds[0] : undefined);
  const second = chosen.second ?? (coderIds.length === 2 ? coderIds[1] : undefined);
  if (!first || !second || first === second)
    throw new DomainError('invalid_state', 'choose_two_coders', 'Choose the two coders to compare');
  const codes = await deps.db
    .select()
    .from(interviewCodes)
    .where(eq(interviewCodes.studyId, studyId))
    .orderBy(asc(interviewCodes.createdAt));
  const used = codes.filter((c) => codings.some((x) => x.codeId === c.id && (x.coderId === first || x.coderId === second)));
  const text = t.text ?? '';
  const rows = agreementByCode(
    text.length,
    used.map((c) => c.id),
    codings.filter((c) => c.coderId === first),
    codings.filter((c) => c.coderId === second),
  );
  const turns = t.turns ?? [];
  const byTurn = turnAgreementByCode(
    text.length,
    turns,
    used.map((c) => c.id),
    codings.filter((c) => c.coderId === first),
    codings.filter((c) => c.coderId === second),
  );
  const names = await codersOf(deps.db, [first, second]);
  const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? 'Coder';
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'interview_agreement', entityId: t.id, programId },
  ]);
  return {
    transcriptId: t.id,
    unit: 'character',
    characters: text.length,
    turns: turns.length,
    first: { id: first, name: nameOf(first) },
    second: { id: second, name: nameOf(second) },
    codes: rows.map((r, k) => ({
      ...r,
      name: used.find((c) => c.id === r.codeId)!.name,
      byTurn: byTurn[k]!,
      disagreements: r.disagreements.map((d) => ({ ...d, text: text.slice(d.start, d.end) })),
    })),
  };
}
