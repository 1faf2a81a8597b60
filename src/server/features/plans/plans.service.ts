import { and, eq } from 'drizzle-orm';
import { resolveProgramCurriculum } from '../../../core/curriculum';
import { localDateOf, todayIn } from '../../../core/shared/time';
import { findInstrument } from '../../../core/instruments';
import {
  CHECK_IN_FIELDS,
  checkInStatus,
  checkPracticeDay,
  checkReview,
  countReviews,
  currentPlanOf,
  describePegChange,
  practiceWrite,
  scoreCheckIn,
  type CheckInSource,
  type PainCheckInInput,
  type CheckInQuestion,
  type PainCheckInView,
  type NoteView,
  type PlanInput,
  type PlanReviewInput,
  type PlanSummaryRow,
  type PlanView,
  type PracticeView,
  type ProgressView,
} from '../../../core/plans';
import { DomainError, notFound } from '../../../core/shared/errors';
import { authorize, type Action, type View } from '../../access/policy';
import { auditLog, type ProgramContext } from '../../access/program-context';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { topicsCovered } from '../contacts';
import { findParticipants, relationTo, type ParticipantRecord } from '../participants';
import { recordCheckInNoteFlags, type AuditCaller } from '../safety';
import { loadProgram, type Program } from '../programs';
import {
  findCheckIns,
  findNotes,
  findPlans,
  findPractice,
  planSummary,
  sharesWithCoach,
  type PlanRecord,
} from './plans.repository';
import { insertPlan, markPlanReviewed, planByKey, planContent, replayedPlan } from './plans.writes';
import { encouragementNotes, painCheckIns, practiceLog, trackingSettings } from './plans.table';

interface Loaded {
  program: Program;
  participant: ParticipantRecord;
  view: View;
}

/** Loads a participant the caller may act on; records outside the caller's reach answer not found. */
async function loadParticipantFor(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  action: Action,
): Promise<Loaded> {
  const program = await loadProgram(deps.db, caller, programId);
  const [participant] = await findParticipants(deps.db, { programId, ids: [participantId] });
  if (!participant) throw notFound();
  const view = authorize(caller.actor, action, {
    programId,
    relation: relationTo(caller.actor, participant),
    hideExistence: true,
  });
  return { program, participant, view };
}

/** Loads the plan named by id, its participant's plans and the participant, for an action on it. */
async function loadPlanFor(
  deps: Deps,
  caller: Caller,
  programId: string,
  planId: string,
  action: Action,
): Promise<Loaded & { plan: PlanRecord; plans: PlanRecord[] }> {
  await loadProgram(deps.db, caller, programId);
  const [found] = await findPlans(deps.db, { programId, planId });
  if (!found) throw notFound();
  const loaded = await loadParticipantFor(deps, caller, programId, found.participantId, action);
  const plans = await findPlans(deps.db, { programId, participantId: found.participantId });
  const plan = plans.find((p) => p.id === planId);
  if (!plan) throw notFound();
  return { ...loaded, plan, plans };
}

/** The context the plan writes take, for a participant this use case has already loaded and authorized. */
function contextOf(caller: Caller, programId: string, participant: ParticipantRecord, view: View, now: Date): ProgramContext {
  return {
    caller,
    programId,
    relation: relationTo(caller.actor, participant),
    view,
    now,
    audit: auditLog(caller, programId, now),
  };
}

/** Plans, check-ins and notes belong to people still in the program. */
function checkInProgram(p: ParticipantRecord): void {
  if (p.status !== 'enrolled' && p.status !== 'active') {
    throw new DomainError('invalid_state', 'participant_not_in_program', 'The participant is not taking part in the program now');
  }
}

/** Renders a plan; the practice counts are left out when the caller may not see the practice log. */
export function presentPlan(p: PlanRecord, current: PlanRecord | null, showPractice: boolean): PlanView {
  const final =
    p.kind === 'action_plan' && p.daysPerWeek !== null && p.confidence !== null
      ? { what: p.what, howMuch: p.howMuch, when: p.when, daysPerWeek: p.daysPerWeek, confidence: p.confidence }
      : null;
  return {
    id: p.id,
    participantId: p.participantId,
    kind: p.kind,
    what: p.what,
    howMuch: p.howMuch,
    when: p.when,
    daysPerWeek: p.daysPerWeek,
    confidence: p.confidence,
    readiness: p.readiness,
    versions: final ? [...p.earlierDrafts, final].map((d, i) => ({ ...d, version: i + 1 })) : [],
    madeAt: p.madeAt.toISOString(),
    madeOn: p.madeOn,
    madeBy: p.madeByName,
    coachName: p.coachName,
    isCurrent: current?.id === p.id,
    review: p.review
      ? {
          outcome: p.review.outcome,
          barrier: p.review.barrier,
          change: p.review.change,
          reviewedAt: p.review.reviewedAt.toISOString(),
          reviewedBy: p.review.reviewedByName,
        }
      : null,
    practice: showPractice ? { daysDone: p.daysDone, daysLogged: p.daysLogged } : null,
  };
}

