import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import {
  AssessmentSettings,
  assessmentStateLabels,
  assessmentStates,
  bandCounts,
  distributionOf,
  entryRefusal,
  LINK_REMINDER_DAYS_BEFORE,
  linkExpiry,
  linkReminderDue,
  linkState,
  hasAnyAnswer,
  missesToRecord,
  NO_ANSWERS_MESSAGE,
  orphanedTimepoints,
  scheduleFor,
  type AssessmentState,
  type EntryMethod,
  type ImportInput,
  type InstrumentForm,
  type InstrumentSummary,
  type LinkSubmitted,
  type ParticipantAssessments,
  type PublicLinkView,
  type ReportView,
  type ResponseView,
  type ScheduledAssessment,
  type ScoreSeries,
  type StaffEntryInput,
  type Timepoint,
  type WorklistRow,
} from '../../../core/assessments';
import { localTimeOf, localDateOf } from '../../../core/shared/time';
import {
  checkAnswers,
  findInstrument,
  importQuestionnaire,
  importRedcapDictionary,
  parseAnswers,
  withLicensedText,
  type Answers,
  type Instrument,
} from '../../../core/instruments';
import { DomainError, InvalidFile, notFound } from '../../../core/shared/errors';
import type { TaskView } from '../../../core/tasks';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { people } from '../accounts/accounts.table';
import { loadProgram, type Program } from '../programs';
import { participants as participantsTable } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { loadSafetySettings, recordScoredResponseFlags, type AuditCaller } from '../safety';
import {
  findResponses,
  loadAssessmentSettings,
  loadProgramInstruments,
  loadScheduleFacts,
  type ProgramInstrument,
  type ResponseRecord,
  type ScheduledParticipant,
  usedTimepointKeys,
} from './assessments.repository';
import {
  assessmentLinks,
  assessmentMisses,
  assessmentResponses,
  assessmentResponseVersions,
  assessmentSettings,
  programInstruments,
} from './assessments.table';

const invalid = (reason: string, message: string) => new DomainError('invalid_state', reason, message);

// ---------------------------------------------------------------------------------------------
// Presenters

function presentForm(i: Instrument): InstrumentForm {
  return {
    id: i.id,
    title: i.title,
    copyright: i.definition.copyright,
    items: i.definition.items.map((it) => ({
      linkId: it.linkId,
      prefix: it.prefix,
      text: it.text,
      kind: it.kind,
      options: it.options.map((o) => ({ code: o.code, display: o.display, value: o.value })),
      min: it.min,
      max: it.max,
    })),
  };
}

function presentSummary(i: ProgramInstrument): InstrumentSummary {
  return {
    id: i.id,
    title: i.title,
    origin: i.origin,
    licence: i.licence,
    licenceNote: i.licenceNote,
    hasItemText: i.hasItemText,
    scoringRule: i.scoringRule,
    source: i.source,
    itemCount: i.definition.items.length,
  };
}

function presentResponse(r: ResponseRecord): ResponseView {
  return {
    id: r.id,
    timepointKey: r.timepointKey,
    instrumentId: r.instrumentId,
    answers: { ...r.answers },
    total: r.score.total,
    subscales: r.score.subscales,
    severity: r.score.severity,
    complete: r.score.complete,
    flags: [...r.score.flags],
    method: r.method,
    enteredByName: r.enteredBy ? r.enteredByName : null,
    enteredAt: r.enteredAt.toISOString(),
    version: r.version,
  };
}

/** The bands a total is drawn against: only bands of the total (a band read from one item is not on the total's scale). */
function totalBands(i: Instrument): { code: string; min: number; max: number }[] {
  return i.severityBands?.of === 'total' ? i.severityBands.bands.map((b) => ({ code: b.code, min: b.min, max: b.max })) : [];
}

// ---------------------------------------------------------------------------------------------
// Settings and instruments

/** The program's timepoints (defaults when none were set). */
export async function getSettings(deps: Deps, caller: Caller, programId: string): Promise<AssessmentSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:view', { programId });
  return loadAssessmentSettings(deps.db, programId);
}

