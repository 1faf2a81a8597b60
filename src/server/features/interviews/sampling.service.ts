import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { engagementFromCounts } from '../../../core/engagement';
import { fidelityReportFromTallies } from '../../../core/fidelity';
import {
  countDeclineReasons,
  drawSample,
  nextInvitationState,
  outcomeImprovedOf,
  type CandidateValues,
  type SampleCell,
  type SampleInput,
  type SampleMemberInput,
  type SamplingCandidate,
  type SamplingDimension,
} from '../../../core/interviews';
import { isWithdrawnFrom, type WithdrawalScope } from '../../../core/trials';
import { notFound } from '../../../core/shared/errors';
import { decideStudy, type View } from '../../access/policy';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { people } from '../accounts/accounts.table';
import { loadCoachCodes, loadContactTallies, loadReportPeople, reachedCountsOf } from '../fidelity';
import { participants } from '../participants/participants.table';
import { painCheckIns } from '../plans/plans.table';
import { loadProgram, type Program } from '../programs';
import { findAllocations, findStudy, findWithdrawals } from '../trials';
import { interviewConsentDocuments, interviewSampleMembers, interviewSamples, interviewStudies } from './interviews.table';
import { presentConsent, presentInterview } from './invitations.presenter';

/**
 * Purposive sampling from live data (issue #13, ADR 0044). What Kindred knows of each participant
 * is read with the same rules as the engagement and fidelity reports and the trial (never another
 * definition); the core draws; the frame is stored as drawn and never recomputed.
 */

export interface ParticipantFacts {
  participantId: string;
  code: string;
  name: string;
  values: CandidateValues;
  /** Withdrew from follow-up (or more) in the trial, or died: never asked. */
  excludedBecause: string | null;
}

/** How arm keys read for this caller: evaluators see the masked label until the trial is unblinded. */
export type ArmLabel = (arm: string) => string;

/**
 * Each enrolled (or once enrolled) participant's values on every sampling dimension, now. Adherent
 * and meeting frequency as the engagement report computes them; the coach's fidelity as the
 * fidelity report's logged high/low for the latest coach; arm from the trial's allocation; outcome
 * improved from the weekly pain check-ins, as the progress pages read them.
 */
