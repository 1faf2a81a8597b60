import { and, desc, eq } from 'drizzle-orm';
import { essentialElements, type ContactInput, type EssentialElement } from '../../../core/contacts';
import { resolveProgramCurriculum } from '../../../core/curriculum';
import { addDaysOn, localTimeOf, localDateOf, type ScheduleSessionInput } from '../../../core/engagement';
import {
  deriveEssentialElements,
  elementValues,
  suggestTopic,
  type GuideElements,
  type GuideFinishedView,
  type GuideFinishInput,
  type GuidePrompt,
  type GuidePromptView,
  type GuideStartView,
  type GuidedSessionSummary,
} from '../../../core/guidance';
import type { PlanInput } from '../../../core/plans';
import { DomainError, notFound } from '../../../core/shared/errors';
import { todayIn } from '../../../core/shared/time';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db } from '../../platform/database';
import { contactByKey, insertContact, prepareContact, replayedContact, topicsCovered } from '../contacts';
import { contacts } from '../contacts/contacts.table';
import { insertScheduledSession, schedulingTarget, sessionStartFor, type SchedulingTarget } from '../engagement';
import type { ParticipantRecord } from '../participants';
import { getProgress, insertPlan, listPlans, markPlanReviewed, planByKey, planContent, replayedPlan } from '../plans';
import type { Program } from '../programs';
import { guideContent } from './guidance.loader';
import { guideTarget } from './guidance.repository';
import { sessionGuides } from './guidance.table';
import { insertGuide, removeGuideDraft } from './guidance.writes';
import { loadParticipantFor, participantAccess } from '../../access/participant-context';

/** The furthest ahead a next contact can be agreed in the guide. */
export const NEXT_CONTACT_MAX_DAYS = 92;

/** The participant the caller may run a guided session with: paired, in the program; others answer not found. */
export async function loadForGuide(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
): Promise<{ program: Program; participant: ParticipantRecord & { pairing: NonNullable<ParticipantRecord['pairing']> } }> {
  const { program, participant } = await loadParticipantFor(deps, caller, programId, participantId, 'guide:run');
  const pairing = pairingForGuide(participant);
  return { program, participant: { ...participant, pairing } };
}

const presentPrompt = (p: GuidePrompt): GuidePromptView => ({
  key: p.key,
  title: p.title,
  version: p.version,
  body: p.body,
  link: p.link,
});

/**
 * Opens the guide: the plan to review, the last check-in (when shared), the program's topics with
 * those covered, today's suggested topic with the reason, and the bridge and "what if" help.
 */
export async function startGuide(deps: Deps, caller: Caller, programId: string, participantId: string): Promise<GuideStartView> {
  const { program, participant } = await loadForGuide(deps, caller, programId, participantId);
  const [plans, progress, covered, [lastGuide]] = await Promise.all([
    listPlans(deps, caller, programId, participantId),
    getProgress(deps, caller, programId, participantId),
    topicsCovered(deps.db, programId, participantId),
    deps.db
      .select({ at: sessionGuides.createdAt, pain: sessionGuides.pain, mood: sessionGuides.mood })
      .from(sessionGuides)
      .where(and(eq(sessionGuides.programId, programId), eq(sessionGuides.participantId, participantId)))
      .orderBy(desc(sessionGuides.createdAt))
      .limit(1),
  ]);
  const coveredKeys = covered.map((c) => c.key);
  const topics = resolveProgramCurriculum(deps.curriculum.topics, program.topics).topics;
  const current = plans.find((p) => p.isCurrent) ?? null;
  // The latest plan (newest first): the one to review now, or the last one reviewed with its barrier.
  const latest = plans[0] ?? null;
  const { suggested } = suggestTopic({
    programTopics: topics,
    covered: coveredKeys,
    lastPlan: latest ? { what: latest.what, review: latest.review } : null,
  });
  const lastCheckIn = progress.checkIns?.at(-1) ?? null;
  const content = guideContent();
  // Plans and progress audit their own reads; this records that the guide was opened.
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'session_guide', entityId: participantId, programId },
  ]);
  return {
    participantId,
    givenName: participant.givenName,
    familyName: participant.familyName,
    today: localTimeOf(deps.clock.now(), program.timeZone).dateOn,
    cadenceDays: program.cadenceDays,
    preferredChannel: participant.preferredChannel,
    lastPlan: current,
    lastCheckIn: lastCheckIn ? { on: lastCheckIn.on, score: lastCheckIn.score } : null,
    lastCheck: lastGuide ? { at: lastGuide.at.toISOString(), pain: lastGuide.pain, mood: lastGuide.mood } : null,
    topics: topics.map((t) => ({
      key: t.key,
      title: t.title,
      summary: t.summary,
      skill: t.skill,
      isCovered: coveredKeys.includes(t.key),
    })),
    suggestion: suggested,
    bridges: content.bridges.map(presentPrompt),
    whatIfs: content.whatIfs.map(presentPrompt),
  };
}

