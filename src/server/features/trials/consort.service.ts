import { and, eq } from 'drizzle-orm';
import { scheduleFor } from '../../../core/assessments';
import {
  countConsort,
  countSecondStage,
  isWithdrawnFrom,
  type Consort,
  type ConsortParticipant,
  type ConsortView,
} from '../../../core/trials';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db } from '../../platform/database';
import { loadAssessmentSettings, loadScheduleFacts } from '../assessments';
import { pairings } from '../pairings/pairings.table';
import { loadProgram, type Program } from '../programs';
import { programs } from '../programs/programs.table';
import { findAllocations, findStudy, findWithdrawals, latestScreenings, type StudyRow } from './trials.repository';
import { smartOptionMasks } from './smart.service';
import { smartDecisions } from './smart.table';
import { classAttendance } from './trials.table';

/**
 * Whether the allocated intervention was received (ADR 0026): coaching when the participant was
 * ever paired with a coach; a class when a session's attendance was recorded; usual care and
 * wait-list by allocation; any arm when staff recorded it. Not received: the recorded reason, else a withdrawal from the intervention, else not yet.
 */
function deliveryOf(
  kind: string,
  row: { deliveryState: string; deliveryReason: string },
  wasPaired: boolean,
  attendedClass: boolean,
  withdrewFromIntervention: boolean,
): ConsortParticipant['delivery'] {
  if (row.deliveryState === 'received') return { received: true };
  if (row.deliveryState === 'not_received') return { received: false, reason: row.deliveryReason };
  if (kind === 'coaching' && wasPaired) return { received: true };
  if (kind === 'class' && attendedClass) return { received: true };
  if (kind === 'usual_care' || kind === 'waitlist') return { received: true };
  if (withdrewFromIntervention) return { received: false, reason: 'withdrew' };
  return { received: false, reason: 'not_yet_delivered' };
}

/** Counts the program's CONSORT flow; `masked` labels the arms "Arm A", "Arm B"… as evaluators see them before unblinding. */
async function countProgram(
  db: Db,
  program: Pick<Program, 'id' | 'timeZone'>,
  study: StudyRow,
  now: Date,
  masked: boolean,
): Promise<Consort> {
  const [screenings, allocated, withdrawals, settings, paired, attended] = await Promise.all([
    latestScreenings(db, program.id),
    findAllocations(db, program.id),
    findWithdrawals(db, program.id),
    loadAssessmentSettings(db, program.id),
    db.selectDistinct({ participantId: pairings.participantId }).from(pairings).where(eq(pairings.programId, program.id)),
    db
      .selectDistinct({ participantId: classAttendance.participantId })
      .from(classAttendance)
      .where(and(eq(classAttendance.programId, program.id), eq(classAttendance.attended, true))),
  ]);
  const attendedIds = new Set(attended.map((a) => a.participantId));
  const facts = await loadScheduleFacts(
    db,
    program.id,
    allocated.map((a) => a.participantId),
  );
  const factsBy = new Map(facts.map((f) => [f.id, f.facts]));
  const followUps = settings.timepoints.filter((t) => !t.isBaseline).map((t) => t.key);
  const pairedIds = new Set(paired.map((p) => p.participantId));
  const allocationBy = new Map(allocated.map((a) => [a.participantId, a]));
  const ids = new Set([...screenings.keys(), ...allocationBy.keys()]);
  const people: ConsortParticipant[] = [...ids].map((id) => {
    const a = allocationBy.get(id);
    const mine = withdrawals.filter((w) => w.participantId === id).map((w) => ({ scope: w.scope }));
    const f = factsBy.get(id);
    const schedule = f ? scheduleFor(settings, f, now, program.timeZone) : [];
    const followUp = Object.fromEntries(
      schedule
        .filter((s) => followUps.includes(s.key))
        .map((s) => [
          s.key,
          s.state === 'completed' || s.state === 'missed' || s.state === 'stopped' ? s.state : ('pending' as const),
        ]),
    );
    const kind = study.design.arms.find((x) => x.key === a?.arm)?.kind ?? 'other';
    return {
      screening: screenings.get(id)?.outcome ?? null,
      arm: a?.arm ?? null,
      delivery: a
        ? deliveryOf(kind, a, pairedIds.has(id), attendedIds.has(id), isWithdrawnFrom(mine, 'intervention'))
        : { received: false, reason: '' },
      withdrawals: mine,
      followUp,
    };
  });
  const masks = study.masks ?? {};
  const armName = (key: string): string => (masked ? (masks[key] ?? 'Arm') : key);
  const consort = countConsort(study.design.arms, followUps, people, armName);
  const smart = study.design.design === 'smart' ? study.design.smart : undefined;
  if (!smart) return consort;
  // The second stage (ADR 0037): each allocated participant's decision at the study's decision point, if made.
  const decided = await db
    .select({ participantId: smartDecisions.participantId, responder: smartDecisions.responder, option: smartDecisions.option })
    .from(smartDecisions)
    .where(and(eq(smartDecisions.programId, program.id), eq(smartDecisions.decisionPoint, smart.decisionPoint.key)));
  const decisionBy = new Map(decided.map((d) => [d.participantId, d]));
  const optionMasks = smartOptionMasks(study, smart);
  const secondStage = countSecondStage(
    smart.decisionPoint.label,
    study.design.arms,
    smart.options,
    allocated.map((a) => ({ arm: a.arm, decision: decisionBy.get(a.participantId) ?? null })),
    armName,
    (key) => (masked ? (optionMasks[key] ?? 'Option') : key),
  );
  return { ...consort, secondStage };
}

/** The live CONSORT flow: staff see arm keys; evaluators see masked labels until the study is unblinded. Audited. */
export async function getConsort(deps: Deps, caller: Caller, programId: string): Promise<ConsortView> {
  const program = await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'consort:view', { programId });
  const now = deps.clock.now();
  const study = await findStudy(deps.db, programId);
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'consort', entityId: programId, programId }]);
  if (!study) return { assessed: 0, excluded: {}, randomized: 0, arms: [], armLabels: {} };
  const masked = view !== 'full' && study.unblindedAt === null;
  const consort = await countProgram(deps.db, program, study, now, masked);
  const armLabels = Object.fromEntries(
    masked ? consort.arms.map((a) => [a.arm, a.arm]) : study.design.arms.map((a) => [a.key, a.label]),
  );
  if (!consort.secondStage) return { ...consort, armLabels };
  // The second stage's options are named the same way (masked options are already words).
  const optionLabels = Object.fromEntries(
    masked ? consort.secondStage.options.map((o) => [o, o]) : (study.design.smart?.options ?? []).map((o) => [o.key, o.label]),
  );
  return { ...consort, armLabels, optionLabels };
}

/**
 * `kindred consort`: the flow for the operator at the command line (who holds the database and is
 * the deployment's authority), with arm keys. Null when the program does not exist. Audited with no actor.
 */
export async function consortForOperator(db: Db, now: Date, programId: string): Promise<Consort | null> {
  const [program] = await db
    .select({ id: programs.id, timeZone: programs.timeZone })
    .from(programs)
    .where(eq(programs.id, programId));
  if (!program) return null;
  await audit(db, { actor: null, requestId: 'cli:consort', ip: null }, now, [
    { verb: 'read', entityType: 'consort', entityId: programId, programId },
  ]);
  const study = await findStudy(db, programId);
  if (!study) return { assessed: 0, excluded: {}, randomized: 0, arms: [] };
  return countProgram(db, program, study, now, false);
}
