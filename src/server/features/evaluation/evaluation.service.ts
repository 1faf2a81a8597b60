import { and, eq, isNotNull } from 'drizzle-orm';
import { scheduleFor } from '../../../core/assessments';
import { engagementFromCounts } from '../../../core/engagement';
import {
  followUpState,
  outcomeReport,
  type ModeratorSpec,
  type OutcomeInput,
  type OutcomeParticipant,
  type OutcomeReportView,
} from '../../../core/evaluation';
import { findInstrument } from '../../../core/instruments';
import { DomainError } from '../../../core/shared/errors';
import { DEFAULT_PRIMARY_OUTCOME, isWithdrawnFrom } from '../../../core/trials';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { loadAssessmentSettings, loadScheduleFacts } from '../assessments';
import { assessmentResponses } from '../assessments/assessments.table';
import { loadCoachCodes, loadContactTallies, loadReportPeople, reachedCountsOf } from '../fidelity';
import { participants } from '../participants/participants.table';
import { loadProgram } from '../programs';
import { findAllocations, findStudy, findWithdrawals } from '../trials';

/** The outcome the report uses when none is asked for and the design names none (ADR 0029, 0034): the PEG. */
export const DEFAULT_OUTCOME = DEFAULT_PRIMARY_OUTCOME;

const NO_STUDY = 'This program has no randomized study yet, so there are no arms to compare.';

/**
 * The outcome report and "Whom to target" (issue #12, ADR 0029): the program's allocated
 * participants as the long table of `kindred analyze` (code, arm, timepoint, the instrument's total,
 * coach code, reached contacts in the window, moderators), analysed by src/core/evaluation. Staff
 * see real arms; evaluators see masked labels until the study is unblinded. Audited as a read.
 */
