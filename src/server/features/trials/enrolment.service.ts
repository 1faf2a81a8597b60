import { and, eq, isNull } from 'drizzle-orm';
import { scheduleFor } from '../../../core/assessments';
import { DomainError } from '../../../core/shared/errors';
import {
  checkStratumValues,
  gateMissing,
  gateWords,
  maskedLabels,
  nextAllocation,
  screeningOutcome,
  type AllocationView,
  type ConsentDocumentInput,
  type ConsentInput,
  type DeliveryInput,
  type GateFacts,
  type ParticipantStudyView,
  type RandomizeInput,
  type ScreeningInput,
  type WithdrawalInput,
} from '../../../core/trials';
import { randomBytes } from 'node:crypto';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { loadAssessmentSettings, loadScheduleFacts } from '../assessments';
import { assessmentLinks } from '../assessments/assessments.table';
import { findParticipants, type ParticipantRecord } from '../participants';
import { loadProgram, type Program } from '../programs';
import { requireStudy } from './study.service';
import {
  displayNames,
  findAllocations,
  findConsentDocuments,
  findConsents,
  findWithdrawals,
  latestScreenings,
  seededStream,
  studyStaffEmails,
  type AllocationRow,
  type StudyRow,
} from './trials.repository';
import {
  allocations,
  consentDocuments,
  consents,
  eligibilityScreenings,
  emergencyUnblindings,
  studies,
  studyWithdrawals,
} from './trials.table';

async function loadParticipantIn(db: Db | Tx, programId: string, participantId: string): Promise<ParticipantRecord> {
  const [p] = await findParticipants(db, { programId, ids: [participantId] });
  if (!p) throw new DomainError('not_found', undefined, 'Not found');
  return p;
}

/** The facts the gate reads: the latest screening, a consent not withdrawn, the baseline assessment. */
async function gateFacts(db: Db | Tx, program: Program, participantId: string, now: Date): Promise<GateFacts> {
  const [screenings, signed, withdrawals, settings, [scheduled]] = await Promise.all([
    latestScreenings(db, program.id, [participantId]),
    findConsents(db, program.id, [participantId]),
    findWithdrawals(db, program.id, [participantId]),
    loadAssessmentSettings(db, program.id),
    loadScheduleFacts(db, program.id, [participantId]),
  ]);
  const baseline = settings.timepoints.find((t) => t.isBaseline);
  const baselineState =
    baseline && scheduled
      ? scheduleFor(settings, scheduled.facts, now, program.timeZone).find((s) => s.key === baseline.key)
      : undefined;
  return {
    isEligible: screenings.get(participantId)?.outcome === 'eligible',
    // Any withdrawal ends consent to be randomized; a new consent after it counts again.
    hasConsented: signed.some((c) => withdrawals.every((w) => w.recordedAt < c.recordedAt)),
    isBaselineComplete: baselineState?.state === 'completed',
  };
}

function armLabelOf(study: StudyRow, key: string): string {
  return study.design.arms.find((a) => a.key === key)?.label ?? key;
}

async function presentAllocation(db: Db | Tx, study: StudyRow, row: AllocationRow): Promise<AllocationView> {
  const names = await displayNames(db, [row.allocatedBy]);
  return {
    arm: row.arm,
    armLabel: armLabelOf(study, row.arm),
    sequenceNumber: row.sequenceNumber,
    stratum: row.stratum,
    method: row.method,
    allocatedAt: row.allocatedAt.toISOString(),
    allocatedByName: names.get(row.allocatedBy) ?? '',
  };
}

/** One participant's place in the study for staff: screening, consent, withdrawals, what the gate still needs, the allocation. */
export async function getParticipantStudy(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
): Promise<ParticipantStudyView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:enrol', { programId, hideExistence: true });
  await loadParticipantIn(deps.db, programId, participantId);
  const now = deps.clock.now();
  const study = await requireStudy(deps, programId);
  const view = await presentParticipantStudy(deps.db, program, study, participantId, now);
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'study_participant', entityId: participantId, programId }]);
  return view;
}

