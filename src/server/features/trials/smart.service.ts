import { and, eq, inArray, isNotNull, min } from 'drizzle-orm';
import { DomainError } from '../../../core/shared/errors';
import {
  decisionDate,
  describeRule,
  embeddedStrategies,
  evaluateTailoring,
  isWithdrawnFrom,
  maskedLabels,
  nextSecondStage,
  type SmartDesign,
  type SmartRunResult,
  type SmartView,
  type TailoringFacts,
} from '../../../core/trials';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { assessmentResponses } from '../assessments/assessments.table';
import { contacts } from '../contacts/contacts.table';
import { pairings } from '../pairings/pairings.table';
import { findParticipants } from '../participants';
import { painCheckIns } from '../plans/plans.table';
import { loadProgram } from '../programs';
import { smartDecisions } from './smart.table';
import {
  findAllocations,
  findStudy,
  findWithdrawals,
  seededStream,
  type AllocationRow,
  type StudyRow,
} from './trials.repository';
import { studies } from './trials.table';

function smartOf(study: StudyRow | null): SmartDesign {
  if (!study || study.design.design !== 'smart' || !study.design.smart) {
    throw new DomainError('invalid_state', 'not_smart', 'This study has no SMART decision point');
  }
  return study.design.smart;
}

/** The masked labels of the second-stage options ("Option A", drawn once from the seed), as evaluators see them until unblinding. */
export function smartOptionMasks(study: Pick<StudyRow, 'seed'>, smart: SmartDesign): Record<string, string> {
  if (!study.seed) return {};
  const point = smart.decisionPoint.key;
  return Object.fromEntries(
    Object.entries(maskedLabels(smart.options, seededStream(study.seed, `smart:${point}:masks`))).map(([k, v]) => [
      k,
      v.replace('Arm', 'Option'),
    ]),
  );
}

/** Each allocated participant's start: the randomization, or the first pairing when the design says so (ADR 0030). */
async function startsOf(db: Db | Tx, smart: SmartDesign, rows: readonly AllocationRow[]): Promise<Map<string, Date>> {
  const starts = new Map(rows.map((a) => [a.participantId, a.allocatedAt]));
  if (smart.decisionPoint.from === 'first_pairing' && rows.length > 0) {
    const firsts = await db
      .select({ id: pairings.participantId, first: min(pairings.startedAt) })
      .from(pairings)
      .where(
        inArray(
          pairings.participantId,
          rows.map((a) => a.participantId),
        ),
      )
      .groupBy(pairings.participantId);
    // Not yet paired (or a class arm, never paired): counted from the randomization.
    for (const f of firsts) if (f.first) starts.set(f.id, new Date(f.first));
  }
  return starts;
}

/** The facts the tailoring rule reads for these participants: reached contacts and PEG scores. */
async function factsOf(
  db: Db | Tx,
  programId: string,
  ids: readonly string[],
): Promise<Map<string, Pick<TailoringFacts, 'reachedContacts' | 'peg'>>> {
  const out = new Map(ids.map((id) => [id, { reachedContacts: [] as Date[], peg: [] as { at: Date; score: number }[] }]));
  if (ids.length === 0) return out;
  const [reached, checkIns, assessed] = await Promise.all([
    db
      .select({ id: contacts.participantId, at: contacts.occurredAt })
      .from(contacts)
      .where(and(eq(contacts.programId, programId), eq(contacts.isReached, true), inArray(contacts.participantId, [...ids]))),
    db
      .select({ id: painCheckIns.participantId, on: painCheckIns.on, score: painCheckIns.score })
      .from(painCheckIns)
      .where(and(eq(painCheckIns.programId, programId), inArray(painCheckIns.participantId, [...ids]))),
    db
      .select({ id: assessmentResponses.participantId, at: assessmentResponses.enteredAt, score: assessmentResponses.total })
      .from(assessmentResponses)
      .where(
        and(
          eq(assessmentResponses.programId, programId),
          eq(assessmentResponses.instrumentId, 'peg'),
          isNotNull(assessmentResponses.total),
          inArray(assessmentResponses.participantId, [...ids]),
        ),
      ),
  ]);
  for (const r of reached) out.get(r.id)?.reachedContacts.push(r.at);
  // A check-in is for a day: taken as midday UTC of that day.
  for (const c of checkIns) out.get(c.id)?.peg.push({ at: new Date(`${c.on}T12:00:00.000Z`), score: c.score });
  for (const a of assessed) if (a.score !== null) out.get(a.id)?.peg.push({ at: a.at, score: a.score });
  return out;
}

