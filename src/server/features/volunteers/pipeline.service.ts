import { eq } from 'drizzle-orm';
import { localDateOf } from '../../../core/shared/time';
import { DomainError } from '../../../core/shared/errors';
import { decodeCursor, encodeCursor, type Page } from '../../../core/shared/paging';
import {
  checkStep,
  isTrainingComplete,
  type ApplicantSummary,
  type ApplicantView,
  type PipelineState,
  type StepInput,
  type Training,
  type VolunteerSettings,
} from '../../../core/volunteers';
import { authorize } from '../../access/policy';
import { audit, type AuditEntry } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { inviteInTransaction } from '../accounts';
import { addVolunteerCoach, findCoaches, setCoachStatus } from '../coaches';
import { loadProgram } from '../programs';
import { programs as programTable } from '../programs/programs.table';
import { stepMail } from './volunteers.mail';
import {
  findApplications,
  findApplicationsPage,
  listSteps,
  loadPasses,
  loadVolunteerSettings,
  summarizeTraining,
  type ApplicationRow,
} from './volunteers.repository';
import { volunteerApplications, volunteerSettings, volunteerSteps } from './volunteers.table';

function summarize(a: ApplicationRow, training: Training, passes: Map<string, { moduleKey: string; moduleVersion: number }[]>) {
  return {
    id: a.id,
    givenName: a.givenName,
    familyName: a.familyName,
    gender: a.gender,
    state: a.state,
    appliedAt: a.createdAt.toISOString(),
    stateChangedAt: a.stateChangedAt.toISOString(),
    pausedUntil: a.pausedUntil,
    coachId: a.coachId,
    training: a.coachId
      ? summarizeTraining(
          training,
          { trainedAt: a.coachTrainedAt, agreementSignedAt: a.coachAgreementSignedAt },
          passes.get(a.coachId) ?? [],
        )
      : null,
  } satisfies ApplicantSummary;
}

/**
 * The program's applicants, newest first (ties by id), one page at a time (issue #12), with where each
 * stands and each coach's training (staff only).
 */
export async function listApplicants(
  deps: Deps,
  caller: Caller,
  programId: string,
  filter: { state?: PipelineState } = {},
  page: { limit: number; before?: string | undefined } = { limit: 200 },
): Promise<Page<ApplicantSummary>> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'volunteer:list', { programId });
  const cursor = page.before === undefined ? null : decodeCursor(page.before);
  if (page.before !== undefined && !cursor) throw new DomainError('invalid_state', 'bad_cursor', 'This page cursor is not valid');
  const { rows: found, total } = await findApplicationsPage(deps.db, programId, filter, { limit: page.limit, before: cursor });
  const rows = found.slice(0, page.limit);
  const passes = await loadPasses(
    deps.db,
    programId,
    rows.flatMap((r) => (r.coachId ? [r.coachId] : [])),
  );
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'volunteer_application', programId }]);
  const last = rows[rows.length - 1];
  const nextCursor = found.length > page.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null;
  return { items: rows.map((r) => summarize(r, deps.training, passes)), nextCursor, total };
}

async function presentApplicant(db: Db | Tx, training: Training, programId: string, a: ApplicationRow): Promise<ApplicantView> {
  const [passes, steps, settings] = await Promise.all([
    loadPasses(db, programId, a.coachId ? [a.coachId] : []),
    listSteps(db, a.id),
    loadVolunteerSettings(db, programId),
  ]);
  return {
    ...summarize(a, training, passes),
    email: a.email,
    phone: a.phone,
    painLocations: a.painLocations,
    aboutMe: a.aboutMe,
    ownPain: a.ownPain,
    availableDays: a.availableDays,
    availableTimes: a.availableTimes,
    modalities: a.modalities,
    serviceBranch: a.serviceBranch as ApplicantView['serviceBranch'],
    serviceEra: a.serviceEra as ApplicantView['serviceEra'],
    birthYear: a.birthYear,
    town: a.town,
    languages: a.languages,
    backgroundCheckConsent: a.backgroundCheckConsent,
    screening: a.screening,
    screeningNote: a.screeningNote,
    retiredReason: a.retiredReason,
    requiresBackgroundCheck: settings.requiresBackgroundCheck,
    history: steps.map(({ s, byName }) => ({
      from: s.fromState,
      to: s.toState,
      at: s.at.toISOString(),
      byName,
      note: s.note,
    })),
  };
}

/** One applicant with the whole journey so far (staff only; others answer not found). */
export async function getApplicant(deps: Deps, caller: Caller, programId: string, applicationId: string): Promise<ApplicantView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'volunteer:view', { programId, hideExistence: true });
  const [row] = await findApplications(deps.db, programId, { id: applicationId });
  if (!row) throw new DomainError('not_found', undefined, 'Not found');
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'volunteer_application', entityId: applicationId, programId },
  ]);
  return presentApplicant(deps.db, deps.training, programId, row);
}

/**
 * Moves an applicant one step along the journey. The application row is locked, the pure rule
 * decides, and the move, its effects (the coach record, the invitation to an account, the coach's
 * status), the history row, the e-mail to the volunteer and the audit rows commit together.
 */
