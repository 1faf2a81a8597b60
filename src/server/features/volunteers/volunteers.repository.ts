import { and, asc, count, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { Cursor } from '../../../core/shared/paging';
import {
  DEFAULT_VOLUNTEER_SETTINGS,
  isTrainingComplete,
  passedModules,
  type PipelineState,
  type Training,
  type TrainingSummary,
  type VolunteerSettings,
} from '../../../core/volunteers';
import type { Db, Tx } from '../../platform/database';
import { people } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { coachAgreements, trainingAttempts, volunteerApplications, volunteerSettings, volunteerSteps } from './volunteers.table';

/** The program's application settings, or the defaults when it has not set any. */
export async function loadVolunteerSettings(db: Db | Tx, programId: string): Promise<VolunteerSettings> {
  const [row] = await db.select().from(volunteerSettings).where(eq(volunteerSettings.programId, programId));
  if (!row) return DEFAULT_VOLUNTEER_SETTINGS;
  return {
    asksServiceBranch: row.asksServiceBranch,
    asksServiceEra: row.asksServiceEra,
    requiresBackgroundCheck: row.requiresBackgroundCheck,
  };
}

export type ApplicationRow = typeof volunteerApplications.$inferSelect & {
  coachTrainedAt: Date | null;
  coachAgreementSignedAt: Date | null;
};

/** The program's applications (newest first), or one, with the coach's training milestones. One query. */
export async function findApplications(
  db: Db | Tx,
  programId: string,
  filter: { id?: string; state?: PipelineState } = {},
): Promise<ApplicationRow[]> {
  const where = [eq(volunteerApplications.programId, programId)];
  if (filter.id) where.push(eq(volunteerApplications.id, filter.id));
  if (filter.state) where.push(eq(volunteerApplications.state, filter.state));
  const rows = await db
    .select({ a: volunteerApplications, trainedAt: coaches.trainedAt, agreementSignedAt: coaches.agreementSignedAt })
    .from(volunteerApplications)
    .leftJoin(coaches, eq(coaches.id, volunteerApplications.coachId))
    .where(and(...where))
    .orderBy(desc(volunteerApplications.createdAt), asc(volunteerApplications.id))
    .limit(filter.id ? 1 : 1000);
  return rows.map((r) => ({ ...r.a, coachTrainedAt: r.trainedAt, coachAgreementSignedAt: r.agreementSignedAt }));
}

/**
 * One page of the program's applications (issue #12): newest first, ties by id, the rows strictly older
 * than `before`; `limit + 1` rows are read so the caller knows whether another page follows. With the
 * count of the whole (filtered) list.
 */
export async function findApplicationsPage(
  db: Db | Tx,
  programId: string,
  filter: { state?: PipelineState },
  page: { limit: number; before: Cursor | null },
): Promise<{ rows: ApplicationRow[]; total: number }> {
  const scope = [eq(volunteerApplications.programId, programId)];
  if (filter.state) scope.push(eq(volunteerApplications.state, filter.state));
  const c = page.before;
  const after = c
    ? or(
        lt(volunteerApplications.createdAt, c.at),
        and(eq(volunteerApplications.createdAt, c.at), lt(volunteerApplications.id, c.id)),
      )
    : undefined;
  const [rows, [{ n } = { n: 0 }]] = await Promise.all([
    db
      .select({ a: volunteerApplications, trainedAt: coaches.trainedAt, agreementSignedAt: coaches.agreementSignedAt })
      .from(volunteerApplications)
      .leftJoin(coaches, eq(coaches.id, volunteerApplications.coachId))
      .where(and(...scope, ...(after ? [after] : [])))
      .orderBy(desc(volunteerApplications.createdAt), desc(volunteerApplications.id))
      .limit(page.limit + 1),
    db
      .select({ n: count() })
      .from(volunteerApplications)
      .where(and(...scope)),
  ]);
  return {
    rows: rows.map((r) => ({ ...r.a, coachTrainedAt: r.trainedAt, coachAgreementSignedAt: r.agreementSignedAt })),
    total: Number(n),
  };
}

/** Each coach's passed modules (key and version), for the coaches named. One query. */
export async function loadPasses(
  db: Db | Tx,
  programId: string,
  coachIds: readonly string[],
): Promise<Map<string, { moduleKey: string; moduleVersion: number }[]>> {
  const out = new Map<string, { moduleKey: string; moduleVersion: number }[]>();
  if (coachIds.length === 0) return out;
  const rows = await db
    .selectDistinct({
      coachId: trainingAttempts.coachId,
      moduleKey: trainingAttempts.moduleKey,
      moduleVersion: trainingAttempts.moduleVersion,
    })
    .from(trainingAttempts)
    .where(
      and(
        eq(trainingAttempts.programId, programId),
        inArray(trainingAttempts.coachId, [...coachIds]),
        eq(trainingAttempts.isPassed, true),
      ),
    );
  for (const r of rows) out.set(r.coachId, [...(out.get(r.coachId) ?? []), r]);
  return out;
}

/** A coach's training in one line, from the milestones on the coach and the passes. */
export function summarizeTraining(
  training: Training,
  coach: { trainedAt: Date | null; agreementSignedAt: Date | null },
  passes: readonly { moduleKey: string; moduleVersion: number }[],
): TrainingSummary {
  return {
    modulesPassed: passedModules(training.modules, passes).size,
    modulesTotal: training.modules.length,
    isAgreementSigned: coach.agreementSignedAt !== null,
    isComplete: isTrainingComplete(coach),
  };
}

/** The recorded steps of one application, oldest first, with the name of whoever made each move. */
export async function listSteps(db: Db | Tx, applicationId: string) {
  return db
    .select({ s: volunteerSteps, byName: people.displayName })
    .from(volunteerSteps)
    .leftJoin(people, eq(people.id, volunteerSteps.actorId))
    .where(eq(volunteerSteps.applicationId, applicationId))
    .orderBy(asc(volunteerSteps.at), asc(volunteerSteps.id));
}

/** A coach's attempts (newest first) and latest signature, for the training page. Two queries. */
export async function loadCoachTraining(db: Db | Tx, programId: string, coachId: string) {
  const [attempts, [signature]] = await Promise.all([
    db
      .select()
      .from(trainingAttempts)
      .where(and(eq(trainingAttempts.programId, programId), eq(trainingAttempts.coachId, coachId)))
      .orderBy(desc(trainingAttempts.at), desc(trainingAttempts.id)),
    db
      .select()
      .from(coachAgreements)
      .where(and(eq(coachAgreements.programId, programId), eq(coachAgreements.coachId, coachId)))
      .orderBy(desc(coachAgreements.signedAt))
      .limit(1),
  ]);
  return { attempts, signature: signature ?? null };
}
