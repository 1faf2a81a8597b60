import { eq } from 'drizzle-orm';
import {
  checkAllocationTable,
  primaryOutcomeProblems,
  simulateScheme,
  type DesignUpdate,
  type SimulationReport,
  type StudyDesign,
  type StudyView,
  type TableSummary,
} from '../../../core/trials';
import { DomainError } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { loadAssessmentSettings } from '../assessments';
import { loadProgram } from '../programs';
import { displayNames, findAllocations, findConsentDocuments, findStudy, seededStream, type StudyRow } from './trials.repository';
import { studies, studyVersions } from './trials.table';
import { randomBytes } from 'node:crypto';

/** Loads the study or answers 404 when the program runs none. */
export async function requireStudy(deps: Pick<Deps, 'db'>, programId: string): Promise<StudyRow> {
  const study = await findStudy(deps.db, programId);
  if (!study) throw new DomainError('not_found', 'no_study', 'This program runs no study yet');
  return study;
}

/** The study as staff see it: design, version, lock and blinding state, amendments, the table's balance. Never the seed or sequence. */
export async function getStudy(deps: Deps, caller: Caller, programId: string): Promise<StudyView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:view', { programId });
  const now = deps.clock.now();
  const study = await findStudy(deps.db, programId);
  const [versions, docs, allocated] = await Promise.all([
    deps.db.select().from(studyVersions).where(eq(studyVersions.programId, programId)),
    findConsentDocuments(deps.db, programId),
    findAllocations(deps.db, programId),
  ]);
  const amendments = versions.filter((v) => v.isAmendment).sort((a, b) => a.version - b.version);
  const names = await displayNames(
    deps.db,
    amendments.map((a) => a.savedBy),
  );
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'study', entityId: programId, programId }]);
  return {
    design: study?.design ?? null,
    version: study?.version ?? 0,
    isLocked: study?.lockedAt != null,
    lockedAt: study?.lockedAt?.toISOString() ?? null,
    isUnblinded: study?.unblindedAt != null,
    unblindedAt: study?.unblindedAt?.toISOString() ?? null,
    unblindReason: study?.unblindReason ?? null,
    randomized: allocated.length,
    amendments: amendments.map((a) => ({
      version: a.version,
      reason: a.reason,
      at: a.savedAt.toISOString(),
      byName: names.get(a.savedBy) ?? '',
    })),
    table: study?.tableSummary ?? null,
    consentDocuments: docs.map((d) => ({
      version: d.version,
      title: d.title,
      body: d.body,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}

/** What an amendment may not change once participants are randomized: the arms' keys and the randomization itself. */
function amendmentProblems(before: StudyDesign, after: StudyDesign): string[] {
  const problems: string[] = [];
  if (before.design !== after.design) problems.push('the design');
  const keys = (d: StudyDesign) => d.arms.map((a) => `${a.key}:${a.ratio}`).join(',');
  if (keys(before) !== keys(after)) problems.push('the arms or their ratio');
  if (JSON.stringify(before.strata) !== JSON.stringify(after.strata)) problems.push('the strata');
  if (JSON.stringify(before.method) !== JSON.stringify(after.method)) problems.push('the randomization method');
  return problems;
}

/**
 * Saves the design. Before the first randomization it is a new version; afterwards it is an
 * amendment that needs a reason and may change the wording, criteria, gate and primary timepoint,
 * never the arms, ratio, strata or method (the concealed sequence depends on them). Audited.
 */
export async function updateDesign(deps: Deps, caller: Caller, programId: string, input: DesignUpdate): Promise<StudyView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:design', { programId });
  const outcomeProblems = primaryOutcomeProblems(input.design, (await loadAssessmentSettings(deps.db, programId)).timepoints);
  if (outcomeProblems.length > 0) throw new DomainError('invalid_state', 'primary_outcome_invalid', outcomeProblems.join('. '));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [study] = await tx.select().from(studies).where(eq(studies.programId, programId)).for('update');
    const isAmendment = study?.lockedAt != null;
    if (isAmendment) {
      if (input.reason === '')
        throw new DomainError('invalid_state', 'amendment_reason_required', 'The study is locked: say why it is amended');
      const problems = amendmentProblems(study.design, input.design);
      if (problems.length > 0) {
        throw new DomainError(
          'conflict',
          'locked_design',
          `Participants are randomized, so ${problems.join(', ')} cannot change`,
        );
      }
    }
    const version = (study?.version ?? 0) + 1;
    // A new design drops a table checked against the old one (before lock only; after lock the method cannot change).
    const keepTable =
      study &&
      JSON.stringify(study.design.arms) === JSON.stringify(input.design.arms) &&
      JSON.stringify(study.design.strata) === JSON.stringify(input.design.strata);
    if (study) {
      await tx
        .update(studies)
        .set({
          version,
          design: input.design,
          updatedAt: now,
          updatedBy: caller.actor.personId,
          ...(keepTable ? {} : { allocationTable: null, tableSummary: null }),
        })
        .where(eq(studies.programId, programId));
    } else {
      await tx
        .insert(studies)
        .values({ programId, version, design: input.design, updatedAt: now, updatedBy: caller.actor.personId });
    }
    await tx.insert(studyVersions).values({
      id: newId(),
      programId,
      version,
      design: input.design,
      reason: input.reason,
      isAmendment,
      savedAt: now,
      savedBy: caller.actor.personId,
    });
    await audit(tx, caller, now, [{ verb: study ? 'update' : 'create', entityType: 'study', entityId: programId, programId }]);
  });
  return getStudy(deps, caller, programId);
}