async function presentParticipantStudy(
  db: Db | Tx,
  program: Program,
  study: StudyRow,
  participantId: string,
  now: Date,
): Promise<ParticipantStudyView> {
  const [screenings, signed, withdrawals, facts, [allocation]] = await Promise.all([
    latestScreenings(db, program.id, [participantId]),
    findConsents(db, program.id, [participantId]),
    findWithdrawals(db, program.id, [participantId]),
    gateFacts(db, program, participantId, now),
    db
      .select()
      .from(allocations)
      .where(and(eq(allocations.programId, program.id), eq(allocations.participantId, participantId))),
  ]);
  const s = screenings.get(participantId);
  const c = signed[0];
  const missing = allocation ? [] : gateMissing(study.design.gate, facts);
  return {
    participantId,
    screening: s ? { outcome: s.outcome, reason: s.reason, answers: s.answers, screenedAt: s.screenedAt.toISOString() } : null,
    consent: c ? { documentVersion: c.documentVersion, method: c.method, typedName: c.typedName, signedOn: c.signedOn } : null,
    withdrawals: withdrawals.map((w) => ({ scope: w.scope, on: w.on, reason: w.reason })),
    gate: { missing, words: missing.map((m) => gateWords[m]) },
    allocation: allocation ? await presentAllocation(db, study, allocation) : null,
    delivery: { state: allocation?.deliveryState ?? 'pending', reason: allocation?.deliveryReason ?? '' },
  };
}

/** Records a screening against the study's checklist; the outcome and reason feed CONSORT. Audited. */
export async function screenParticipant(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: ScreeningInput,
): Promise<ParticipantStudyView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:enrol', { programId, hideExistence: true });
  await loadParticipantIn(deps.db, programId, input.participantId);
  const study = await requireStudy(deps, programId);
  const result = screeningOutcome(study.design.criteria, input);
  if ('problems' in result) throw new DomainError('invalid_state', 'screening_incomplete', result.problems.join('. '));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const id = newId();
    await tx.insert(eligibilityScreenings).values({
      id,
      programId,
      participantId: input.participantId,
      answers: input.answers,
      outcome: result.outcome,
      reason: result.reason,
      studyVersion: study.version,
      screenedAt: now,
      screenedBy: caller.actor.personId,
    });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'eligibility_screening', entityId: id, programId }]);
  });
  return presentParticipantStudy(deps.db, program, study, input.participantId, now);
}

/** Adds the next version of the consent document (versions are never edited). */
export async function addConsentDocument(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: ConsentDocumentInput,
): Promise<{ version: number }> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:design', { programId });
  await requireStudy(deps, programId);
  const now = deps.clock.now();
  const docs = await findConsentDocuments(deps.db, programId);
  const version = (docs.at(-1)?.version ?? 0) + 1;
  await deps.db.transaction(async (tx) => {
    const id = newId();
    await tx
      .insert(consentDocuments)
      .values({ id, programId, version, title: input.title, body: input.body, createdAt: now, createdBy: caller.actor.personId });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'consent_document', entityId: id, programId }]);
  });
  return { version };
}

/** Records a consent: typed name (signed) or staff attestation of a verbal consent, to an existing document version. */
export async function recordConsent(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: ConsentInput,
): Promise<ParticipantStudyView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:enrol', { programId, hideExistence: true });
  await loadParticipantIn(deps.db, programId, input.participantId);
  const study = await requireStudy(deps, programId);
  const docs = await findConsentDocuments(deps.db, programId);
  if (!docs.some((d) => d.version === input.documentVersion)) {
    throw new DomainError('invalid_state', 'no_such_consent_version', 'There is no consent document with that version');
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const id = newId();
    await tx.insert(consents).values({
      id,
      programId,
      participantId: input.participantId,
      documentVersion: input.documentVersion,
      method: input.method,
      typedName: input.method === 'signed' ? input.typedName : null,
      signedOn: input.signedOn,
      note: input.method === 'attested' ? input.note : '',
      recordedAt: now,
      recordedBy: caller.actor.personId,
    });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'consent', entityId: id, programId }]);
  });
  return presentParticipantStudy(deps.db, program, study, input.participantId, now);
}

