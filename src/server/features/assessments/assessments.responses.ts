/** Assessments: saving a response (staff entry and links share it) and a participant's assessments. */
import { dateOnWords } from '../../../core/shared/time';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import {
  AssessmentSettings,
  entryRefusal,
  hasAnyAnswer,
  NO_ANSWERS_MESSAGE,
  scheduleFor,
  type EntryMethod,
  type ParticipantAssessments,
  type ResponseView,
  type ScheduledAssessment,
  type ScoreSeries,
  type StaffEntryInput,
  type Timepoint,
} from '../../../core/assessments';
import { parseAnswers, type Answers, type Instrument } from '../../../core/instruments';
import { notFound } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { people } from '../accounts/accounts.table';
import { loadProgram, type Program } from '../programs';
import { recordScoredResponseFlags, type AuditCaller } from '../safety';
import {
  findResponses,
  loadAssessmentSettings,
  loadProgramInstruments,
  loadScheduleFacts,
  type ProgramInstrument,
  type ResponseRecord,
  type ScheduledParticipant,
} from './assessments.repository';
import { assessmentLinks, assessmentResponses, assessmentResponseVersions } from './assessments.table';
import { invalid, presentForm, presentResponse, totalBands } from './assessments.presenters';

interface SaveInput {
  programId: string;
  participantId: string;
  timepointKey: string;
  instrument: Instrument;
  answers: Answers;
  method: EntryMethod;
  enteredBy: string | null;
  now: Date;
}

/**
 * Saves a response in the caller's transaction: the first save inserts it (version 1), a later one
 * replaces the current answers and bumps the version; every version is appended to the history.
 * A safety flag raises its event once per response (the id is stable across edits).
 */
export async function saveResponse(
  tx: Db | Tx,
  deps: Deps,
  caller: AuditCaller,
  s: SaveInput,
): Promise<{ id: string; version: number; flagged: boolean }> {
  const score = s.instrument.score(s.answers);
  const values = {
    answers: s.answers,
    score,
    total: score.total,
    method: s.method,
    enteredBy: s.enteredBy,
    enteredAt: s.now,
  };
  const [inserted] = await tx
    .insert(assessmentResponses)
    .values({
      id: newId(),
      programId: s.programId,
      participantId: s.participantId,
      timepointKey: s.timepointKey,
      instrumentId: s.instrument.id,
      version: 1,
      ...values,
    })
    .onConflictDoNothing()
    .returning({ id: assessmentResponses.id, version: assessmentResponses.version });
  const saved =
    inserted ??
    (
      await tx
        .update(assessmentResponses)
        .set({ ...values, version: sql`${assessmentResponses.version} + 1` })
        .where(
          and(
            eq(assessmentResponses.programId, s.programId),
            eq(assessmentResponses.participantId, s.participantId),
            eq(assessmentResponses.timepointKey, s.timepointKey),
            eq(assessmentResponses.instrumentId, s.instrument.id),
          ),
        )
        .returning({ id: assessmentResponses.id, version: assessmentResponses.version })
    )[0];
  if (!saved) throw new Error('response neither inserted nor updated');
  await tx.insert(assessmentResponseVersions).values({
    id: newId(),
    responseId: saved.id,
    programId: s.programId,
    version: saved.version,
    ...values,
  });
  await audit(tx, caller, s.now, [
    { verb: inserted ? 'create' : 'update', entityType: 'assessment_response', entityId: saved.id, programId: s.programId },
  ]);
  const events = await recordScoredResponseFlags(tx, { mailer: deps.mailer, publicUrl: deps.publicUrl, now: s.now }, caller, {
    programId: s.programId,
    participantId: s.participantId,
    responseId: saved.id,
    result: score,
    answers: s.answers,
    enteredBy: s.enteredBy,
  });
  return { ...saved, flagged: events.length > 0 };
}

// ---------------------------------------------------------------------------------------------
// A participant's assessments

interface Loaded {
  program: Program;
  settings: AssessmentSettings;
  instruments: Map<string, ProgramInstrument>;
  participant: ScheduledParticipant;
  schedule: ScheduledAssessment[];
}

export async function loadParticipant(
  deps: Pick<Deps, 'db'>,
  program: Program,
  participantId: string,
  now: Date,
): Promise<Loaded> {
  const [settings, instruments, [participant]] = await Promise.all([
    loadAssessmentSettings(deps.db, program.id),
    loadProgramInstruments(deps.db, program.id),
    loadScheduleFacts(deps.db, program.id, [participantId]),
  ]);
  if (!participant) throw notFound();
  return {
    program,
    settings,
    instruments,
    participant,
    schedule: scheduleFor(settings, participant.facts, now, program.timeZone),
  };
}

export function timepointOf(l: Pick<Loaded, 'settings' | 'schedule'>, key: string): { tp: Timepoint; s: ScheduledAssessment } {
  const tp = l.settings.timepoints.find((t) => t.key === key);
  const s = l.schedule.find((x) => x.key === key);
  if (!tp || !s) throw notFound();
  return { tp, s };
}

/**
 * A participant's schedule with each response, the scores over time and the forms to enter answers.
 * What an assessor may see: the person's name and how to reach him or her, nothing about coaching.
 */