/** Staff set the timepoints, windows and instruments; every instrument named must be one the program has. */
export async function updateSettings(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: AssessmentSettings,
): Promise<AssessmentSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:configure', { programId });
  const known = await loadProgramInstruments(deps.db, programId);
  const unknown = [...new Set(input.timepoints.flatMap((t) => t.instruments).filter((id) => !known.has(id)))];
  if (unknown.length) throw invalid('unknown_instrument', `Unknown instrument(s): ${unknown.join(', ')}`);
  // A key stored with answers or a recorded miss cannot be renamed or removed: they would be orphaned.
  const orphaned = orphanedTimepoints(
    await loadAssessmentSettings(deps.db, programId),
    input,
    await usedTimepointKeys(deps.db, programId),
  );
  if (orphaned.length) {
    throw invalid(
      'timepoint_in_use',
      `${orphaned.map((o) => `The timepoint "${o.label}" (key ${o.key})`).join('; ')} already has answers or recorded misses: keep its key (the label, window and instruments may change)`,
    );
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(assessmentSettings)
      .values({ programId, settings: input, updatedBy: caller.actor.personId, updatedAt: now })
      .onConflictDoUpdate({
        target: assessmentSettings.programId,
        set: { settings: input, updatedBy: caller.actor.personId, updatedAt: now },
      });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'assessment_settings', entityId: programId, programId }]);
  });
  return input;
}

/** The instruments the program can administer, shipped and imported. */
export async function listInstruments(deps: Deps, caller: Caller, programId: string): Promise<InstrumentSummary[]> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:view', { programId });
  return [...(await loadProgramInstruments(deps.db, programId)).values()].map(presentSummary);
}

/**
 * Imports a program's own instrument from a FHIR Questionnaire or a REDCap data dictionary. A file
 * with problems is refused with all of them (InvalidFile) and nothing is stored; an id the program
 * already uses is a conflict (responses refer to it: give a new version a new id).
 */
export async function importInstrument(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: ImportInput,
): Promise<InstrumentSummary> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:configure', { programId });
  const read =
    input.format === 'fhir'
      ? importQuestionnaire(input.content)
      : importRedcapDictionary(input.content, {
          ...(input.form ? { form: input.form } : {}),
          ...(input.title ? { title: input.title } : {}),
        });
  if (!read.ok) throw new InvalidFile(read.problems);
  const existing = await loadProgramInstruments(deps.db, programId);
  if (existing.has(read.value.id)) {
    throw new DomainError(
      'conflict',
      'instrument_exists',
      `The program already has an instrument with the id "${read.value.id}"`,
    );
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const id = newId();
    await tx.insert(programInstruments).values({
      id,
      programId,
      instrumentId: read.value.id,
      kind: 'imported',
      format: input.format,
      questionnaire: read.value.questionnaire,
      createdBy: caller.actor.personId,
      createdAt: now,
    });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'program_instrument', entityId: id, programId }]);
  });
  const stored = (await loadProgramInstruments(deps.db, programId)).get(read.value.id);
  if (!stored) throw new Error('imported instrument did not read back');
  return presentSummary(stored);
}

/**
 * Loads the item text of a licensed instrument (BPI-SF, PCS, PSEQ) for a program that holds the
 * licence: a JSON object linkId → text, checked by `withLicensedText`. A later file replaces it.
 */
export async function loadLicensedText(
  deps: Deps,
  caller: Caller,
  programId: string,
  instrumentId: string,
  texts: unknown,
): Promise<InstrumentSummary> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:configure', { programId });
  const base = findInstrument(instrumentId);
  if (!base) throw notFound();
  const merged = withLicensedText(base, texts);
  if (!merged.ok) throw new InvalidFile(merged.problems);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .delete(programInstruments)
      .where(
        and(
          eq(programInstruments.programId, programId),
          eq(programInstruments.instrumentId, instrumentId),
          eq(programInstruments.kind, 'licensed_text'),
        ),
      );
    const id = newId();
    await tx.insert(programInstruments).values({
      id,
      programId,
      instrumentId,
      kind: 'licensed_text',
      licensedText: texts as Record<string, string>,
      createdBy: caller.actor.personId,
      createdAt: now,
    });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'program_instrument', entityId: id, programId }]);
  });
  return presentSummary({ ...merged.value, origin: 'built_in' });
}

