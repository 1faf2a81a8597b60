/**
 * Today's topic in the session guide: what the program has not covered yet with this participant,
 * in the program's order, with a topic linked to the last action plan (what got in the way, or
 * what the plan was about) first. Always with the reason in words, so the coach can judge it.
 */

/** Words that tie a plan or a barrier to a built-in topic. A deployment's own topics have none: they follow the order. */
export const TOPIC_CUES: Readonly<Record<string, readonly string[]>> = {
  pacing: ['overdid', 'overdo', 'too much', 'crash', 'paid for it', 'boom', 'rest', 'pace', 'pacing', 'chores', 'yard'],
  relaxation: ['tense', 'tension', 'relax', 'breath', 'breathing', 'calm', 'stress'],
  thoughts: ['thought', 'thinking', 'worst', 'hopeless', 'give up', 'gave up', 'never', 'cannot', "can't"],
  physical_activity: ['walk', 'walking', 'exercise', 'stretch', 'swim', 'bike', 'cycling', 'gym', 'steps'],
  sleep: ['sleep', 'slept', 'tired', 'night', 'insomnia', 'bed'],
  mood_stress: ['mood', 'down', 'sad', 'low', 'worry', 'worried', 'anxious', 'angry', 'lonely'],
  care_team: ['doctor', 'appointment', 'nurse', 'clinic', 'provider', 'care team'],
  self_care: ['medicine', 'medication', 'pills', 'meds', 'heat', 'ice'],
  flare_ups: ['flare', 'flare-up', 'flared', 'bad day', 'bad week', 'setback'],
  keeping_going: ['motivation', 'keep going', 'forgot', 'forget', 'habit'],
};

export interface SuggestTopicInput {
  /** The program's topics, in the program's order. */
  programTopics: readonly { key: string; title: string }[];
  /** Topic keys already covered in reached contacts with this participant. */
  covered: readonly string[];
  /** The last action plan or small step, with its review when there is one. */
  lastPlan: { what: string; review: { barrier: string; change: string } | null } | null;
  /** Cues per topic key; defaults to TOPIC_CUES. */
  cues?: Readonly<Record<string, readonly string[]>>;
}

export type SuggestionBasis = 'barrier' | 'plan' | 'order' | 'revisit';

export interface TopicSuggestion {
  key: string;
  title: string;
  basis: SuggestionBasis;
  /** Why, in words for the coach. */
  reason: string;
}

export interface TopicSuggestions {
  suggested: TopicSuggestion | null;
  /** Topics not covered yet, in the program's order (the suggested one included). */
  uncovered: string[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when a cue appears in the text as whole words (case-insensitive). */
function mentions(text: string, cue: string): boolean {
  return new RegExp(`(^|[^a-z'])${escapeRegExp(cue.toLowerCase())}($|[^a-z'])`).test(text.toLowerCase());
}

/** The first topic (in the given order) whose cues the text mentions. */
function linkedTopic(
  text: string,
  topics: readonly { key: string; title: string }[],
  cues: Readonly<Record<string, readonly string[]>>,
): { key: string; title: string } | null {
  if (!text.trim()) return null;
  return topics.find((t) => (cues[t.key] ?? []).some((c) => mentions(text, c))) ?? null;
}

const quote = (s: string, max = 60) => `“${s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s}”`;

/**
 * Suggests today's topic: first an uncovered topic linked to what got in the way of the last plan
 * (its barrier and what to change), then one linked to what the plan was about, then the next
 * uncovered topic in the program's order. When every topic is covered, a topic linked to the last
 * barrier is suggested again (a revisit); otherwise nothing is suggested.
 */
export function suggestTopic(input: SuggestTopicInput): TopicSuggestions {
  const cues = input.cues ?? TOPIC_CUES;
  const covered = new Set(input.covered);
  const uncoveredTopics = input.programTopics.filter((t) => !covered.has(t.key));
  const uncovered = uncoveredTopics.map((t) => t.key);
  const barrierText = input.lastPlan?.review ? `${input.lastPlan.review.barrier} ${input.lastPlan.review.change}` : '';
  const barrier = input.lastPlan?.review?.barrier.trim() || input.lastPlan?.review?.change.trim() || '';

  const byBarrier = linkedTopic(barrierText, uncoveredTopics, cues);
  if (byBarrier) {
    return {
      suggested: {
        ...byBarrier,
        basis: 'barrier',
        reason: `What got in the way of the last plan (${quote(barrier)}) is what ${byBarrier.title} helps with, and it has not been covered yet.`,
      },
      uncovered,
    };
  }
  const byPlan = input.lastPlan ? linkedTopic(input.lastPlan.what, uncoveredTopics, cues) : null;
  if (byPlan && input.lastPlan) {
    return {
      suggested: {
        ...byPlan,
        basis: 'plan',
        reason: `The last plan (${quote(input.lastPlan.what)}) builds on ${byPlan.title}, and it has not been covered yet.`,
      },
      uncovered,
    };
  }
  const next = uncoveredTopics[0];
  if (next) {
    return {
      suggested: {
        ...next,
        basis: 'order',
        reason:
          covered.size === 0
            ? `${next.title} is where the program starts.`
            : `${next.title} is the next topic in the program's order that has not been covered yet.`,
      },
      uncovered,
    };
  }
  const revisit = linkedTopic(barrierText, input.programTopics, cues);
  if (revisit) {
    return {
      suggested: {
        ...revisit,
        basis: 'revisit',
        reason: `Every topic has been covered. What got in the way of the last plan (${quote(barrier)}) suggests going back to ${revisit.title}.`,
      },
      uncovered,
    };
  }
  return { suggested: null, uncovered };
}