export async function getParticipantAssessments(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
): Promise<ParticipantAssessments> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:view', { programId, hideExistence: true });
  const now = deps.clock.now();
  const l = await loadParticipant(deps, program, participantId, now);
  const [responses, links] = await Promise.all([
    findResponses(deps.db, { programId, participantId }),
    deps.db
      .select({ timepointKey: assessmentLinks.timepointKey, expiresAt: assessmentLinks.expiresAt })
      .from(assessmentLinks)
      .where(
        and(
          eq(assessmentLinks.programId, programId),
          eq(assessmentLinks.participantId, participantId),
          isNull(assessmentLinks.completedAt),
          isNull(assessmentLinks.revokedAt),
          gt(assessmentLinks.expiresAt, now),
        ),
      ),
  ]);
  const title = (id: string) => l.instruments.get(id)?.title ?? id;
  const schedule = l.schedule.map((s) => ({
    key: s.key,
    label: s.label,
    dueOn: s.dueOn,
    opensOn: s.opensOn,
    closesOn: s.closesOn,
    state: s.state,
    missRecorded: s.missRecorded,
    instruments: s.instruments.map((id) => {
      const r = responses.find((x) => x.timepointKey === s.key && x.instrumentId === id);
      return { id, title: title(id), response: r ? presentResponse(r) : null };
    }),
    linkExpiresAt: links.find((k) => k.timepointKey === s.key)?.expiresAt.toISOString() ?? null,
  }));
  const usedIds = [...new Set(l.settings.timepoints.flatMap((t) => t.instruments))];
  const series: ScoreSeries[] = usedIds.flatMap((id) => {
    const inst = l.instruments.get(id);
    if (!inst) return [];
    const points = l.settings.timepoints.flatMap((tp) => {
      const r = responses.find((x) => x.timepointKey === tp.key && x.instrumentId === id);
      return r && r.score.total !== null
        ? [{ timepointKey: tp.key, label: tp.label, total: r.score.total, severity: r.score.severity }]
        : [];
    });
    return [{ instrumentId: id, title: inst.title, range: inst.totalRange, bands: totalBands(inst), points }];
  });
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'assessment', entityId: participantId, programId }]);
  return {
    participant: {
      id: l.participant.id,
      code: l.participant.code,
      name: l.participant.name,
      phone: l.participant.phone,
      email: l.participant.email,
      enrolledOn: l.participant.facts.enrolledOn,
    },
    schedule,
    series,
    forms: usedIds.flatMap((id) => {
      const i = l.instruments.get(id);
      return i ? [presentForm(i)] : [];
    }),
  };
}

/**
 * Staff (or an assessor) enter one instrument's answers during a call or visit. A first response
 * needs the window open; correcting a saved one is always allowed and keeps the earlier version.
 */
export async function enterResponse(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  timepointKey: string,
  input: StaffEntryInput,
): Promise<{ response: ResponseView; safetyEventRaised: boolean }> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:enter', { programId, hideExistence: true });
  const now = deps.clock.now();
  const l = await loadParticipant(deps, program, participantId, now);
  const { tp, s } = timepointOf(l, timepointKey);
  if (!tp.instruments.includes(input.instrumentId)) {
    throw invalid('instrument_not_in_timepoint', `This timepoint does not use the instrument ${input.instrumentId}`);
  }
  const instrument = l.instruments.get(input.instrumentId);
  if (!instrument) throw invalid('unknown_instrument', `Unknown instrument ${input.instrumentId}`);
  const isEdit = s.doneInstruments.includes(input.instrumentId);
  const refusal = isEdit ? null : entryRefusal(s);
  if (refusal) {
    throw invalid(
      refusal,
      refusal === 'window_not_open'
        ? `The ${tp.label} window opens on ${dateOnWords(s.opensOn)}`
        : refusal === 'window_closed'
          ? `The ${tp.label} window closed; the assessment is recorded as missed`
          : 'The participant left the program before this window opened',
    );
  }
  const answers = parseAnswers(instrument.definition, input.answers);
  if (!hasAnyAnswer(answers)) throw invalid('no_answers', NO_ANSWERS_MESSAGE);
  const saved = await deps.db.transaction((tx) =>
    saveResponse(tx, deps, caller, {
      programId,
      participantId,
      timepointKey,
      instrument,
      answers,
      method: input.method,
      enteredBy: caller.actor.personId,
      now,
    }),
  );
  const [record] = await findResponses(deps.db, { programId, id: saved.id });
  return { response: presentResponse(record!), safetyEventRaised: saved.flagged };
}

/** Every saved version of one response, oldest first: the answers given, the score, who, how and when. */
export async function responseHistory(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  responseId: string,
): Promise<ResponseView[]> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:view', { programId, hideExistence: true });
  const [current] = await findResponses(deps.db, { programId, participantId, id: responseId });
  if (!current) throw notFound();
  const rows = await deps.db
    .select({ v: assessmentResponseVersions, name: people.displayName })
    .from(assessmentResponseVersions)
    .leftJoin(people, eq(people.id, assessmentResponseVersions.enteredBy))
    .where(and(eq(assessmentResponseVersions.responseId, responseId), eq(assessmentResponseVersions.programId, programId)))
    .orderBy(assessmentResponseVersions.version);
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'assessment_response', entityId: responseId, programId },
  ]);
  return rows.map(({ v, name }) =>
    presentResponse({ ...current, ...v, id: current.id, enteredByName: name, total: v.score.total } as ResponseRecord),
  );
}