// ---------------------------------------------------------------------------------------------
// Saving a response (staff entry and link share it)

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
async function saveResponse(
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

async function loadParticipant(deps: Pick<Deps, 'db'>, program: Program, participantId: string, now: Date): Promise<Loaded> {
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

function timepointOf(l: Pick<Loaded, 'settings' | 'schedule'>, key: string): { tp: Timepoint; s: ScheduledAssessment } {
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
        ? `The ${tp.label} window opens on ${s.opensOn}`
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

// ---------------------------------------------------------------------------------------------
// Program-wide: worklist, tasks, report

async function programSchedules(db: Db | Tx, program: Pick<Program, 'id' | 'timeZone'>, now: Date) {
  const [settings, participants] = await Promise.all([loadAssessmentSettings(db, program.id), loadScheduleFacts(db, program.id)]);
  return {
    settings,
    rows: participants.map((p) => ({ p, schedule: scheduleFor(settings, p.facts, now, program.timeZone) })),
  };
}

/** Assessments due, overdue and missed across the program: the assessor's and coordinator's worklist. */
export async function listWorklist(deps: Deps, caller: Caller, programId: string): Promise<WorklistRow[]> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:list', { programId });
  const now = deps.clock.now();
  const { rows } = await programSchedules(deps.db, program, now);
  const order: Record<AssessmentState, number> = { overdue: 0, due: 1, missed: 2, upcoming: 3, completed: 4, stopped: 5 };
  const out = rows
    .flatMap(({ p, schedule }) =>
      schedule
        .filter((s) => s.state === 'due' || s.state === 'overdue' || s.state === 'missed')
        .map((s) => ({
          participantId: p.id,
          participantName: p.name,
          code: p.code,
          timepointKey: s.key,
          label: s.label,
          state: s.state,
          missRecorded: s.missRecorded,
          dueOn: s.dueOn,
          closesOn: s.closesOn,
        })),
    )
    .sort((a, b) => order[a.state] - order[b.state] || a.dueOn.localeCompare(b.dueOn));
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'assessment', programId }]);
  return out;
}

/**
 * Due and overdue assessments as coordinator tasks (derived, never stored: they disappear once the
 * responses are saved, and a closed window shows as "missed" on the worklist and in the report).
 */
export async function openAssessmentTasks(db: Db, program: Pick<Program, 'id' | 'timeZone'>, now: Date): Promise<TaskView[]> {
  const { rows } = await programSchedules(db, program, now);
  return rows.flatMap(({ p, schedule }) =>
    schedule
      .filter((s) => s.state === 'due' || s.state === 'overdue')
      .map((s) => ({
        kind: 'assessment' as const,
        assignee: 'coordinator' as const,
        pairingId: null,
        participantId: p.id,
        participantName: p.name,
        coachId: null,
        coachName: '',
        dueOn: s.dueOn,
        isOverdue: s.state === 'overdue',
        reason: `${s.label} assessment ${assessmentStateLabels[s.state].toLowerCase()}; the window closes after ${s.closesOn}. ${s.doneInstruments.length} of ${s.instruments.length} questionnaires done.`,
        tips: [],
      })),
  );
}

/**
 * Records every missed assessment not yet recorded, in every program (run by the 10-minute timer):
 * one `assessment_misses` row per participant and timepoint whose window closed without every
 * response. Idempotent: the unique (participant, timepoint) key makes a second or concurrent run
 * record nothing. Audited as a system write.
 */
export async function sweepAssessmentMisses(deps: Pick<Deps, 'db'>, now: Date): Promise<{ recorded: number }> {
  const system = { actor: null, requestId: 'assessment-miss-sweep', ip: null };
  const all = await deps.db.select({ id: programs.id, timeZone: programs.timeZone }).from(programs);
  let recorded = 0;
  for (const program of all) {
    const { settings, rows } = await programSchedules(deps.db, program, now);
    const candidates = rows.flatMap(({ p }) =>
      missesToRecord(settings, p.facts, now, program.timeZone).map((m) => ({
        id: newId(),
        programId: program.id,
        participantId: p.id,
        timepointKey: m.timepointKey,
        windowOpenedAt: m.windowOpenedAt,
        windowClosedAt: m.windowClosedAt,
        recordedAt: now,
      })),
    );
    if (candidates.length === 0) continue;
    await deps.db.transaction(async (tx) => {
      for (let i = 0; i < candidates.length; i += 500) {
        const inserted = await tx
          .insert(assessmentMisses)
          .values(candidates.slice(i, i + 500))
          .onConflictDoNothing()
          .returning({ id: assessmentMisses.id });
        if (inserted.length === 0) continue;
        recorded += inserted.length;
        await audit(
          tx,
          system,
          now,
          inserted.map((m) => ({
            verb: 'create' as const,
            entityType: 'assessment_miss',
            entityId: m.id,
            programId: program.id,
          })),
        );
      }
    });
  }
  return { recorded };
}

