import { eq } from 'drizzle-orm';
import { engagementFromCounts, engagementReportOf, type EngagementReportView } from '../../../core/engagement';
import { fidelityReportFromTallies, type FidelityReportView } from '../../../core/fidelity';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db } from '../../platform/database';
import { loadProgram, type Program } from '../programs';
import { programs } from '../programs/programs.table';
import { loadCoachCodes, loadContactTallies, loadReportPeople, reachedCountsOf } from './reports.repository';

type Kind = 'fidelity' | 'engagement';

const NONE = { inWindow: 0, outside: 0 } as const;

async function build(db: Db, program: Program, now: Date, kind: 'fidelity'): Promise<FidelityReportView>;
async function build(db: Db, program: Program, now: Date, kind: 'engagement'): Promise<EngagementReportView>;
async function build(db: Db, program: Program, now: Date, kind: Kind): Promise<FidelityReportView | EngagementReportView> {
  const [people, codes] = await Promise.all([loadReportPeople(db, program.id, program.timeZone), loadCoachCodes(db, program.id)]);
  const tallies = await loadContactTallies(db, program.id, people, program.lengthDays, now);
  const rules = { programId: program.id, lengthDays: program.lengthDays, targetContacts: program.targetContacts };
  if (kind === 'fidelity') return fidelityReportFromTallies(people, tallies, codes, rules, now);
  const counts = reachedCountsOf(tallies);
  return engagementReportOf(
    people.map((p) => engagementFromCounts(p, counts.get(p.participantId) ?? NONE, rules, now)),
    codes,
    rules,
    now,
  );
}

/**
 * The fidelity report (issue #12, ADR 0023): logged fidelity from reached contacts inside each
 * participant's window beside reported fidelity from the coaching-delivery questionnaire, with
 * agreement per element. Pseudonymous codes only; for evaluators and staff; audited.
 */
export async function getFidelityReport(deps: Deps, caller: Caller, programId: string): Promise<FidelityReportView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'fidelity:report', { programId });
  const now = deps.clock.now();
  const report = await build(deps.db, program, now, 'fidelity');
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'fidelity_report', programId }]);
  return report;
}

/**
 * The engagement report: each participant ever paired (by code) with reached contacts inside the
 * window, adherence and meeting frequency as of min(now, end date), and the program's summary.
 */
export async function getEngagementReport(deps: Deps, caller: Caller, programId: string): Promise<EngagementReportView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'engagement:report', { programId });
  const now = deps.clock.now();
  const report = await build(deps.db, program, now, 'engagement');
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'engagement_report', programId }]);
  return report;
}

/**
 * Either report for the operator's command line (`kindred report`), who holds the database itself:
 * audited without an actor, like `kindred match`. Null when there is no such program.
 */
export async function reportForOperator(
  db: Db,
  now: Date,
  programId: string,
  kind: Kind,
): Promise<FidelityReportView | EngagementReportView | null> {
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!program) return null;
  const report = kind === 'fidelity' ? await build(db, program, now, 'fidelity') : await build(db, program, now, 'engagement');
  await audit(db, { actor: null, requestId: 'cli:report', ip: null }, now, [
    { verb: 'read', entityType: `${kind}_report`, programId },
  ]);
  return report;
}

/**
 * Each participant's dose as the engagement report counts it (reached contacts inside the window
 * as of min(now, end), adherence, the latest coach's code), for the study's exports: the same
 * numbers, never recomputed another way. Not audited here: the caller audits its own read.
 */
export async function engagementByParticipant(
  db: Db,
  program: Pick<Program, 'id' | 'timeZone' | 'lengthDays' | 'targetContacts'>,
  now: Date,
): Promise<Map<string, { contacts: number; adherent: boolean; coachCode: string | null }>> {
  const [people, codes] = await Promise.all([loadReportPeople(db, program.id, program.timeZone), loadCoachCodes(db, program.id)]);
  const counts = reachedCountsOf(await loadContactTallies(db, program.id, people, program.lengthDays, now));
  const rules = { lengthDays: program.lengthDays, targetContacts: program.targetContacts };
  return new Map(
    people.map((p) => {
      const e = engagementFromCounts(p, counts.get(p.participantId) ?? NONE, rules, now);
      return [p.participantId, { contacts: e.reachedInWindow, adherent: e.isAdherent, coachCode: codes.get(e.coachId) ?? null }];
    }),
  );
}