/**
 * Records a withdrawal by scope (ADR 0025). From follow-up or data, the participant's open
 * assessment links are revoked in the same transaction and the schedule stops (no tasks, links or
 * reminders from the withdrawal day on, read through followUpEndsOn). Audited.
 */
export async function withdrawParticipant(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: WithdrawalInput,
): Promise<ParticipantStudyView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:enrol', { programId, hideExistence: true });
  await loadParticipantIn(deps.db, programId, input.participantId);
  const study = await requireStudy(deps, programId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const id = newId();
    await tx.insert(studyWithdrawals).values({
      id,
      programId,
      participantId: input.participantId,
      scope: input.scope,
      on: input.on,
      reason: input.reason,
      recordedAt: now,
      recordedBy: caller.actor.personId,
    });
    const entries: Parameters<typeof audit>[3][number][] = [
      { verb: 'create', entityType: 'study_withdrawal', entityId: id, programId },
    ];
    if (input.scope !== 'intervention') {
      const revoked = await tx
        .update(assessmentLinks)
        .set({ revokedAt: now })
        .where(
          and(
            eq(assessmentLinks.programId, programId),
            eq(assessmentLinks.participantId, input.participantId),
            isNull(assessmentLinks.completedAt),
            isNull(assessmentLinks.revokedAt),
          ),
        )
        .returning({ id: assessmentLinks.id });
      for (const l of revoked) entries.push({ verb: 'update', entityType: 'assessment_link', entityId: l.id, programId });
    }
    await audit(tx, caller, now, entries);
  });
  return presentParticipantStudy(deps.db, program, study, input.participantId, now);
}

/**
 * Randomizes one participant (ADR 0024): one-way (one allocation per participant, a unique index),
 * idempotent on the client's key (a retry answers the same allocation), only when the gate is met
 * (409 `gate_not_met` naming what is missing). The first randomization locks the design and draws
 * the seed from crypto.randomBytes. The study row is locked for the decision, so concurrent
 * randomizations take their sequence numbers one after another. Audited.
 */
export async function randomize(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: RandomizeInput,
): Promise<{ view: ParticipantStudyView; isNew: boolean }> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:randomize', { programId, hideExistence: true });
  await loadParticipantIn(deps.db, programId, input.participantId);
  const now = deps.clock.now();
  const isNew = await deps.db.transaction(async (tx) => {
    const [study] = await tx.select().from(studies).where(eq(studies.programId, programId)).for('update');
    if (!study) throw new DomainError('not_found', 'no_study', 'This program runs no study yet');
    const [byKey] = await tx
      .select()
      .from(allocations)
      .where(and(eq(allocations.programId, programId), eq(allocations.clientKey, input.clientKey)));
    if (byKey) {
      if (byKey.participantId !== input.participantId)
        throw new DomainError('conflict', 'client_key_reused', 'This key was already used for another participant');
      return false;
    }
    const [existing] = await tx
      .select({ id: allocations.id })
      .from(allocations)
      .where(and(eq(allocations.programId, programId), eq(allocations.participantId, input.participantId)));
    if (existing)
      throw new DomainError(
        'conflict',
        'already_randomized',
        'This participant is already randomized; randomization cannot be undone',
      );
    if (study.design.design === 'none' || study.design.arms.length < 2) {
      throw new DomainError('invalid_state', 'no_randomization', 'This study does not randomize');
    }
    const withdrawals = await findWithdrawals(tx, programId, [input.participantId]);
    if (withdrawals.length > 0)
      throw new DomainError('conflict', 'withdrawn', 'This participant withdrew and cannot be randomized');
    const missing = gateMissing(study.design.gate, await gateFacts(tx, program, input.participantId, now));
    if (missing.length > 0) {
      throw new DomainError(
        'conflict',
        'gate_not_met',
        `Not ready to randomize. Still needed: ${missing.map((m) => gateWords[m]).join('; ')}`,
      );
    }
    const problems = checkStratumValues(study.design.strata, input.strata);
    if (problems.length > 0) throw new DomainError('invalid_state', 'strata_invalid', problems.join('. '));
    if (study.design.method.kind === 'table' && !study.allocationTable) {
      throw new DomainError('invalid_state', 'no_allocation_table', 'Upload the allocation table first');
    }
    let seed = study.seed;
    if (!seed) {
      seed = randomBytes(32);
      await tx
        .update(studies)
        .set({
          seed,
          lockedAt: now,
          lockedBy: caller.actor.personId,
          masks: maskedLabels(study.design.arms, seededStream(seed, 'masks')),
        })
        .where(eq(studies.programId, programId));
    }
    const prior = await findAllocations(tx, programId);
    const seedBytes = seed;
    const decided = nextAllocation(
      {
        arms: study.design.arms,
        strata: study.design.strata,
        method: study.design.method,
        prior,
        table: study.allocationTable ?? [],
      },
      input.strata,
      (label) => seededStream(seedBytes, label),
    );
    const id = newId();
    await tx.insert(allocations).values({
      id,
      programId,
      participantId: input.participantId,
      arm: decided.arm,
      stratum: decided.stratum,
      strata: input.strata,
      sequenceNumber: decided.sequenceNumber,
      overallNumber: prior.length + 1,
      method: study.design.method.kind,
      studyVersion: study.version,
      clientKey: input.clientKey,
      allocatedAt: now,
      allocatedBy: caller.actor.personId,
    });
    const entries: Parameters<typeof audit>[3][number][] = [
      { verb: 'create', entityType: 'allocation', entityId: id, programId },
    ];
    if (!study.seed) entries.push({ verb: 'update', entityType: 'study_lock', entityId: programId, programId });
    await audit(tx, caller, now, entries);
    return true;
  });
  const study = await requireStudy(deps, programId);
  return { view: await presentParticipantStudy(deps.db, program, study, input.participantId, now), isNew };
}