/** May the caller see check-ins and the practice log? Staff and the participant always; the coach if shared. */
async function maySeeTracking(deps: Deps, view: View, participantId: string): Promise<boolean> {
  if (view !== 'coaching') return true;
  return sharesWithCoach(deps.db, participantId);
}

/** A participant's plans, newest first, for staff, the participant's coach and the participant. */
export async function listPlans(deps: Deps, caller: Caller, programId: string, participantId: string): Promise<PlanView[]> {
  const { view } = await loadParticipantFor(deps, caller, programId, participantId, 'plan:list');
  const plans = await findPlans(deps.db, { programId, participantId });
  const showPractice = await maySeeTracking(deps, view, participantId);
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'list', entityType: 'action_plan', entityId: participantId, programId },
  ]);
  const current = currentPlanOf(plans);
  return plans.map((p) => presentPlan(p, current, showPractice)).reverse();
}

/** One plan, e.g. for the printable page. */
export async function getPlan(deps: Deps, caller: Caller, programId: string, planId: string): Promise<PlanView> {
  const { plan, plans, view } = await loadPlanFor(deps, caller, programId, planId, 'plan:list');
  const showPractice = await maySeeTracking(deps, view, plan.participantId);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'read', entityType: 'action_plan', entityId: planId, programId }]);
  return presentPlan(plan, currentPlanOf(plans), showPractice);
}

/**
 * Makes an action plan (with the drafts changed on the way, so the original and revised confidence
 * are both kept) or, when the participant is not ready, a small step with the readiness rating.
 * Idempotent on the client's key, so the session guide can retry after a dropped connection.
 */
export async function createPlan(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  input: PlanInput,
): Promise<{ plan: PlanView; isNew: boolean }> {
  const { program, participant, view } = await loadParticipantFor(deps, caller, programId, participantId, 'plan:create');
  const previous = await planByKey(deps.db, programId, input.clientKey);
  if (previous) return previousPlan(deps, view, programId, participantId, previous);
  checkInProgram(participant);
  const ctx = contextOf(caller, programId, participant, view, deps.clock.now());
  const content = planContent(input);
  const madeOn = todayIn(program, ctx.now);
  const id = await deps.db.transaction(async (tx) => {
    const inserted = await insertPlan(tx, ctx, { participantId, pairing: participant.pairing, madeOn }, input, content);
    await ctx.audit.flush(tx);
    return inserted;
  });
  if (!id) {
    // A concurrent retry with the same key won the race; answer with what it saved.
    const saved = await planByKey(deps.db, programId, input.clientKey);
    if (!saved) throw new Error('plan missing after conflict');
    return previousPlan(deps, view, programId, participantId, saved);
  }
  const plans = await findPlans(deps.db, { programId, participantId });
  const plan = plans.find((p) => p.id === id);
  if (!plan) throw new Error('plan vanished after insert');
  const showPractice = await maySeeTracking(deps, view, participantId);
  return { plan: presentPlan(plan, currentPlanOf(plans), showPractice), isNew: true };
}

async function previousPlan(
  deps: Deps,
  view: View,
  programId: string,
  participantId: string,
  previous: { id: string; participantId: string },
): Promise<{ plan: PlanView; isNew: boolean }> {
  replayedPlan(previous, participantId);
  const plans = await findPlans(deps.db, { programId, participantId });
  const plan = plans.find((p) => p.id === previous.id)!;
  const showPractice = await maySeeTracking(deps, view, participantId);
  return { plan: presentPlan(plan, currentPlanOf(plans), showPractice), isNew: false };
}

/** Reviews a plan at the next contact: done, partly or not done, with the barrier and what to change. */
export async function reviewPlan(
  deps: Deps,
  caller: Caller,
  programId: string,
  planId: string,
  input: PlanReviewInput,
): Promise<PlanView> {
  const { plan, participant, view } = await loadPlanFor(deps, caller, programId, planId, 'plan:review');
  checkReview(plan);
  const ctx = contextOf(caller, programId, participant, view, deps.clock.now());
  await deps.db.transaction(async (tx) => {
    await markPlanReviewed(tx, ctx, planId, input);
    await ctx.audit.flush(tx);
  });
  const plans = await findPlans(deps.db, { programId, participantId: participant.id });
  const showPractice = await maySeeTracking(deps, view, participant.id);
  return presentPlan(
    plans.find((p) => p.id === planId)!,
    currentPlanOf(plans),
    showPractice,
  );
}