const namesOf = (e: GuideElements): EssentialElement[] => essentialElements.filter((k) => e[k]);
const elementsOf = (names: readonly EssentialElement[]): GuideElements => ({
  discussedStrategies: names.includes('discussedStrategies'),
  gaveEncouragement: names.includes('gaveEncouragement'),
  discussedAdjusting: names.includes('discussedAdjusting'),
  discussedGoals: names.includes('discussedGoals'),
});

function presentGuide(row: typeof sessionGuides.$inferSelect, topics: string[]): GuideFinishedView {
  return {
    guideId: row.id,
    contactId: row.contactId,
    planId: row.planId,
    reviewedPlanId: row.reviewedPlanId,
    topics,
    elements: elementsOf(row.confirmedElements),
    derivedElements: elementsOf(row.derivedElements),
    nextContactOn: row.nextContactOn,
  };
}

async function findGuide(db: Db, programId: string, clientKey: string) {
  const [row] = await db
    .select()
    .from(sessionGuides)
    .where(and(eq(sessionGuides.programId, programId), eq(sessionGuides.clientKey, clientKey)));
  return row ?? null;
}

/** A guide saved before with the same key (a retry): answer with it, or refuse a key reused for someone else. */
function previousGuide(row: typeof sessionGuides.$inferSelect, participantId: string, topics: string[]) {
  if (row.participantId !== participantId) {
    throw new DomainError('conflict', 'client_key_reused', 'This session key was already used for another participant');
  }
  return { guide: presentGuide(row, topics), isNew: false };
}

/** A guided session is run with someone taking part in the program now, who has a coach. */
function pairingForGuide<P>(participant: { status: string; pairing: P | null }): P {
  if (participant.status !== 'enrolled' && participant.status !== 'active') {
    throw new DomainError('invalid_state', 'participant_not_in_program', 'The participant is not taking part in the program now');
  }
  if (!participant.pairing)
    throw new DomainError('invalid_state', 'participant_not_paired', 'The participant has no coach to run a session with');
  return participant.pairing;
}

/**
 * Finishes the guide in one transaction: logs the reached contact with the topics covered and the
 * essential elements as the coach confirmed them, reviews the last plan, makes the new plan or
 * smaller step, and records the pain and mood check, the suggested topic, the derived elements and
 * the next contact agreed, and deletes the coach's draft. Idempotent on the client's key; anything
 * refused saves nothing. Everything it needs is read in one statement and authorized once; the
 * contacts, plans and guidance writes share that context and one audit insert (ADR 0045).
 */
