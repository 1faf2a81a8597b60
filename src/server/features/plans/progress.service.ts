/** Plans: the progress picture a participant, the coach and staff see. */
import { localizeTopic, resolveProgramCurriculum } from '../../../core/curriculum';
import { localDateOf, todayIn } from '../../../core/shared/time';
import { checkInStatus, countReviews, currentPlanOf, describePegChange, type ProgressView } from '../../../core/plans';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { topicsCovered } from '../contacts';
import { findCheckIns, findNotes, findPlans, findPractice, sharesWithCoach } from './plans.repository';
import { loadParticipantFor } from '../../access/participant-context';
import { presentCheckIn, presentPlan } from './plans.presenters';

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
    // The participant reads the topics in his or her language (issue #16); coach and staff pages are English.
    skillsTried: topics.flatMap((t) => {
      const topic = curriculum.find((c) => c.key === t.key);
      if (!topic) return [];
      const words = localizeTopic(topic, view === 'self' ? participant.locale : 'en', deps.curriculum);
      return [{ key: t.key, title: words.title, skill: words.skill, firstOn: localDateOf(t.firstAt, program.timeZone) }];
    }),
    notes: notes.map((n) => ({ id: n.id, text: n.text, authorName: n.authorName, writtenAt: n.createdAt.toISOString() })),
  };
}