export async function moveApplicant(
  deps: Deps,
  caller: Caller,
  programId: string,
  applicationId: string,
  step: StepInput,
): Promise<ApplicantView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'volunteer:move', { programId, hideExistence: true });
  const now = deps.clock.now();
  const today = localDateOf(now, program.timeZone);
  const id = await deps.db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ id: volunteerApplications.id })
      .from(volunteerApplications)
      .where(eq(volunteerApplications.id, applicationId))
      .for('update');
    const [app] = locked ? await findApplications(tx, programId, { id: applicationId }) : [];
    if (!app) throw new DomainError('not_found', undefined, 'Not found');
    const settings = await loadVolunteerSettings(tx, programId);
    const [coach] = app.coachId ? await findCoaches(tx, programId, now, app.coachId) : [];
    checkStep({
      from: app.state,
      step,
      requiresBackgroundCheck: settings.requiresBackgroundCheck,
      isTrainingComplete: coach ? isTrainingComplete(coach) : false,
      activePairings: coach?.activePairings ?? 0,
      today,
    });
    const changes: Partial<typeof volunteerApplications.$inferInsert> = {
      state: step.to,
      stateChangedAt: now,
      updatedAt: now,
    };
    const audits: AuditEntry[] = [{ verb: 'update', entityType: 'volunteer_application', entityId: app.id, programId }];
    switch (step.to) {
      case 'screened':
        changes.screening = step.checklist;
        changes.screeningNote = step.note;
        break;
      case 'in_training': {
        const coachId = await addVolunteerCoach(
          tx,
          programId,
          {
            givenName: app.givenName,
            familyName: app.familyName,
            gender: app.gender,
            painLocations: app.painLocations,
            modalities: app.modalities,
            phone: app.phone,
            email: app.email,
            availability: { days: app.availableDays, times: app.availableTimes },
            serviceBranch: app.serviceBranch,
            serviceEra: app.serviceEra,
            birthYear: app.birthYear,
            town: app.town,
            languages: app.languages,
          },
          now,
        );
        changes.coachId = coachId;
        audits.push({ verb: 'create', entityType: 'coach', entityId: coachId, programId });
        // The invitation (its own e-mail and audit row) links the new account to the coach record.
        await inviteInTransaction(deps, tx, caller, program, {
          email: app.email,
          role: 'coach',
          displayName: `${app.givenName} ${app.familyName}`,
          subjectId: coachId,
        });
        break;
      }
      case 'active':
        changes.pausedUntil = null;
        break;
      case 'paused':
        changes.pausedUntil = step.until;
        break;
      case 'retired':
        changes.retiredReason = step.reason;
        changes.pausedUntil = null;
        break;
    }
    const coachStatus = { active: 'active', paused: 'paused', retired: 'retired' } as const;
    if (coach && step.to in coachStatus) {
      await setCoachStatus(tx, programId, coach.id, coachStatus[step.to as keyof typeof coachStatus], now);
      audits.push({ verb: 'update', entityType: 'coach', entityId: coach.id, programId });
    }
    await tx.update(volunteerApplications).set(changes).where(eq(volunteerApplications.id, app.id));
    await tx.insert(volunteerSteps).values({
      id: newId(),
      programId,
      applicationId: app.id,
      fromState: app.state,
      toState: step.to,
      at: now,
      actorId: caller.actor.personId,
      note: step.note,
    });
    const mail = stepMail(step.to, {
      givenName: app.givenName,
      programName: program.name,
      publicUrl: deps.publicUrl,
      from: app.state,
      ...(step.to === 'paused' ? { pausedUntil: step.until } : {}),
      ...(step.to === 'retired' ? { retiredReason: step.reason } : {}),
    });
    await deps.mailer.enqueue(tx, { programId, to: app.email, ...mail }, now);
    await audit(tx, caller, now, audits);
    return app.id;
  });
  const [row] = await findApplications(deps.db, programId, { id });
  if (!row) throw new DomainError('not_found', undefined, 'Not found');
  return presentApplicant(deps.db, deps.training, programId, row);
}

/**
 * Moves a volunteer whose coach has just finished training (every module passed, the agreement
 * signed) from "in training" to "active", inside the caller's transaction: the coach did it, so the
 * step records no staff member. Nothing happens for a coach without an application in training.
 */
export async function activateAfterTraining(
  deps: Deps,
  tx: Tx,
  caller: Caller,
  programId: string,
  coachId: string,
  now: Date,
): Promise<void> {
  const [app] = await tx.select().from(volunteerApplications).where(eq(volunteerApplications.coachId, coachId)).for('update');
  if (!app || app.programId !== programId || app.state !== 'in_training') return;
  const [program] = await tx.select().from(programTable).where(eq(programTable.id, programId));
  await tx
    .update(volunteerApplications)
    .set({ state: 'active', stateChangedAt: now, updatedAt: now })
    .where(eq(volunteerApplications.id, app.id));
  await tx.insert(volunteerSteps).values({
    id: newId(),
    programId,
    applicationId: app.id,
    fromState: 'in_training',
    toState: 'active',
    at: now,
    actorId: null,
    note: 'Training passed and the agreement signed.',
  });
  const mail = stepMail('active', {
    givenName: app.givenName,
    programName: program?.name ?? 'Kindred',
    publicUrl: deps.publicUrl,
    from: 'in_training',
  });
  await deps.mailer.enqueue(tx, { programId, to: app.email, ...mail }, now);
  await audit(tx, caller, now, [{ verb: 'update', entityType: 'volunteer_application', entityId: app.id, programId }]);
}

/** The program's application form settings (staff). */
export async function getVolunteerSettings(deps: Deps, caller: Caller, programId: string): Promise<VolunteerSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'volunteer:settings', { programId });
  return loadVolunteerSettings(deps.db, programId);
}

/** Changes what the program's application form asks (staff). Applies to applications from now on. */
export async function updateVolunteerSettings(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: VolunteerSettings,
): Promise<VolunteerSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'volunteer:settings', { programId });
  const now = deps.clock.now();
  const values = { ...input, updatedAt: now, updatedBy: caller.actor.personId };
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(volunteerSettings)
      .values({ programId, ...values })
      .onConflictDoUpdate({ target: volunteerSettings.programId, set: values });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'volunteer_settings', entityId: programId, programId }]);
  });
  return loadVolunteerSettings(deps.db, programId);
}