export async function loadParticipantFacts(
  db: Db | Tx,
  program: Pick<Program, 'id' | 'timeZone' | 'lengthDays' | 'targetContacts'>,
  now: Date,
  view: View,
): Promise<{ facts: ParticipantFacts[]; armLabel: ArmLabel }> {
  const [rows, reportPeople, codes, study, allocations, withdrawals, checkIns] = await Promise.all([
    db
      .select({
        id: participants.id,
        code: participants.code,
        givenName: participants.givenName,
        familyName: participants.familyName,
        gender: participants.gender,
        era: participants.serviceEra,
        painLocations: participants.painLocations,
        status: participants.status,
        withdrawalReason: participants.withdrawalReason,
      })
      .from(participants)
      .where(
        and(
          eq(participants.programId, program.id),
          inArray(participants.status, ['enrolled', 'active', 'completed', 'withdrawn']),
        ),
      ),
    loadReportPeople(db, program.id, program.timeZone),
    loadCoachCodes(db, program.id),
    findStudy(db, program.id),
    findAllocations(db, program.id),
    findWithdrawals(db, program.id),
    db
      .select({ participantId: painCheckIns.participantId, on: painCheckIns.on, score: painCheckIns.score })
      .from(painCheckIns)
      .where(eq(painCheckIns.programId, program.id)),
  ]);
  const tallies = await loadContactTallies(db, program.id, reportPeople, program.lengthDays, now);
  const rules = { programId: program.id, lengthDays: program.lengthDays, targetContacts: program.targetContacts };
  const counts = reachedCountsOf(tallies);
  const engagement = new Map(
    reportPeople.map((p) => [
      p.participantId,
      engagementFromCounts(p, counts.get(p.participantId) ?? { inWindow: 0, outside: 0 }, rules, now),
    ]),
  );
  const highByCode = new Map(
    fidelityReportFromTallies(reportPeople, tallies, codes, rules, now).coaches.map((c) => [c.coachCode, c.high]),
  );
  const armOf = new Map(allocations.map((a) => [a.participantId, a.arm]));
  const withdrawalsOf = new Map<string, { scope: WithdrawalScope }[]>();
  for (const w of withdrawals)
    withdrawalsOf.set(w.participantId, [...(withdrawalsOf.get(w.participantId) ?? []), { scope: w.scope as WithdrawalScope }]);

  const checkInsOf = new Map<string, { on: string; score: number }[]>();
  for (const c of checkIns) checkInsOf.set(c.participantId, [...(checkInsOf.get(c.participantId) ?? []), c]);

  const armLabel = armLabelOf(study, view);

  const facts = rows.map((p): ParticipantFacts => {
    const e = engagement.get(p.id);
    const ws = withdrawalsOf.get(p.id) ?? [];
    const coachHigh = e ? highByCode.get(codes.get(e.coachId) ?? '') : undefined;
    return {
      participantId: p.id,
      code: p.code,
      name: `${p.givenName} ${p.familyName}`,
      values: {
        arm: armOf.get(p.id) ?? 'not_randomized',
        adherent: e?.isAdherent ? 'yes' : 'no',
        frequency: e ? (e.frequency ?? 'too_early') : 'not_paired',
        coachFidelity: !e ? 'not_paired' : coachHigh === undefined ? 'no_contacts' : coachHigh ? 'high' : 'low',
        droppedOut: p.status === 'withdrawn' || isWithdrawnFrom(ws, 'intervention') ? 'yes' : 'no',
        outcomeImproved: outcomeImprovedOf(checkInsOf.get(p.id) ?? []),
        gender: p.gender,
        era: p.era ?? 'not_recorded',
        painSite: p.painLocations.length === 0 ? 'none' : p.painLocations.length === 1 ? p.painLocations[0]! : 'several',
      },
      excludedBecause:
        p.withdrawalReason === 'died' ? 'died' : isWithdrawnFrom(ws, 'follow_up') ? 'withdrew_from_follow_up' : null,
    };
  });
  return { facts, armLabel };
}

/** The values seen on a dimension, in a stable order: the cells a quota may be set for. */
function valuesOn(facts: readonly ParticipantFacts[], d: SamplingDimension): string[] {
  return [...new Set(facts.map((f) => f.values[d]))].sort();
}

/**
 * The frame before a draw: for the chosen dimensions, every combination of values with how many
 * people are in it and may be asked. Staff only; counts, no names.
 */
export async function previewSamplingFrame(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  dimensions: readonly SamplingDimension[],
) {
  const program = await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:sample', programId, studyId);
  const now = deps.clock.now();
  const { facts } = await loadParticipantFacts(deps.db, program, now, 'full');
  const declined = await declinedBefore(deps.db, studyId);
  const combos = dimensions.reduce<string[][]>(
    (acc, d) => acc.flatMap((prefix) => valuesOn(facts, d).map((v) => [...prefix, v])),
    [[]],
  );
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'interview_sampling_frame', entityId: studyId, programId }]);
  return {
    dimensions: [...dimensions],
    cells: combos.map((values) => {
      const inCell = facts.filter((f) => dimensions.every((d, i) => f.values[d] === values[i]));
      return {
        values,
        people: inCell.length,
        available: inCell.filter((f) => f.excludedBecause === null && !declined.has(f.participantId)).length,
      };
    }),
  };
}

/** People who declined an invitation in an earlier draw of this study: not asked again. */
async function declinedBefore(db: Db | Tx, studyId: string): Promise<Set<string>> {
  const rows = await db
    .select({ participantId: interviewSampleMembers.participantId })
    .from(interviewSampleMembers)
    .innerJoin(interviewSamples, eq(interviewSamples.id, interviewSampleMembers.sampleId))
    .where(and(eq(interviewSamples.studyId, studyId), eq(interviewSampleMembers.state, 'declined')));
  return new Set(rows.map((r) => r.participantId));
}