export async function getOutcomeReport(
  deps: Deps,
  caller: Caller,
  programId: string,
  asked?: string,
): Promise<OutcomeReportView> {
  const program = await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'outcomes:report', { programId });
  const now = deps.clock.now();
  const db = deps.db;
  const [study, settings] = await Promise.all([findStudy(db, programId), loadAssessmentSettings(db, programId)]);
  // The questionnaire asked for, else the design's primary outcome, else the PEG.
  const instrumentId = asked ?? study?.design.primaryOutcome ?? DEFAULT_OUTCOME;
  const timepoints = settings.timepoints.filter((t) => t.instruments.includes(instrumentId));
  const usedAnywhere = settings.timepoints.some((t) => t.instruments.includes(instrumentId));
  if (!usedAnywhere)
    throw new DomainError(
      'invalid_state',
      'instrument_not_used',
      'This program does not ask that questionnaire at any timepoint',
    );
  const instrument = { id: instrumentId, title: findInstrument(instrumentId)?.title ?? instrumentId };
  await audit(db, caller, now, [{ verb: 'read', entityType: 'outcome_report', entityId: programId, programId }]);

  const isMasked = view !== 'full' && study?.unblindedAt == null;
  const design = study?.design;
  const studyArms = design && design.design !== 'none' ? design.arms : [];
  // Masks are drawn at lock; before it (no one randomized yet) letters by key order say nothing either.
  const masks =
    study?.masks ??
    Object.fromEntries(
      [...studyArms].sort((a, b) => a.key.localeCompare(b.key)).map((a, i) => [a.key, `Arm ${String.fromCharCode(65 + i)}`]),
    );
  const arms = (
    isMasked
      ? [...studyArms].sort((a, b) => (masks[a.key] ?? a.key).localeCompare(masks[b.key] ?? b.key))
      : // The reference is the first arm that is not coaching (the comparison), else the first arm.
        [...studyArms.filter((a) => a.kind !== 'coaching'), ...studyArms.filter((a) => a.kind === 'coaching')].sort(
          (a, b) => Number(a.kind === 'coaching') - Number(b.kind === 'coaching') || studyArms.indexOf(a) - studyArms.indexOf(b),
        )
  ).map((a) => ({ key: a.key, label: isMasked ? (masks[a.key] ?? 'Arm ?') : a.label, isCoaching: a.kind === 'coaching' }));

  const allocated = study ? await findAllocations(db, programId) : [];
  const ids = allocated.map((a) => a.participantId);
  const [facts, codes, withdrawals, schedules, people, totals] = await Promise.all([
    loadReportPeople(db, programId, program.timeZone),
    loadCoachCodes(db, programId),
    findWithdrawals(db, programId, ids),
    loadScheduleFacts(db, programId, ids),
    ids.length
      ? db
          .select({
            id: participants.id,
            gender: participants.gender,
            birthYear: participants.birthYear,
            enrolledOn: participants.enrolledOn,
          })
          .from(participants)
          .where(eq(participants.programId, programId))
      : Promise.resolve([]),
    db
      .select({
        participantId: assessmentResponses.participantId,
        timepointKey: assessmentResponses.timepointKey,
        total: assessmentResponses.total,
      })
      .from(assessmentResponses)
      .where(
        and(
          eq(assessmentResponses.programId, programId),
          eq(assessmentResponses.instrumentId, instrumentId),
          isNotNull(assessmentResponses.total),
        ),
      ),
  ]);

  const rules = { lengthDays: program.lengthDays, targetContacts: program.targetContacts };
  const factsBy = new Map(facts.map((f) => [f.participantId, f]));
  const reached = reachedCountsOf(await loadContactTallies(db, programId, facts, program.lengthDays, now));
  const scheduleBy = new Map(schedules.map((s) => [s.id, s]));
  const personBy = new Map(people.map((p) => [p.id, p]));
  const totalBy = new Map(totals.map((t) => [`${t.participantId}|${t.timepointKey}`, t.total]));
  const coachingArms = new Set(arms.filter((a) => a.isCoaching).map((a) => a.key));
  const strata = (design?.strata ?? []).filter((f) => f.levels.length >= 2);

  const rows: OutcomeParticipant[] = allocated.map((a) => {
    const mine = withdrawals.filter((w) => w.participantId === a.participantId);
    const f = factsBy.get(a.participantId);
    const s = scheduleBy.get(a.participantId);
    const person = personBy.get(a.participantId);
    const schedule = s ? scheduleFor(settings, s.facts, now, program.timeZone) : [];
    const outcomes: Record<string, number | null> = {};
    const states: OutcomeParticipant['states'] = {};
    const noFollowUp = isWithdrawnFrom(mine, 'follow_up');
    for (const t of timepoints) {
      const total = totalBy.get(`${a.participantId}|${t.key}`) ?? null;
      outcomes[t.key] = total;
      (states as Record<string, string>)[t.key] = followUpState(
        schedule.find((x) => x.key === t.key)?.state ?? null,
        total !== null,
        noFollowUp,
      );
    }
    const enrolledYear = person?.enrolledOn ? Number(person.enrolledOn.slice(0, 4)) : null;
    const covariates: Record<string, number | null> = {
      age: person?.birthYear && enrolledYear ? (enrolledYear - person.birthYear) / 10 : null,
      woman: person?.gender === 'woman' ? 1 : person?.gender === 'man' ? 0 : null,
    };
    for (const field of strata) {
      const at = field.levels.findIndex((l) => l.key === a.strata[field.key]);
      covariates[`stratum_${field.key}`] = at < 0 ? null : at;
    }
    return {
      code: s?.code ?? f?.code ?? '',
      arm: a.arm,
      coachCode: f ? (codes.get(f.coachId) ?? null) : null,
      contacts: coachingArms.has(a.arm)
        ? f
          ? engagementFromCounts(f, reached.get(f.participantId) ?? { inWindow: 0, outside: 0 }, rules, now).reachedInWindow
          : 0
        : null,
      covariates,
      outcomes,
      states,
      isDataWithdrawn: isWithdrawnFrom(mine, 'data'),
    };
  });

  const moderators: ModeratorSpec[] = [
    ...strata.map((f): ModeratorSpec =>
      f.levels.length === 2
        ? {
            key: `stratum_${f.key}`,
            label: f.label,
            kind: 'binary',
            levels: [`with ${f.label}: ${f.levels[0]!.label}`, `with ${f.label}: ${f.levels[1]!.label}`],
          }
        : { key: `stratum_${f.key}`, label: f.label, kind: 'categorical', levels: f.levels.map((l) => l.label) },
    ),
    { key: 'age', label: 'Age', kind: 'continuous', per: '10 years of age' },
    { key: 'woman', label: 'Gender', kind: 'binary', levels: ['who are men', 'who are women'] },
  ];
  const input: OutcomeInput = {
    instrument,
    arms,
    isMasked,
    timepoints: timepoints.map((t) => ({ key: t.key, label: t.label, months: t.months, isBaseline: t.isBaseline })),
    primaryTimepoint: design?.primaryTimepoint ?? null,
    targetContacts: program.targetContacts,
    moderators,
    participants: rows,
    choices: [...new Set(settings.timepoints.flatMap((t) => t.instruments))].map((id) => ({
      id,
      title: findInstrument(id)?.title ?? id,
    })),
  };
  const report = outcomeReport(input);
  return studyArms.length === 0 ? { ...report, unavailable: NO_STUDY } : report;
}
