import type { EssentialElement } from '../contacts';
import type { ReviewOutcome } from '../plans';

/**
 * What actually happened in a guided session, as the guide recorded it step by step. The four
 * essential elements of the contact (ECLIPSE fidelity) are derived from it, then shown to the coach
 * as ticked boxes he or she may correct before saving.
 */
export interface GuideRecord {
  /** Step 2: the last plan's review, when one was reviewed. */
  review: { outcome: ReviewOutcome; barrier: string; change: string } | null;
  /** Step 2: the coach said he or she praised the effort or encouraged the participant. */
  encouraged: boolean;
  /** Step 3: curriculum topics talked about today. */
  topics: readonly string[];
  /** Step 4: the new plan, a smaller step, or nothing. */
  plan: { kind: 'action_plan'; confidence: number; earlierDrafts: number } | { kind: 'small_step'; readiness: number } | null;
}

export type ElementDerivation = Record<EssentialElement, { isMet: boolean; why: string | null }>;

/**
 * The four essential elements from what happened in the guide, each with the reason it is ticked:
 * - discussed self-management strategies: a curriculum topic was talked about;
 * - gave encouragement: the coach said so, or the last plan was done or partly done (something to praise);
 * - discussed adjusting strategies: a plan that was not fully done was reviewed with what got in the
 *   way or what to change, or the new plan was made smaller after a low confidence;
 * - set or reviewed a goal: the last plan was reviewed, or a new plan or smaller step was agreed.
 */
export function deriveEssentialElements(r: GuideRecord): ElementDerivation {
  const strategies = r.topics.length > 0;
  const praised = r.review !== null && r.review.outcome !== 'not_done';
  const adjustedReview =
    r.review !== null && (r.review.outcome !== 'done' || r.review.barrier.trim() !== '' || r.review.change.trim() !== '');
  const shrunk = r.plan?.kind === 'action_plan' && r.plan.earlierDrafts > 0;
  const goal = r.review !== null || r.plan !== null;
  return {
    discussedStrategies: {
      isMet: strategies,
      why: strategies
        ? `You talked about ${r.topics.length === 1 ? 'a topic' : `${r.topics.length} topics`} from the curriculum.`
        : null,
    },
    gaveEncouragement: {
      isMet: r.encouraged || praised,
      why: r.encouraged
        ? 'You said you encouraged them.'
        : praised
          ? `The last plan was ${r.review?.outcome === 'done' ? 'done' : 'partly done'}: that is worth praising.`
          : null,
    },
    discussedAdjusting: {
      isMet: adjustedReview || shrunk,
      why: adjustedReview
        ? 'You talked about what got in the way or what to change.'
        : shrunk
          ? 'You made the new plan smaller after a low confidence.'
          : null,
    },
    discussedGoals: {
      isMet: goal,
      why:
        r.review && r.plan
          ? 'You reviewed the last plan and agreed a new one.'
          : r.review
            ? 'You reviewed the last plan.'
            : r.plan?.kind === 'small_step'
              ? 'You agreed a smaller step.'
              : r.plan
                ? 'You made an action plan.'
                : null,
    },
  };
}

/** Just the yes/no values, as the contact stores them. */
export function elementValues(d: ElementDerivation): Record<EssentialElement, boolean> {
  return {
    discussedStrategies: d.discussedStrategies.isMet,
    gaveEncouragement: d.gaveEncouragement.isMet,
    discussedAdjusting: d.discussedAdjusting.isMet,
    discussedGoals: d.discussedGoals.isMet,
  };
}