/** Draws a sample for the study from the program's data now and keeps the frame as drawn. */
export async function drawInterviewSample(deps: Deps, caller: Caller, programId: string, studyId: string, input: SampleInput) {
  const program = await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:sample', programId, studyId);
  const now = deps.clock.now();
  const sampleId = newId();
  await deps.db.transaction(async (tx) => {
    const { facts } = await loadParticipantFacts(tx, program, now, 'full');
    const declined = await declinedBefore(tx, studyId);
    const candidates: SamplingCandidate[] = facts.map((f) => ({
      participantId: f.participantId,
      values: f.values,
      excludedBecause: f.excludedBecause ?? (declined.has(f.participantId) ? 'declined_before' : null),
    }));
    const drawn = drawSample(candidates, input);
    await tx.insert(interviewSamples).values({
      id: sampleId,
      programId,
      studyId,
      criteria: input,
      cells: drawn.cells,
      excluded: drawn.excluded,
      drawnAt: now,
      drawnBy: caller.actor.personId,
    });
    if (drawn.members.length > 0)
      await tx.insert(interviewSampleMembers).values(
        drawn.members.map((m) => ({
          id: newId(),
          programId,
          sampleId,
          participantId: m.participantId,
          cell: m.cell,
          values: m.values,
          excludedBecause: m.excludedBecause,
          isProposed: m.isProposed,
          state: m.isProposed ? ('proposed' as const) : null,
          declineReason: null,
          updatedAt: null,
        })),
      );
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'interview_sample', entityId: sampleId, programId }]);
  });
  return getInterviewSample(deps, caller, programId, studyId, sampleId);
}

/** The study's drawn samples, newest first: when, by whom, how many proposed. */
export async function listInterviewSamples(deps: Deps, caller: Caller, programId: string, studyId: string) {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const rows = await deps.db
    .select({ id: interviewSamples.id, drawnAt: interviewSamples.drawnAt, cells: interviewSamples.cells })
    .from(interviewSamples)
    .where(eq(interviewSamples.studyId, studyId))
    .orderBy(desc(interviewSamples.drawnAt));
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'list', entityType: 'interview_sample', entityId: studyId, programId },
  ]);
  return rows.map((r) => ({
    id: r.id,
    drawnAt: r.drawnAt.toISOString(),
    target: r.cells.reduce((n, c) => n + c.target, 0),
    proposed: r.cells.reduce((n, c) => n + c.proposed, 0),
  }));
}

/**
 * One drawn sample as it was drawn: criteria, cells (target, available, proposed, shortfall), the
 * proposed people with their values at the draw and where each stands, and the decline reasons
 * counted. Staff see names; evaluators codes and masked arms only.
 */