export async function finishGuide(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  input: GuideFinishInput,
): Promise<{ guide: GuideFinishedView; isNew: boolean }> {
  const now = deps.clock.now();
  // Load (one read) → authorize once → decide → save (one transaction, one audit insert).
  authorize(caller.actor, 'program:view', { programId });
  const target = await guideTarget(deps.db, programId, participantId, input.clientKey);
  if (!target?.participant) throw notFound();
  const { program, participant, saved } = target;
  const ctx = participantAccess(caller, participant, 'guide:run', now);
  const pairing = pairingForGuide(participant);
  if (saved.guide) return previousGuide(saved.guide, participantId, input.topics);

  const today = localDateOf(now, program.timeZone);
  const nextContactOn = input.schedule?.date ?? input.nextContactOn;
  if (
    input.schedule === null &&
    input.nextContactOn !== null &&
    (input.nextContactOn <= today || input.nextContactOn > addDaysOn(today, NEXT_CONTACT_MAX_DAYS))
  ) {
    throw new DomainError(
      'invalid_state',
      'next_contact_out_of_range',
      'The next contact must be after today and within three months',
    );
  }
  const derived = elementValues(
    deriveEssentialElements({
      review: input.review,
      encouraged: input.encouraged,
      topics: input.topics,
      plan:
        input.plan === null
          ? null
          : input.plan.kind === 'action_plan'
            ? { kind: 'action_plan', confidence: input.plan.confidence, earlierDrafts: input.plan.earlierDrafts.length }
            : { kind: 'small_step', readiness: input.plan.readiness },
    }),
  );
  // The checks run in the order the nested use cases ran them: the plan to review, the contact, the new plan.
  if (input.review) {
    if (target.currentPlanId !== input.review.planId) {
      throw new DomainError('invalid_state', 'plan_not_current', "The plan to review is not this participant's current plan");
    }
    // The participant's plans were read to find the current one (audited as listing them, as before).
    ctx.audit.add({ verb: 'list', entityType: 'action_plan', entityId: participantId });
  }
  const contactInput: ContactInput = {
    participantId,
    clientKey: input.clientKey,
    occurredAt: input.occurredAt,
    channel: input.channel,
    outcome: 'reached',
    minutes: input.minutes,
    topics: input.topics,
    ...input.elements,
    note: input.note,
  };
  const savedContact = saved.contact ? replayedContact(saved.contact, participantId) : null;
  const programTopics = program.topics.map((t) => t.key);
  const newContact = savedContact ? null : prepareContact(ctx, { participantId, pairing, programTopics }, contactInput);
  const savedPlan = input.plan && saved.plan ? replayedPlan(saved.plan, participantId) : null;
  const planInput: PlanInput | null = input.plan && !savedPlan ? { ...input.plan, clientKey: input.clientKey } : null;
  const newPlan = planInput ? { input: planInput, content: planContent(planInput) } : null;
  // Step 5 with a day and time: the engagement feature schedules the session (a second read: the
  // pair's two people, for the invitations, and the program's video-room settings).
  let session: { target: SchedulingTarget; startsAt: Date; input: ScheduleSessionInput } | null = null;
  if (input.schedule) {
    const scheduling = await schedulingTarget(deps.db, programId, pairing.id);
    if (!scheduling) throw notFound();
    session = { target: scheduling, startsAt: sessionStartFor(program, scheduling, input.schedule, now), input: input.schedule };
  }

  try {
    return await deps.db.transaction(async (tx) => {
      let contact = savedContact;
      if (newContact) {
        // A concurrent request may have saved a contact under this key since the read: answer as its retry.
        contact =
          (await insertContact(tx, ctx, newContact, contactInput)) ??
          replayedContact((await contactByKey(tx, programId, input.clientKey))!, participantId);
      }
      if (input.review) {
        const { planId, ...review } = input.review;
        await markPlanReviewed(tx, ctx, planId, review);
      }
      let planId = savedPlan?.id ?? null;
      if (newPlan) {
        planId =
          (await insertPlan(
            tx,
            ctx,
            { participantId, pairing, madeOn: todayIn(program, now) },
            newPlan.input,
            newPlan.content,
          )) ?? replayedPlan((await planByKey(tx, programId, input.clientKey))!, participantId).id;
      }
      // The session agreed, with its calendar invitations to both people through the outbox.
      if (session) await insertScheduledSession(deps, tx, ctx, { ...session.target, program }, session.input, session.startsAt);
      const row = await insertGuide(tx, ctx, {
        participantId,
        coachId: pairing.coachId,
        contactId: contact!.id,
        clientKey: input.clientKey,
        pain: input.check.pain,
        mood: input.check.mood,
        reviewedPlanId: input.review?.planId ?? null,
        planId,
        suggestedTopic: input.suggestedTopic,
        derivedElements: namesOf(derived),
        confirmedElements: namesOf(input.elements),
        nextContactOn,
      });
      // What was saved as the coach went is no longer needed (ADR 0035).
      await removeGuideDraft(tx, ctx, participantId);
      await ctx.audit.flush(tx);
      return { guide: presentGuide(row, contact!.topics), isNew: true };
    });
  } catch (err) {
    // A concurrent retry with the same key won the race: answer with what it saved.
    const won = await findGuide(deps.db, programId, input.clientKey);
    if (won) return previousGuide(won, participantId, input.topics);
    throw err;
  }
}

/** How many guided sessions the participant's record lists. */
export const RECENT_GUIDES = 5;

/**
 * The last guided sessions of a participant, newest first, for the record: date, the pain and mood
 * check, the topics covered. The same access as running the guide (the participant's coach, or
 * staff); others answer not found. Audited as a read of the participant's guided sessions.
 */
export async function recentGuidedSessions(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
): Promise<GuidedSessionSummary[]> {
  const { program } = await loadParticipantFor(deps, caller, programId, participantId, 'guide:run');
  const rows = await deps.db
    .select({
      id: sessionGuides.id,
      at: sessionGuides.createdAt,
      pain: sessionGuides.pain,
      mood: sessionGuides.mood,
      topics: contacts.topics,
    })
    .from(sessionGuides)
    .innerJoin(contacts, eq(contacts.id, sessionGuides.contactId))
    .where(and(eq(sessionGuides.programId, programId), eq(sessionGuides.participantId, participantId)))
    .orderBy(desc(sessionGuides.createdAt))
    .limit(RECENT_GUIDES);
  const titles = new Map(resolveProgramCurriculum(deps.curriculum.topics, program.topics).topics.map((t) => [t.key, t.title]));
  const now = deps.clock.now();
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'session_guide', entityId: participantId, programId }]);
  return rows.map((r) => ({
    guideId: r.id,
    at: r.at.toISOString(),
    on: localDateOf(r.at, program.timeZone),
    pain: r.pain,
    mood: r.mood,
    topics: r.topics.map((k) => titles.get(k) ?? k),
  }));
}