/** Program-level distributions by timepoint: how many completed or missed, and the scores' spread and bands. */
export async function programReport(deps: Deps, caller: Caller, programId: string): Promise<ReportView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:report', { programId });
  const now = deps.clock.now();
  const [{ settings, rows }, instruments, responses] = await Promise.all([
    programSchedules(deps.db, program, now),
    loadProgramInstruments(deps.db, programId),
    findResponses(deps.db, { programId }),
  ]);
  const timepoints = settings.timepoints.map((tp) => {
    const counts = Object.fromEntries(assessmentStates.map((s) => [s, 0])) as Record<AssessmentState, number>;
    let missesRecorded = 0;
    for (const { schedule } of rows) {
      const s = schedule.find((x) => x.key === tp.key);
      if (s) counts[s.state] += 1;
      if (s?.state === 'missed' && s.missRecorded) missesRecorded += 1;
    }
    return {
      key: tp.key,
      label: tp.label,
      counts,
      missesRecorded,
      instruments: tp.instruments.flatMap((id) => {
        const inst = instruments.get(id);
        if (!inst) return [];
        const scored = responses.filter((r) => r.timepointKey === tp.key && r.instrumentId === id && r.score.total !== null);
        const bands = totalBands(inst);
        return [
          {
            id,
            title: inst.title,
            range: inst.totalRange,
            bands,
            distribution: distributionOf(scored.map((r) => r.score.total!)),
            bandCounts: bandCounts(
              bands,
              scored.map((r) => r.score.severity),
            ),
          },
        ];
      }),
    };
  });
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'assessment_report', programId }]);
  return { timepoints };
}

// ---------------------------------------------------------------------------------------------
// One-time links

export const LINK_SUBJECT = 'Kindred: questions from your program';
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Makes a one-time link for a participant to complete a timepoint's questionnaires without an
 * account: 256 random bits, only the hash stored, valid 14 days or until the window closes. An
 * earlier unused link for the same timepoint stops working. E-mailed when asked and the participant
 * has an address; the address is also returned to staff to give by phone or text.
 */