export async function getInterviewSample(deps: Deps, caller: Caller, programId: string, studyId: string, sampleId: string) {
  const program = await loadProgram(deps.db, caller, programId);
  const { view, role } = await authorizeStudy(deps.db, caller.actor, 'interview:view', programId, studyId);
  const [sample] = await deps.db
    .select()
    .from(interviewSamples)
    .where(and(eq(interviewSamples.id, sampleId), eq(interviewSamples.studyId, studyId)));
  if (!sample) throw notFound();
  const [members, drawer, study] = await Promise.all([
    deps.db
      .select({
        member: interviewSampleMembers,
        code: participants.code,
        givenName: participants.givenName,
        familyName: participants.familyName,
        consentVersion: interviewConsentDocuments.version,
      })
      .from(interviewSampleMembers)
      .innerJoin(participants, eq(participants.id, interviewSampleMembers.participantId))
      .leftJoin(interviewConsentDocuments, eq(interviewConsentDocuments.id, interviewSampleMembers.consentDocumentId))
      .where(and(eq(interviewSampleMembers.sampleId, sampleId), eq(interviewSampleMembers.isProposed, true)))
      .orderBy(asc(interviewSampleMembers.cell), asc(participants.code)),
    deps.db.select({ name: people.displayName }).from(people).where(eq(people.id, sample.drawnBy)),
    // Only the arm's masking is read from today's data; the values themselves are the drawn ones.
    findStudy(deps.db, program.id),
  ]);
  const armLabel = armLabelOf(study, view);
  const armAt = sample.criteria.dimensions.indexOf('arm');
  const cellValues = (values: string[]) => values.map((v, i) => (i === armAt ? armLabel(v) : v));
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'interview_sample', entityId: sampleId, programId },
  ]);
  return {
    id: sample.id,
    drawnAt: sample.drawnAt.toISOString(),
    drawnBy: view === 'full' ? (drawer[0]?.name ?? null) : null,
    dimensions: sample.criteria.dimensions,
    seed: sample.criteria.seed,
    cells: sample.cells.map((c: SampleCell) => ({ ...c, values: cellValues(c.values) })),
    excluded: Object.entries(sample.excluded).map(([reason, count]) => ({ reason, count })),
    members: members.map(({ member: m, ...p }) => ({
      id: m.id,
      code: p.code,
      name: view === 'full' ? `${p.givenName} ${p.familyName}` : null,
      values: sample.criteria.dimensions.map((d) => (d === 'arm' ? armLabel(m.values.arm) : m.values[d])),
      state: m.state ?? 'proposed',
      declineReason: m.declineReason,
      invitedAt: m.invitedAt?.toISOString() ?? null,
      invitedVia: m.invitedVia,
      consent: presentConsent(m, p.consentVersion),
      interview: m.state === 'scheduled' ? presentInterview(m) : null,
    })),
    declineReasons: countDeclineReasons(
      members.flatMap(({ member: m }) => (m.state === 'declined' && m.declineReason ? [m.declineReason] : [])),
    ),
    can: { sample: view === 'full', invite: decideStudy(caller.actor, 'interview:invite', programId, role) !== null },
  };
}

type StudyRow = Awaited<ReturnType<typeof findStudy>>;

/** Arm keys as this caller may read them: masked labels for evaluators until the trial is unblinded (ADR 0025). */
function armLabelOf(study: StudyRow, view: View): ArmLabel {
  if (view === 'full' || !study || study.unblindedAt !== null) return (a) => a;
  const arms = study.design.design !== 'none' ? study.design.arms : [];
  const masks =
    study.masks ??
    Object.fromEntries(
      [...arms].sort((a, b) => a.key.localeCompare(b.key)).map((a, i) => [a.key, `Arm ${String.fromCharCode(65 + i)}`]),
    );
  return (a) => (a === 'not_randomized' ? a : (masks[a] ?? 'Arm ?'));
}

/** Records a decline given to staff (with the reason), or puts a person back to "not asked yet". */
export async function markSampleMember(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  sampleId: string,
  memberId: string,
  input: SampleMemberInput,
) {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:sample', programId, studyId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: interviewSampleMembers.id, state: interviewSampleMembers.state })
      .from(interviewSampleMembers)
      .innerJoin(interviewSamples, eq(interviewSamples.id, interviewSampleMembers.sampleId))
      .innerJoin(interviewStudies, eq(interviewStudies.id, interviewSamples.studyId))
      .where(
        and(
          eq(interviewSampleMembers.id, memberId),
          eq(interviewSamples.id, sampleId),
          eq(interviewStudies.id, studyId),
          eq(interviewSampleMembers.isProposed, true),
        ),
      )
      .for('update', { of: interviewSampleMembers });
    if (!row) throw notFound();
    // The same moves as an invitation's (ADR 0050): no putting back after a consent, no second decline.
    const state = nextInvitationState(row.state ?? 'proposed', input.state === 'declined' ? 'decline' : 'put_back');
    const isDecline = state === 'declined';
    await tx
      .update(interviewSampleMembers)
      .set({
        state,
        declineReason: input.state === 'declined' ? input.reason : null,
        declinedAt: isDecline ? now : null,
        declineRecordedBy: isDecline ? caller.actor.personId : null,
        // Put back: the invitation is undone too, so the person may be invited again.
        ...(isDecline ? {} : { invitedAt: null, invitedBy: null, invitedVia: null }),
        updatedAt: now,
      })
      .where(eq(interviewSampleMembers.id, row.id));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'interview_sample_member', entityId: row.id, programId }]);
  });
  return getInterviewSample(deps, caller, programId, studyId, sampleId);
}
