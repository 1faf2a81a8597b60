import { and, eq, inArray } from 'drizzle-orm';
import { applyReplacements, checkReplacements, type KnownPerson, type TranscriptView } from '../../../core/interviews';
import { shiftHeldCodingsAndMemos } from './held-spans';
import { DomainError } from '../../../core/shared/errors';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { people, roleGrants } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { participants } from '../participants/participants.table';
import { loadProgram } from '../programs';
import { programs } from '../programs/programs.table';
import { deleteAudioOfTranscript } from './audio.repository';
import { presentTranscript } from './interviews.presenters';
import { findTranscript, type Transcript } from './interviews.repository';
import { interviewTranscripts } from './interviews.table';

/**
 * De-identification (issue #13, ADR 0032): the names and places the program knows, from which
 * replacements are proposed at import, and the confirmation that makes the de-identified copy.
 */

/** Everyone the program knows by name: participants, coaches and the people granted a role in it. */
export async function loadKnownPeople(db: Db | Tx, programId: string): Promise<KnownPerson[]> {
  const [ps, cs, staff] = await Promise.all([
    db
      .select({ id: participants.id, givenName: participants.givenName, familyName: participants.familyName })
      .from(participants)
      .where(eq(participants.programId, programId)),
    db
      .select({ id: coaches.id, givenName: coaches.givenName, familyName: coaches.familyName })
      .from(coaches)
      .where(eq(coaches.programId, programId)),
    db
      .selectDistinct({ id: people.id, displayName: people.displayName })
      .from(roleGrants)
      .innerJoin(people, eq(people.id, roleGrants.personId))
      .where(
        and(eq(roleGrants.programId, programId), inArray(roleGrants.role, ['admin', 'coordinator', 'evaluator', 'assessor'])),
      ),
  ]);
  const splitName = (name: string) => {
    const parts = name.trim().split(/\s+/);
    return { givenName: parts[0] ?? '', familyName: parts.length > 1 ? parts[parts.length - 1]! : '' };
  };
  return [
    ...ps.map((p) => ({ ...p, kind: 'participant' as const })),
    ...cs.map((c) => ({ ...c, kind: 'coach' as const })),
    ...staff.map((s) => ({ id: s.id, kind: 'staff' as const, ...splitName(s.displayName) })),
  ];
}

/** Places the program knows by name: its site and the towns of its participants and coaches. */
export async function loadKnownPlaces(db: Db | Tx, programId: string): Promise<string[]> {
  const [program, ps, cs] = await Promise.all([
    db.select({ site: programs.site }).from(programs).where(eq(programs.id, programId)),
    db.selectDistinct({ town: participants.town }).from(participants).where(eq(participants.programId, programId)),
    db.selectDistinct({ town: coaches.town }).from(coaches).where(eq(coaches.programId, programId)),
  ]);
  return [...program.map((p) => p.site), ...ps.map((p) => p.town), ...cs.map((c) => c.town)].filter(
    (x): x is string => typeof x === 'string' && x.trim() !== '',
  );
}

/** Confirms de-identification with the replacements a person accepted (or wrote): the coded copy is made. */
export async function confirmDeidentification(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  transcriptId: string,
  replacements: { start: number; end: number; replacement: string }[],
): Promise<TranscriptView> {
  await loadProgram(deps.db, caller, programId);
  const { study } = await authorizeStudy(deps.db, caller.actor, 'interview:manage', programId, studyId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const t = await findTranscript(tx, study, transcriptId, 'full');
    if (t.state !== 'pending' || t.originalText === null || t.originalTurns === null)
      throw new DomainError('conflict', 'already_deidentified', 'This transcript was already de-identified');
    const problem = checkReplacements(t.originalText.length, replacements);
    if (problem)
      throw new DomainError('invalid_state', `replacements_${problem}`, 'Some replacements fall outside the text or overlap');
    const doc = applyReplacements({ text: t.originalText, turns: t.originalTurns }, replacements);
    const kindAt = new Map((t.proposals ?? []).map((p) => [`${p.start}:${p.end}`, p.kind]));
    const updated: Transcript = {
      ...t,
      state: 'ready',
      text: doc.text,
      turns: doc.turns,
      // What was replaced, by kind and stand-in only: the replaced words are not kept here.
      replacements: replacements.map((r) => ({ ...r, kind: kindAt.get(`${r.start}:${r.end}`) ?? 'other' })),
      proposals: null,
      originalText: study.keepsOriginals ? t.originalText : null,
      originalTurns: study.keepsOriginals ? t.originalTurns : null,
      deidentifiedAt: now,
      deidentifiedBy: caller.actor.personId,
    };
    await tx.update(interviewTranscripts).set(updated).where(eq(interviewTranscripts.id, t.id));
    // An imported project's codings and memos waited on the original text (ADR 0055): they move now.
    await shiftHeldCodingsAndMemos(tx, t.id, replacements);
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'interview_transcript', entityId: t.id, programId }]);
    // A recording is an original too (ADR 0056): kept only when the study keeps originals.
    if (!study.keepsOriginals) await deleteAudioOfTranscript(tx, caller, now, programId, t.id);
    return presentTranscript(updated, 'full', false, [], [], []);
  });
}