export async function createLink(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  input: { timepointKey: string; sendEmail: boolean; sendText?: boolean },
): Promise<{ url: string; expiresAt: string; emailed: boolean; texted: boolean }> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:enter', { programId, hideExistence: true });
  const now = deps.clock.now();
  const l = await loadParticipant(deps, program, participantId, now);
  const { tp, s } = timepointOf(l, input.timepointKey);
  if (s.state === 'completed') throw new DomainError('conflict', 'already_completed', `The ${tp.label} assessment is complete`);
  const refusal = entryRefusal(s);
  if (refusal) throw invalid(refusal, `The ${tp.label} window is not open`);
  const withoutText = tp.instruments.filter((id) => !l.instruments.get(id)?.hasItemText);
  if (withoutText.length) {
    throw invalid(
      'instrument_text_missing',
      `Load the licensed item text of ${withoutText.join(', ')} before sending a link, or enter the answers by phone`,
    );
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = linkExpiry(now, s.closesAt);
  const url = `${deps.publicUrl}/assess/${programId}#${token}`;
  const to = input.sendEmail ? l.participant.email : null;
  const phone = input.sendText ? l.participant.phone : null;
  await deps.db.transaction(async (tx) => {
    await tx
      .update(assessmentLinks)
      .set({ revokedAt: now })
      .where(
        and(
          eq(assessmentLinks.programId, programId),
          eq(assessmentLinks.participantId, participantId),
          eq(assessmentLinks.timepointKey, tp.key),
          isNull(assessmentLinks.completedAt),
          isNull(assessmentLinks.revokedAt),
        ),
      );
    const id = newId();
    await tx.insert(assessmentLinks).values({
      id,
      programId,
      participantId,
      timepointKey: tp.key,
      tokenHash: hashToken(token),
      createdBy: caller.actor.personId,
      createdAt: now,
      expiresAt,
      emailed: to !== null,
    });
    if (to) {
      const until = localTimeOf(new Date(expiresAt.getTime() - 1), program.timeZone).dateOn;
      await deps.mailer.enqueue(
        tx,
        {
          programId,
          to,
          subject: LINK_SUBJECT,
          text: [
            `Hello,`,
            '',
            `${program.name} asks you to answer a few short questionnaires (${tp.label}). They take about 10 minutes and work on a phone.`,
            '',
            `Open: ${url}`,
            '',
            `The link is yours alone and works until ${until}. You can stop and come back to it; once you send your answers it cannot be used again.`,
            'If you did not expect this message, you can ignore it.',
          ].join('\n'),
          idempotencyKey: `assessment-link:${id}`,
        },
        now,
      );
    }
    if (phone) {
      const until = localTimeOf(new Date(expiresAt.getTime() - 1), program.timeZone).dateOn;
      await deps.texter.enqueue(
        tx,
        {
          programId,
          to: phone,
          text: `${program.name}: please answer a few short questions (${tp.label}). Your own link, until ${until}: ${url}`,
          idempotencyKey: `assessment-link:${id}`,
        },
        now,
      );
    }
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'assessment_link', entityId: id, programId }]);
  });
  return { url, expiresAt: expiresAt.toISOString(), emailed: to !== null, texted: phone !== null };
}

/** Who a public request is audited as: no one, from an address. */
export type PublicCaller = Pick<Caller, 'requestId' | 'ip'>;

type LinkRow = typeof assessmentLinks.$inferSelect;

/** The link a token opens in this program, open for use; refusals say what happened and nothing else. */
async function openLinkRow(db: Db | Tx, programId: string, token: string, now: Date): Promise<LinkRow> {
  const [link] = await db
    .select()
    .from(assessmentLinks)
    .where(and(eq(assessmentLinks.programId, programId), eq(assessmentLinks.tokenHash, hashToken(token))));
  if (!link) throw new DomainError('not_found', 'link_unknown', 'This link is not valid. Please ask your program for a new one.');
  const state = linkState(link, now);
  if (state === 'used') {
    throw new DomainError(
      'conflict',
      'link_used',
      'These answers were already sent with this link. Thank you; nothing more is needed.',
    );
  }
  if (state !== 'open') {
    throw new DomainError('gone', 'link_expired', 'This link has expired. Please ask your program for a new one.');
  }
  return link;
}

/**
 * What a link is for: the program, the timepoint and its instruments. A link whose window has closed
 * meanwhile (a baseline when the participant was paired, a participant who left) has expired too.
 */
async function linkContext(db: Db | Tx, link: LinkRow, now: Date) {
  const [[program], settings, instruments, [participant]] = await Promise.all([
    db.select({ name: programs.name, timeZone: programs.timeZone }).from(programs).where(eq(programs.id, link.programId)),
    loadAssessmentSettings(db, link.programId),
    loadProgramInstruments(db, link.programId),
    loadScheduleFacts(db, link.programId, [link.participantId]),
  ]);
  const tp = settings.timepoints.find((t) => t.key === link.timepointKey);
  const state =
    program && participant
      ? scheduleFor(settings, participant.facts, now, program.timeZone).find((s) => s.key === link.timepointKey)?.state
      : undefined;
  if (!program || !tp || !state || state === 'missed' || state === 'stopped' || state === 'upcoming')
    throw new DomainError('gone', 'link_expired', 'This link has expired. Please ask your program for a new one.');
  const list = tp.instruments.flatMap((id) => {
    const i = instruments.get(id);
    return i ? [i] : [];
  });
  return { program, tp, instruments: list };
}