/**
 * "Run the week-8 decision" (ADR 0030): for every randomized participant whose decision date has
 * come, not withdrawn from the intervention and not yet decided, evaluates the tailoring rule on the
 * data up to the decision date; responders continue, non-responders are re-randomized among the
 * second-stage options (blocks stratified by first arm, the decision point's own stream from the
 * study's seed). The study row is locked, so runs take turns; a second run decides nobody twice
 * (and a unique index stands behind that). Each decision is audited.
 */
export async function runSmartDecision(deps: Deps, caller: Caller, programId: string): Promise<SmartRunResult> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:randomize', { programId, hideExistence: true });
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [study] = await tx.select().from(studies).where(eq(studies.programId, programId)).for('update');
    if (!study) throw new DomainError('not_found', 'no_study', 'This program runs no study yet');
    const smart = smartOf(study);
    if (!study.seed) throw new DomainError('invalid_state', 'not_randomized', 'Nobody is randomized yet');
    const seed = study.seed;
    const point = smart.decisionPoint.key;
    const [allocated, decided, withdrawals] = await Promise.all([
      findAllocations(tx, programId),
      tx
        .select()
        .from(smartDecisions)
        .where(and(eq(smartDecisions.programId, programId), eq(smartDecisions.decisionPoint, point))),
      findWithdrawals(tx, programId),
    ]);
    const starts = await startsOf(tx, smart, allocated);
    const done = new Set(decided.map((d) => d.participantId));
    const due = [...allocated]
      .sort((a, b) => a.overallNumber - b.overallNumber)
      .filter((a) => !done.has(a.participantId))
      .filter(
        (a) =>
          !isWithdrawnFrom(
            withdrawals.filter((w) => w.participantId === a.participantId),
            'intervention',
          ),
      )
      .filter((a) => decisionDate(smart, starts.get(a.participantId)!).getTime() <= now.getTime());
    const facts = await factsOf(
      tx,
      programId,
      due.map((a) => a.participantId),
    );
    const multipliers = study.design.method.kind === 'blocks' ? study.design.method.blockMultipliers : [1, 2, 3];
    const nonRespondersIn = new Map<string, number>();
    for (const d of decided) if (!d.responder) nonRespondersIn.set(d.firstArm, (nonRespondersIn.get(d.firstArm) ?? 0) + 1);
    let responders = 0;
    const entries: Parameters<typeof audit>[3][number][] = [];
    for (const a of due) {
      const start = starts.get(a.participantId)!;
      const decisionAt = decisionDate(smart, start);
      const f = facts.get(a.participantId)!;
      const result = evaluateTailoring(smart.rule, { start, decisionAt, ...f });
      const second = result.responder
        ? null
        : nextSecondStage(smart.options, point, a.arm, nonRespondersIn.get(a.arm) ?? 0, multipliers, (label) =>
            seededStream(seed, label),
          );
      if (second) nonRespondersIn.set(a.arm, (nonRespondersIn.get(a.arm) ?? 0) + 1);
      else responders++;
      const id = newId();
      await tx.insert(smartDecisions).values({
        id,
        programId,
        participantId: a.participantId,
        decisionPoint: point,
        firstArm: a.arm,
        decisionAt,
        responder: result.responder,
        conditions: result.conditions,
        option: second?.option ?? null,
        stratum: second?.stratum ?? null,
        sequenceNumber: second?.sequenceNumber ?? null,
        decidedAt: now,
        decidedBy: caller.actor.personId,
      });
      entries.push({ verb: 'create', entityType: 'smart_decision', entityId: id, programId });
    }
    entries.push({ verb: 'update', entityType: 'smart_run', entityId: programId, programId });
    await audit(tx, caller, now, entries);
    return { decided: due.length, responders, nonResponders: due.length - responders, alreadyDecided: decided.length };
  });
}