/** Records whether the allocated intervention was received (a class attended, usual care given), with the reason when not. */
export async function recordDelivery(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: DeliveryInput,
): Promise<ParticipantStudyView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:enrol', { programId, hideExistence: true });
  await loadParticipantIn(deps.db, programId, input.participantId);
  const study = await requireStudy(deps, programId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(allocations)
      .set({ deliveryState: input.received ? 'received' : 'not_received', deliveryReason: input.received ? '' : input.reason })
      .where(and(eq(allocations.programId, programId), eq(allocations.participantId, input.participantId)))
      .returning({ id: allocations.id });
    const [row] = updated;
    if (!row) throw new DomainError('invalid_state', 'not_randomized', 'This participant is not randomized');
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'allocation', entityId: row.id, programId }]);
  });
  return presentParticipantStudy(deps.db, program, study, input.participantId, now);
}

export const EMERGENCY_SUBJECT = 'Kindred: a participant was unblinded for safety';

/**
 * Emergency unblinding of one participant for safety: a reason is required, the act is logged and
 * audited, and the study's staff are e-mailed through the outbox (no name in the message). Answers the arm.
 */
export async function emergencyUnblind(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  reason: string,
): Promise<AllocationView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:emergency_unblind', { programId });
  const participant = await loadParticipantIn(deps.db, programId, participantId);
  const study = await requireStudy(deps, programId);
  const now = deps.clock.now();
  const [row] = await deps.db
    .select()
    .from(allocations)
    .where(and(eq(allocations.programId, programId), eq(allocations.participantId, participantId)));
  if (!row) throw new DomainError('invalid_state', 'not_randomized', 'This participant is not randomized');
  await deps.db.transaction(async (tx) => {
    const id = newId();
    await tx.insert(emergencyUnblindings).values({ id, programId, participantId, reason, at: now, by: caller.actor.personId });
    await audit(tx, caller, now, [{ verb: 'read', entityType: 'emergency_unblinding', entityId: id, programId }]);
    const text = [
      `A participant of the study in "${program.name}" (code ${participant.code}) was unblinded for safety by ${caller.actor.displayName}.`,
      'The reason is recorded in Kindred. Sign in to see it.',
      '',
      `${deps.publicUrl}/programs/${programId}/study`,
    ].join('\n');
    for (const to of await studyStaffEmails(tx, programId)) {
      await deps.mailer.enqueue(tx, { programId, to, subject: EMERGENCY_SUBJECT, text }, now);
    }
  });
  return presentAllocation(deps.db, study, row);
}