/** Checks a link's answers, instrument by instrument; every problem is named (item and rule, never the value). */
function checkLinkAnswers(instruments: readonly Instrument[], input: Record<string, unknown>): Map<string, Answers> {
  const out = new Map<string, Answers>();
  const problems: string[] = [];
  for (const key of Object.keys(input)) {
    if (!instruments.some((i) => i.id === key)) problems.push(`${key}: not a questionnaire of this link`);
  }
  for (const i of instruments) {
    if (input[i.id] === undefined) continue;
    const checked = checkAnswers(i.definition, input[i.id]);
    if (checked.ok) out.set(i.id, checked.value);
    else problems.push(...checked.problems.map((p) => `${i.id} ${p.where}: ${p.message}`));
  }
  if (problems.length) throw invalid('invalid_answers', `Some answers are not valid: ${problems.join('; ')}`);
  return out;
}

/** What a link shows: the program's name, the timepoint, the questions and the answers saved so far. */
export async function openLink(deps: Deps, caller: PublicCaller, programId: string, token: string): Promise<PublicLinkView> {
  const now = deps.clock.now();
  const link = await openLinkRow(deps.db, programId, token, now);
  const ctx = await linkContext(deps.db, link, now);
  // The first opening stops the reminder for an unopened link.
  if (!link.openedAt)
    await deps.db
      .update(assessmentLinks)
      .set({ openedAt: now })
      .where(and(eq(assessmentLinks.id, link.id), isNull(assessmentLinks.openedAt)));
  await audit(deps.db, { ...caller, actor: null }, now, [
    { verb: 'read', entityType: 'assessment_link', entityId: link.id, programId },
  ]);
  return {
    programName: ctx.program.name,
    timepointLabel: ctx.tp.label,
    expiresAt: link.expiresAt.toISOString(),
    instruments: ctx.instruments.map(presentForm),
    draft: link.draft,
  };
}

/** Saves answers given so far, so the participant can come back (the link stays usable). */
export async function saveLinkDraft(
  deps: Deps,
  caller: PublicCaller,
  programId: string,
  token: string,
  answers: Record<string, Record<string, number | string | null>>,
): Promise<{ saved: true }> {
  const now = deps.clock.now();
  const link = await openLinkRow(deps.db, programId, token, now);
  const ctx = await linkContext(deps.db, link, now);
  checkLinkAnswers(ctx.instruments, answers);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(assessmentLinks)
      .set({ draft: { ...link.draft, ...answers } })
      .where(and(eq(assessmentLinks.id, link.id), isNull(assessmentLinks.completedAt)));
    await audit(tx, { ...caller, actor: null }, now, [
      { verb: 'update', entityType: 'assessment_link', entityId: link.id, programId },
    ]);
  });
  return { saved: true };
}

/**
 * Submits a link's answers once: the link is marked used under a guard (`completed_at is null`), so
 * a second submit, even at the same moment, saves nothing and raises nothing. Each questionnaire with
 * at least one answer is stored and scored; a safety flag raises its event and the crisis
 * information is returned at once.
 */
export async function submitLink(
  deps: Deps,
  caller: PublicCaller,
  programId: string,
  token: string,
  answers: Record<string, Record<string, number | string | null>>,
): Promise<LinkSubmitted> {
  const now = deps.clock.now();
  const link = await openLinkRow(deps.db, programId, token, now);
  const ctx = await linkContext(deps.db, link, now);
  const checked = checkLinkAnswers(ctx.instruments, answers);
  const answered = ctx.instruments.filter((i) => hasAnyAnswer(checked.get(i.id) ?? {}));
  if (answered.length === 0) throw invalid('no_answers', 'Answer at least one question before sending');
  const auditCaller: AuditCaller = { ...caller, actor: null };
  const flagged = await deps.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(assessmentLinks)
      .set({ completedAt: now, draft: answers })
      .where(
        and(
          eq(assessmentLinks.id, link.id),
          isNull(assessmentLinks.completedAt),
          isNull(assessmentLinks.revokedAt),
          gt(assessmentLinks.expiresAt, now),
        ),
      )
      .returning({ id: assessmentLinks.id });
    if (!claimed) {
      throw new DomainError(
        'conflict',
        'link_used',
        'These answers were already sent with this link. Thank you; nothing more is needed.',
      );
    }
    let anyFlag = false;
    for (const instrument of answered) {
      const saved = await saveResponse(tx, deps, auditCaller, {
        programId,
        participantId: link.participantId,
        timepointKey: link.timepointKey,
        instrument,
        answers: checked.get(instrument.id)!,
        method: 'link',
        enteredBy: null,
        now,
      });
      anyFlag ||= saved.flagged;
    }
    await audit(tx, auditCaller, now, [{ verb: 'update', entityType: 'assessment_link', entityId: link.id, programId }]);
    return anyFlag;
  });
  return { completed: true, crisis: flagged ? (await loadSafetySettings(deps.db, programId)).crisis : null };
}