function presentCheckIn(c: typeof painCheckIns.$inferSelect): PainCheckInView {
  return { on: c.on, pain: c.pain, enjoyment: c.enjoyment, activity: c.activity, score: c.score, note: c.note, source: c.source };
}

/**
 * Records the participant's weekly PEG check-in, scored by the instrument library. One per
 * program-local day: a second one the same day replaces the first (a correction).
 */
export async function recordPainCheckIn(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  input: PainCheckInInput,
): Promise<{ checkIn: PainCheckInView; isNew: boolean }> {
  const { program, participant } = await loadParticipantFor(deps, caller, programId, participantId, 'checkin:record');
  checkInProgram(participant);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const r = await savePainCheckIn(tx, deps, caller, {
      programId,
      participantId,
      on: todayIn(program, now),
      input,
      source: 'app',
      enteredBy: caller.actor.personId,
    });
    return { checkIn: presentCheckIn(r.row), isNew: r.isNew };
  });
}

/**
 * Saves a weekly check-in inside the caller's transaction: scored, one per participant and
 * program-local day (a second one that day replaces the first), risk words in the note raised as a
 * safety event, audited. The app's check-in and a text message reply (#16) both come through here.
 */
export async function savePainCheckIn(
  tx: Db | Tx,
  deps: Pick<Deps, 'mailer' | 'publicUrl' | 'clock'>,
  caller: AuditCaller,
  c: {
    programId: string;
    participantId: string;
    on: string;
    input: PainCheckInInput;
    source: CheckInSource;
    /** The person who entered it, or null for a text message reply. */
    enteredBy: string | null;
  },
): Promise<{ row: typeof painCheckIns.$inferSelect; isNew: boolean; safetyEventId: string | null }> {
  const score = scoreCheckIn(c.input);
  const now = deps.clock.now();
  const [existing] = await tx
    .select({ id: painCheckIns.id })
    .from(painCheckIns)
    .where(and(eq(painCheckIns.participantId, c.participantId), eq(painCheckIns.on, c.on)));
  const values = {
    pain: c.input.pain,
    enjoyment: c.input.enjoyment,
    activity: c.input.activity,
    score,
    note: c.input.note,
    source: c.source,
    updatedAt: now,
  };
  const [row] = await tx
    .insert(painCheckIns)
    .values({ id: newId(), programId: c.programId, participantId: c.participantId, on: c.on, ...values, createdAt: now })
    .onConflictDoUpdate({ target: [painCheckIns.participantId, painCheckIns.on], set: values })
    .returning();
  if (!row) throw new Error('check-in not saved');
  // Risk words in the note for the coach raise a safety event for a coordinator in this same
  // transaction (issue #5): notes are read before the next call, not watched around the clock.
  const flagged = await recordCheckInNoteFlags(tx, { mailer: deps.mailer, publicUrl: deps.publicUrl, now }, caller, {
    programId: c.programId,
    participantId: c.participantId,
    checkInId: row.id,
    note: c.input.note,
    enteredBy: c.enteredBy,
  });
  await audit(tx, caller, now, [
    { verb: existing ? 'update' : 'create', entityType: 'pain_check_in', entityId: row.id, programId: c.programId },
  ]);
  return { row, isNew: !existing, safetyEventId: flagged?.eventId ?? null };
}

/**
 * Logs "did it / not today" against the current plan: one entry per plan and day, and the same
 * answer twice changes nothing.
 */
export async function recordPractice(
  deps: Deps,
  caller: Caller,
  programId: string,
  planId: string,
  on: string,
  did: boolean,
): Promise<PracticeView> {
  const { plan, plans, program, participant } = await loadPlanFor(deps, caller, programId, planId, 'checkin:record');
  checkInProgram(participant);
  if (currentPlanOf(plans)?.id !== plan.id) {
    throw new DomainError('invalid_state', 'plan_not_current', 'This plan is no longer the current one');
  }
  const now = deps.clock.now();
  checkPracticeDay(on, { today: todayIn(program, now), planMadeOn: plan.madeOn });
  return deps.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(practiceLog)
      .where(and(eq(practiceLog.planId, planId), eq(practiceLog.on, on)));
    const write = practiceWrite(existing?.did ?? null, did);
    if (write === 'unchanged') return { planId, on, did };
    const [row] = await tx
      .insert(practiceLog)
      .values({ id: newId(), programId, participantId: participant.id, planId, on, did, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [practiceLog.planId, practiceLog.on], set: { did, updatedAt: now } })
      .returning();
    if (!row) throw new Error('practice entry not saved');
    await audit(tx, caller, now, [
      { verb: write === 'create' ? 'create' : 'update', entityType: 'practice_entry', entityId: row.id, programId },
    ]);
    return { planId, on: row.on, did: row.did };
  });
}