/** Checks and stores an allocation table (REDCap format) before the study is locked; answers its balance, never its rows. */
export async function uploadAllocationTable(deps: Deps, caller: Caller, programId: string, csv: string): Promise<TableSummary> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:design', { programId });
  const now = deps.clock.now();
  const study = await requireStudy(deps, programId);
  if (study.lockedAt)
    throw new DomainError('conflict', 'study_locked', 'The study is locked: its allocation table cannot change');
  if (study.design.method.kind !== 'table') {
    throw new DomainError('invalid_state', 'not_table_method', 'Choose "allocation table" as the method before uploading one');
  }
  const check = checkAllocationTable(csv, study.design.arms, study.design.strata, study.design.method.field);
  if (!check.ok) throw new DomainError('invalid_state', 'allocation_table_invalid', check.errors.slice(0, 20).join('. '));
  await deps.db.transaction(async (tx) => {
    await tx
      .update(studies)
      .set({ allocationTable: check.rows, tableSummary: check.summary, updatedAt: now })
      .where(eq(studies.programId, programId));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'allocation_table', entityId: programId, programId }]);
  });
  return check.summary;
}

/**
 * The pre-trial check: simulates the saved scheme with fresh random seeds (never the study's own,
 * so the report says nothing about the real sequence) and reports imbalance and predictability.
 */
export async function simulateStudy(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: { participants: number; replicates: number },
): Promise<SimulationReport> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:simulate', { programId });
  const study = await requireStudy(deps, programId);
  if (study.design.arms.length < 2) throw new DomainError('invalid_state', 'no_arms', 'The study has no arms to randomize to');
  const simSeed = randomBytes(32);
  return simulateScheme(
    { arms: study.design.arms, strata: study.design.strata, method: study.design.method, table: study.allocationTable ?? [] },
    input.participants,
    input.replicates,
    seededStream(simSeed, 'people'),
    (rep, label) => seededStream(simSeed, `${rep}:${label}`),
  );
}

/** An admin unblinds the whole study with a reason: evaluators then see real arm names and the sequence may be exported. */
export async function unblindStudy(deps: Deps, caller: Caller, programId: string, reason: string): Promise<StudyView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:unblind', { programId });
  const now = deps.clock.now();
  const study = await requireStudy(deps, programId);
  if (!study.lockedAt) throw new DomainError('invalid_state', 'not_locked', 'No one is randomized yet');
  if (study.unblindedAt) throw new DomainError('conflict', 'already_unblinded', 'The study is already unblinded');
  await deps.db.transaction(async (tx) => {
    await tx
      .update(studies)
      .set({ unblindedAt: now, unblindedBy: caller.actor.personId, unblindReason: reason })
      .where(eq(studies.programId, programId));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'study_unblinding', entityId: programId, programId }]);
  });
  return getStudy(deps, caller, programId);
}

/**
 * The statistician's audit, only after unblinding: the seed and every allocation with its numbers,
 * so the sequence can be regenerated and checked. Before unblinding it is refused to everyone.
 */
export async function exportSequence(deps: Deps, caller: Caller, programId: string) {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:sequence', { programId });
  const now = deps.clock.now();
  const study = await requireStudy(deps, programId);
  if (!study.unblindedAt || !study.seed) {
    throw new DomainError('conflict', 'study_blinded', 'The sequence can be exported only after the study is unblinded');
  }
  const rows = await findAllocations(deps.db, programId);
  await audit(deps.db, caller, now, [{ verb: 'export', entityType: 'allocation_sequence', entityId: programId, programId }]);
  return {
    seedHex: Buffer.from(study.seed).toString('hex'),
    stream: 'HMAC-SHA256(seed, label + ":" + counter), 8 bytes per draw (ADR 0024)',
    method: study.design.method.kind,
    allocations: rows.map((r) => ({
      overallNumber: r.overallNumber,
      stratum: r.stratum,
      sequenceNumber: r.sequenceNumber,
      arm: r.arm,
      allocatedAt: r.allocatedAt.toISOString(),
    })),
  };
}