export const LINK_REMINDER_SUBJECT = 'Kindred: a reminder about your program\u2019s questions';

/**
 * Reminds participants, once, of an e-mailed link they have not opened, 3 days before it expires
 * (`linkReminderDue`). Run by the 10-minute timer. The token is not stored, so the reminder cannot
 * carry the link: it points to the first e-mail and says how to get a new link. Claimed by setting
 * `reminded_at` where it is null, and queued with `idempotencyKey = assessment-link-reminder:<link id>`,
 * so a repeated or concurrent sweep sends nothing twice. Audited as a system write.
 */
export async function sweepLinkReminders(deps: Pick<Deps, 'db' | 'mailer'>, now: Date): Promise<{ queued: number }> {
  const system = { actor: null, requestId: 'assessment-link-reminder-sweep', ip: null };
  const rows = await deps.db
    .select({
      link: assessmentLinks,
      email: participantsTable.email,
      programName: programs.name,
      timeZone: programs.timeZone,
    })
    .from(assessmentLinks)
    .innerJoin(participantsTable, eq(participantsTable.id, assessmentLinks.participantId))
    .innerJoin(programs, eq(programs.id, assessmentLinks.programId))
    .where(
      and(
        eq(assessmentLinks.emailed, true),
        isNull(assessmentLinks.openedAt),
        isNull(assessmentLinks.remindedAt),
        isNull(assessmentLinks.completedAt),
        isNull(assessmentLinks.revokedAt),
        gt(assessmentLinks.expiresAt, now),
        lte(assessmentLinks.expiresAt, new Date(now.getTime() + LINK_REMINDER_DAYS_BEFORE * 86_400_000)),
      ),
    );
  let queued = 0;
  for (const { link, email, programName, timeZone } of rows) {
    if (!email || !linkReminderDue(link, now)) continue;
    // A window closed meanwhile (a pairing, a withdrawal, a recorded miss) expires the link too: no reminder.
    const [settings, [facts]] = await Promise.all([
      loadAssessmentSettings(deps.db, link.programId),
      loadScheduleFacts(deps.db, link.programId, [link.participantId]),
    ]);
    const state = facts
      ? scheduleFor(settings, facts.facts, now, timeZone).find((x) => x.key === link.timepointKey)?.state
      : undefined;
    if (state !== 'due' && state !== 'overdue') continue;
    const label = settings.timepoints.find((t) => t.key === link.timepointKey)!.label;
    await deps.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(assessmentLinks)
        .set({ remindedAt: now })
        .where(and(eq(assessmentLinks.id, link.id), isNull(assessmentLinks.remindedAt), isNull(assessmentLinks.openedAt)))
        .returning({ id: assessmentLinks.id });
      if (!claimed) return;
      const sentOn = localDateOf(link.createdAt, timeZone);
      const until = localTimeOf(new Date(link.expiresAt.getTime() - 1), timeZone).dateOn;
      await deps.mailer.enqueue(
        tx,
        {
          programId: link.programId,
          to: email,
          subject: LINK_REMINDER_SUBJECT,
          text: [
            'Hello,',
            '',
            `On ${sentOn} ${programName} sent you a link to a few short questionnaires (${label}). It has not been opened yet and works until ${until}.`,
            '',
            `Look for our e-mail with the subject "${LINK_SUBJECT}". If you cannot find it, contact your program and ask for a new link.`,
            'If you did not expect this message, you can ignore it.',
          ].join('\n'),
          idempotencyKey: `assessment-link-reminder:${link.id}`,
        },
        now,
      );
      await audit(tx, system, now, [
        { verb: 'update', entityType: 'assessment_link', entityId: link.id, programId: link.programId },
      ]);
      queued++;
    });
  }
  return { queued };
}