/** The participant's choice to share check-ins and the practice log with the coach. */
export async function setSharing(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  shareWithCoach: boolean,
): Promise<{ shareWithCoach: boolean }> {
  await loadParticipantFor(deps, caller, programId, participantId, 'checkin:record');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(trackingSettings)
      .values({ participantId, programId, shareWithCoach, updatedAt: now })
      .onConflictDoUpdate({ target: trackingSettings.participantId, set: { shareWithCoach, updatedAt: now } });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'tracking_settings', entityId: participantId, programId }]);
  });
  return { shareWithCoach };
}

/** A short note of encouragement from the coach (or staff) to the participant. */
export async function writeNote(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  text: string,
): Promise<NoteView> {
  const { participant } = await loadParticipantFor(deps, caller, programId, participantId, 'encouragement:write');
  checkInProgram(participant);
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(encouragementNotes)
      .values({ id, programId, participantId, authorId: caller.actor.personId, text, createdAt: now });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'encouragement_note', entityId: id, programId }]);
  });
  return { id, text, authorName: caller.actor.displayName, writtenAt: now.toISOString() };
}

/**
 * The progress picture: PEG over time and what changed in words, the current plan and its practice
 * log, plans made and how they went, skills tried (topics covered in contacts) and notes from the
 * coach. For a coach, check-ins and the practice log appear only if the participant shares them.
 */
export async function getProgress(deps: Deps, caller: Caller, programId: string, participantId: string): Promise<ProgressView> {
  const { program, participant, view } = await loadParticipantFor(deps, caller, programId, participantId, 'progress:view');
  const now = deps.clock.now();
  const today = todayIn(program, now);
  const [plans, share, notes, topics] = await Promise.all([
    findPlans(deps.db, { programId, participantId }),
    sharesWithCoach(deps.db, participantId),
    findNotes(deps.db, programId, participantId),
    topicsCovered(deps.db, programId, participantId),
  ]);
  const isHidden = view === 'coaching' && !share;
  const current = currentPlanOf(plans);
  const [checkIns, practice] = isHidden
    ? [null, null]
    : await Promise.all([findCheckIns(deps.db, programId, participantId), current ? findPractice(deps.db, current.id) : []]);
  const curriculum = resolveProgramCurriculum(deps.curriculum.topics, program.topics).topics;
  const points = checkIns?.map((c) => ({ on: c.on, score: c.score })) ?? [];
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'progress', entityId: participantId, programId }]);
  return {
    participantId,
    givenName: participant.givenName,
    today,
    shareWithCoach: share,
    isHiddenFromCaller: isHidden,
    checkIn: checkIns ? checkInStatus(checkIns.at(-1)?.on ?? null, today) : null,
    checkIns: checkIns?.map(presentCheckIn) ?? null,
    change: checkIns ? describePegChange(points, view === 'self' ? 'you' : participant.givenName) : null,
    currentPlan: current ? presentPlan(current, current, !isHidden) : null,
    practice: practice?.map((e) => ({ planId: e.planId, on: e.on, did: e.did })) ?? null,
    plans: countReviews(plans),
    planMarks: plans.map((p, i) => ({ on: p.madeOn, label: `Plan ${i + 1}` })),
    skillsTried: topics.flatMap((t) => {
      const topic = curriculum.find((c) => c.key === t.key);
      return topic
        ? [{ key: t.key, title: topic.title, skill: topic.skill, firstOn: localDateOf(t.firstAt, program.timeZone) }]
        : [];
    }),
    notes: notes.map((n) => ({ id: n.id, text: n.text, authorName: n.authorName, writtenAt: n.createdAt.toISOString() })),
  };
}

/** Plans made and reviewed per active pair: names for staff, participant codes only for evaluators. */
export async function listPlanSummary(deps: Deps, caller: Caller, programId: string): Promise<PlanSummaryRow[]> {
  await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'plan:summary', { programId });
  const rows = await planSummary(deps.db, programId);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'plan_summary', programId }]);
  return rows.map((r) => (view === 'full' ? r : { ...r, participantName: null, coachName: null }));
}

/** The PEG questions as the participant reads them, from the instrument library's Questionnaire. */
export async function checkInQuestions(deps: Deps, caller: Caller, programId: string): Promise<CheckInQuestion[]> {
  await loadProgram(deps.db, caller, programId);
  const peg = findInstrument('peg');
  if (!peg) throw new Error('the PEG instrument is missing from the library');
  return CHECK_IN_FIELDS.map(({ field, linkId }) => {
    const item = peg.definition.items.find((i) => i.linkId === linkId);
    if (!item) throw new Error(`PEG item ${linkId} is missing`);
    return {
      field,
      linkId,
      prefix: item.prefix,
      text: item.text,
      options: item.options.flatMap((o) => (o.value === null ? [] : [{ value: o.value, label: o.display }])),
    };
  });
}