/**
 * The SMART section of the Study page (ADR 0030). Staff see each participant's path with real arm
 * and option names; evaluators see only counts per path, with masked labels until the study is
 * unblinded; assessors, coaches and participants nothing. A participant not yet decided shows no
 * option: the second stage is drawn only when the decision is run, so there is none to reveal.
 */
export async function getSmart(deps: Deps, caller: Caller, programId: string): Promise<SmartView> {
  await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'consort:view', { programId });
  const now = deps.clock.now();
  const study = await findStudy(deps.db, programId);
  const smart = smartOf(study);
  const masked = view !== 'full' && study!.unblindedAt === null;
  const point = smart.decisionPoint.key;
  const [allocated, decided, withdrawals] = await Promise.all([
    findAllocations(deps.db, programId),
    deps.db
      .select()
      .from(smartDecisions)
      .where(and(eq(smartDecisions.programId, programId), eq(smartDecisions.decisionPoint, point))),
    findWithdrawals(deps.db, programId),
  ]);
  const starts = await startsOf(deps.db, smart, allocated);
  const armMasks = study!.masks ?? {};
  const optionMasks = smartOptionMasks(study!, smart);
  const armName = (key: string): string => (masked ? (armMasks[key] ?? 'Arm') : key);
  const optionName = (key: string): string => (masked ? (optionMasks[key] ?? 'Option') : key);
  const arms = Object.fromEntries(study!.design.arms.map((a) => (masked ? [armName(a.key), armName(a.key)] : [a.key, a.label])));
  const options = Object.fromEntries(
    smart.options.map((o) => (masked ? [optionName(o.key), optionName(o.key)] : [o.key, o.label])),
  );
  const byParticipant = new Map(decided.map((d) => [d.participantId, d]));
  const names = masked
    ? new Map<string, string>()
    : new Map(
        (await findParticipants(deps.db, { programId, ids: allocated.map((a) => a.participantId) })).map((p) => [
          p.id,
          `${p.givenName} ${p.familyName}`,
        ]),
      );
  const rows = allocated
    .sort((a, b) => a.overallNumber - b.overallNumber)
    .map((a) => {
      const d = byParticipant.get(a.participantId);
      const on = decisionDate(smart, starts.get(a.participantId)!);
      const withdrawn = isWithdrawnFrom(
        withdrawals.filter((w) => w.participantId === a.participantId),
        'intervention',
      );
      const stage = d
        ? d.responder
          ? ('responder' as const)
          : ('non_responder' as const)
        : withdrawn
          ? ('withdrawn' as const)
          : on.getTime() <= now.getTime()
            ? ('due' as const)
            : ('waiting' as const);
      return {
        participantId: a.participantId,
        name: names.get(a.participantId) ?? '',
        firstArm: armName(a.arm),
        decisionOn: on.toISOString(),
        stage,
        option: d?.option ? optionName(d.option) : null,
        reasons: d ? d.conditions.map((c) => c.words) : [],
      };
    });
  const counts = new Map<string, { firstArm: string; stage: string; option: string | null; count: number }>();
  for (const r of rows) {
    const k = `${r.firstArm}|${r.stage}|${r.option ?? ''}`;
    const c = counts.get(k) ?? { firstArm: r.firstArm, stage: r.stage, option: r.option, count: 0 };
    c.count++;
    counts.set(k, c);
  }
  const labelled = study!.design.arms.map((a) => ({ key: a.key, label: masked ? armName(a.key) : a.label }));
  const strategyOptions = smart.options.map((o) => ({ key: o.key, label: masked ? optionName(o.key) : o.label }));
  const strategies = embeddedStrategies(labelled, { ...smart, options: strategyOptions }).map((s) => ({
    key: masked ? `${armName(s.firstArm)}>${optionName(s.option)}` : s.key,
    words: s.words,
  }));
  await audit(deps.db, caller, now, [
    { verb: masked ? 'read' : 'list', entityType: 'smart_decision', entityId: programId, programId },
  ]);
  return {
    decisionPoint: smart.decisionPoint,
    rule: describeRule(smart.rule),
    options,
    arms,
    strategies,
    due: rows.filter((r) => r.stage === 'due').length,
    participants: masked ? [] : rows,
    paths: [...counts.values()],
  };
}
