import { endedBecause, explainPair, listWords, needsGenderReason, rulePhrases, whoClause } from './explain';
import { solveTransport } from './flow';
import {
  avoidedCoaches,
  coachProfile,
  Interner,
  isCompatible,
  pairQuality,
  participantProfile,
  profileKey,
  project,
  QualityColumns,
  relevance,
  ruleKey,
  type Profile,
} from './profile';
import {
  DEFAULT_MATCHING_SETTINGS,
  type Assignment,
  type MatchAlternative,
  type MatchCoach,
  type MatchingSettings,
  type MatchParticipant,
  type MatchResult,
  type UnmatchedParticipant,
} from './types';

export interface ProposeOptions {
  /** How many other eligible coaches to offer beside each proposal (default 0). */
  alternatives?: number;
  /**
   * Group interchangeable participants and coaches into classes before solving (default true). The
   * answer is the same either way (tests prove it); false solves person by person.
   */
  aggregate?: boolean;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const FAR_FUTURE = '9999-12-31';

/** First come, first served: longest waiting first, then by id so that the order never depends on input order. */
export function byWaiting(a: MatchParticipant, b: MatchParticipant): number {
  return (a.waitingSince ?? FAR_FUTURE).localeCompare(b.waitingSince ?? FAR_FUTURE) || compareIds(a.id, b.id);
}

/** A coach who can take someone now: active, trained (when the program asks and it is recorded), with a place left. */
export function isCoachOpen(c: MatchCoach, s: MatchingSettings): boolean {
  return c.status === 'active' && !(s.rules.trainedCoach && c.isTrained === false) && c.capacityLeft > 0;
}

interface Classes {
  /** A representative profile per class. */
  profiles: Profile[];
  /** Indexes of the members of each class, in input order. */
  members: number[][];
}

function classesOf(profiles: readonly Profile[], aggregate: boolean): Classes {
  if (!aggregate) return { profiles: [...profiles], members: profiles.map((_, k) => [k]) };
  const byKey = new Map<string, number>();
  const out: Classes = { profiles: [], members: [] };
  profiles.forEach((x, k) => {
    const key = profileKey(x);
    let cls = byKey.get(key);
    if (cls === undefined) {
      cls = out.profiles.length;
      byKey.set(key, cls);
      out.profiles.push(x);
      out.members.push([]);
    }
    out.members[cls]!.push(k);
  });
  return out;
}

/** Coach classes grouped by the part of the profile the hard rules read, so each rule check runs once per group. */
function groupByRules(cls: Classes): { profile: Profile; classes: Int32Array }[] {
  const groups = new Map<string, { profile: Profile; classes: number[] }>();
  cls.profiles.forEach((x, j) => {
    const key = ruleKey(x);
    const g = groups.get(key);
    if (g) g.classes.push(j);
    else groups.set(key, { profile: x, classes: [j] });
  });
  return [...groups.values()].map((g) => ({ profile: g.profile, classes: Int32Array.from(g.classes) }));
}

/** Hands out the places of one coach class in turn, so identical coaches share the work. */
class PlaceQueue {
  private head = 0;
  constructor(
    private readonly order: number[],
    private readonly left: Int32Array,
  ) {}
  take(): number {
    const k = this.order[this.head++];
    if (k === undefined) throw new Error('coach class over capacity');
    this.left[k] = this.left[k]! - 1;
    if (this.left[k]! > 0) this.order.push(k);
    return k;
  }
}

/**
 * Proposes coaches for all waiting participants at once: the assignment that pairs as many
 * participants as the hard rules and the coaches' places allow and, among those, has the highest
 * total match quality (ADR 0006). Explains each proposal in plain words and says, for everyone left
 * without a coach, why. Deterministic: the same input in any order gives the same answer.
 */
export function proposeMatches(
  participants: readonly MatchParticipant[],
  coaches: readonly MatchCoach[],
  settings: MatchingSettings = DEFAULT_MATCHING_SETTINGS,
  options: ProposeOptions = {},
): MatchResult {
  const s = settings;
  const words = new Interner();
  const waiting = [...participants].sort(byWaiting);
  const allCoaches = [...coaches].sort((a, b) => compareIds(a.id, b.id));
  const permitted = waiting.filter((p) => p.canShareContact !== false);
  const open = allCoaches.filter((c) => isCoachOpen(c, s));

  const avoided = avoidedCoaches(permitted);
  const pFull = permitted.map((p) => participantProfile(p, words));
  const cFull = open.map((c) => coachProfile(c, words, avoided));
  const aggregate = options.aggregate ?? true;
  const rel = relevance(pFull, cFull, s);
  const pClasses = classesOf(aggregate ? pFull.map((x) => project(x, rel)) : pFull, aggregate);
  const cClasses = classesOf(aggregate ? cFull.map((x) => project(x, rel)) : cFull, aggregate);

  const P = pClasses.profiles.length;
  const C = cClasses.profiles.length;
  const supply = Int32Array.from(pClasses.members, (m) => m.length);
  const capacity = Int32Array.from(cClasses.members, (m) => m.reduce((sum, k) => sum + open[k]!.capacityLeft, 0));
  const ruleGroups = groupByRules(cClasses);
  // Which rule groups each participant class may take, then the edges written in place: counting
  // first sizes the arrays exactly (the benchmark's 10,000 × 3,000 program has 11.8 million edges).
  const G = ruleGroups.length;
  const compatible = new Uint8Array(P * G);
  const edgeStart = new Int32Array(P + 1);
  for (let i = 0; i < P; i++) {
    const p = pClasses.profiles[i]!;
    let n = 0;
    for (let k = 0; k < G; k++) {
      const g = ruleGroups[k]!;
      if (!isCompatible(p, g.profile, s.rules)) continue;
      compatible[i * G + k] = 1;
      n += g.classes.length;
    }
    edgeStart[i + 1] = edgeStart[i]! + n;
  }
  const edgeTo = new Int32Array(edgeStart[P]!);
  const edgeQuality = new Int32Array(edgeStart[P]!);
  const columns = new QualityColumns(cClasses.profiles, s);
  for (let i = 0; i < P; i++) {
    let e = edgeStart[i]!;
    for (let k = 0; k < G; k++) {
      if (!compatible[i * G + k]) continue;
      const { classes } = ruleGroups[k]!;
      edgeTo.set(classes, e);
      e += classes.length;
    }
    const from = edgeStart[i]!;
    columns.score(pClasses.profiles[i]!, edgeTo.subarray(from, e), e - from, edgeQuality.subarray(from, e));
  }
  const solution = solveTransport({ supply, capacity, edgeStart, edgeTo, edgeQuality });

  // Expand class flows to people: within a class the longest waiting go first, and identical
  // coaches take participants in turn.
  const left = Int32Array.from(open, (c) => c.capacityLeft);
  const queues = cClasses.members.map((m) => new PlaceQueue([...m], left));
  const coachOf = new Int32Array(permitted.length).fill(-1);
  for (let i = 0; i < P; i++) {
    const members = pClasses.members[i]!;
    let next = 0;
    for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) {
      for (let f = solution.flow[e]!; f > 0; f--) coachOf[members[next++]!] = queues[edgeTo[e]!]!.take();
    }
  }

  const classOfParticipant = new Int32Array(permitted.length);
  pClasses.members.forEach((m, i) => m.forEach((k) => (classOfParticipant[k] = i)));
  const alternativesWanted = options.alternatives ?? 0;
  const rankedClasses = new Map<number, number[]>();
  const alternativesFor = (k: number, chosen: number): MatchAlternative[] => {
    if (alternativesWanted <= 0) return [];
    const i = classOfParticipant[k]!;
    let ranked = rankedClasses.get(i);
    if (!ranked) {
      const es: number[] = [];
      for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) es.push(e);
      es.sort((a, b) => edgeQuality[b]! - edgeQuality[a]! || a - b);
      ranked = es.map((e) => edgeTo[e]!);
      rankedClasses.set(i, ranked);
    }
    const out: MatchAlternative[] = [];
    for (const j of ranked) {
      for (const c of cClasses.members[j]!) {
        if (c === chosen) continue;
        out.push({
          coachId: open[c]!.id,
          quality: pairQuality(pFull[k]!, cFull[c]!, s),
          reasons: explainPair(permitted[k]!, open[c]!, s),
          needsGenderReason: needsGenderReason(permitted[k]!, open[c]!),
        });
        if (out.length >= alternativesWanted) return out;
      }
    }
    return out;
  };

  const proposals: MatchResult['proposals'] = [];
  const unmatched: UnmatchedParticipant[] = [];
  const explainer = unmatchedExplainer(allCoaches, s, words, avoided);
  let totalQuality = 0;
  permitted.forEach((p, k) => {
    const c = coachOf[k]!;
    if (c >= 0) {
      const coach = open[c]!;
      const q = pairQuality(pFull[k]!, cFull[c]!, s);
      totalQuality += q;
      proposals.push({
        participantId: p.id,
        coachId: coach.id,
        quality: q,
        reasons: explainPair(p, coach, s),
        needsGenderReason: needsGenderReason(p, coach),
        alternatives: alternativesFor(k, c),
      });
      return;
    }
    // Coach classes are disjoint, so the eligible coaches are the members of the class's edges.
    const i = classOfParticipant[k]!;
    let eligible = 0;
    for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) eligible += cClasses.members[edgeTo[e]!]!.length;
    unmatched.push({ participantId: p.id, ...explainer(p, eligible) });
  });
  for (const p of waiting) {
    if (p.canShareContact === false) {
      unmatched.push({
        participantId: p.id,
        code: 'no_permission_to_share_contact',
        reason: 'has not given permission to share contact details with a coach',
      });
    }
  }
  const rank = new Map(waiting.map((p, k) => [p.id, k]));
  unmatched.sort((a, b) => rank.get(a.participantId)! - rank.get(b.participantId)!);

  return {
    proposals,
    unmatched,
    matched: proposals.length,
    totalQuality,
    stats: { participantClasses: P, coachClasses: C, edges: edgeTo.length, phases: solution.phases },
  };
}

/**
 * Says why a participant with permission was left without a coach. With eligible coaches, their
 * places went to matches that pair more participants or fit better overall. Without, it names the
 * first thing that fails: no coach meets the participant's rules at all (naming the fewest rules
 * that rule everyone out), or those who do are inactive, untrained, or full.
 */
function unmatchedExplainer(
  allCoaches: readonly MatchCoach[],
  s: MatchingSettings,
  words: Interner,
  avoided: ReadonlySet<string>,
): (p: MatchParticipant, eligible: number) => Omit<UnmatchedParticipant, 'participantId'> {
  const profiles = allCoaches.map((c) => coachProfile(c, words, avoided));
  const memo = new Map<string, Omit<UnmatchedParticipant, 'participantId'>>();
  const only = (rule: keyof MatchingSettings['rules']) => ({
    sameGender: false,
    modality: false,
    times: false,
    trainedCoach: false,
    [rule]: s.rules[rule],
  });
  return (p, eligible) => {
    if (eligible > 0) {
      return {
        code: 'places_taken_by_better_matches',
        reason:
          eligible === 1
            ? 'the one eligible coach with a place is taken by a match that pairs more participants or fits better overall'
            : `the ${eligible} eligible coaches with a place are all taken by matches that pair more participants or fit better overall`,
      };
    }
    const pp = participantProfile(p, words);
    const key = ruleKey(pp);
    const known = memo.get(key);
    if (known) return known;
    const phrases = rulePhrases(p, s);
    const passes = (rules: MatchingSettings['rules']) => allCoaches.filter((_, k) => isCompatible(pp, profiles[k]!, rules));
    const compatible = passes(s.rules);
    let answer: Omit<UnmatchedParticipant, 'participantId'>;
    const named: (keyof RulePhrasesByRule)[] = ['gender', 'modality', 'times'];
    const ruleOf: RulePhrasesByRule = { gender: 'sameGender', modality: 'modality', times: 'times' };
    // Name only the rules that rule some coach out for this participant (times of day say nothing
    // while no coach has recorded any).
    const restricting = named.map((n) => (passes(only(ruleOf[n])).length < allCoaches.length ? phrases[n] : null));
    const before =
      compatible.length === 0 ? allCoaches.filter((_, k) => isCompatible({ ...pp, avoid: [] }, profiles[k]!, s.rules)) : [];
    if (before.length > 0) {
      // Only the coach (or coaches) of an earlier pairing that ended for reach or fit would do.
      answer = {
        code: 'no_compatible_coach',
        reason:
          before.length === 1
            ? `the only coach who fits is the one from an earlier pairing that ended because ${endedBecause(p) ?? ''}`
            : `the only coaches who fit are from earlier pairings that ended because ${endedBecause(p) ?? ''}`,
      };
    } else if (compatible.length === 0) {
      const alone = named.find((n) => phrases[n] !== null && passes(only(ruleOf[n])).length === 0);
      const used = alone ? [phrases[alone]] : restricting;
      answer = {
        code: 'no_compatible_coach',
        reason:
          allCoaches.length === 0
            ? 'the program has no coaches yet'
            : `no coach in the program ${listWords(used.filter((x): x is string => x !== null))}`,
      };
    } else {
      const who = whoClause(restricting);
      const active = compatible.filter((c) => c.status === 'active');
      const trained = active.filter((c) => !(s.rules.trainedCoach && c.isTrained === false));
      if (active.length === 0) answer = { code: 'no_active_coach', reason: `every coach${who} is paused or retired` };
      else if (trained.length === 0) answer = { code: 'no_trained_coach', reason: `no active coach${who} has finished training` };
      else {
        answer = {
          code: 'no_coach_with_place',
          reason: `no ${s.rules.trainedCoach ? 'trained' : 'active'} coach${who} has a place left`,
        };
      }
    }
    memo.set(key, answer);
    return answer;
  };
}

type RulePhrasesByRule = { gender: 'sameGender'; modality: 'modality'; times: 'times' };

/**
 * The baseline the benchmark compares against (not used to propose): first come, first served,
 * each participant in waiting order takes the best-quality eligible coach with a place left.
 */
export function greedyMatches(
  participants: readonly MatchParticipant[],
  coaches: readonly MatchCoach[],
  settings: MatchingSettings = DEFAULT_MATCHING_SETTINGS,
): Assignment {
  const s = settings;
  const words = new Interner();
  const permitted = [...participants].sort(byWaiting).filter((p) => p.canShareContact !== false);
  const open = [...coaches].sort((a, b) => compareIds(a.id, b.id)).filter((c) => isCoachOpen(c, s));
  const avoided = avoidedCoaches(permitted);
  const pFull = permitted.map((p) => participantProfile(p, words));
  const cFull = open.map((c) => coachProfile(c, words, avoided));
  const rel = relevance(pFull, cFull, s);
  const cClasses = classesOf(
    cFull.map((x) => project(x, rel)),
    true,
  );
  const left = Int32Array.from(open, (c) => c.capacityLeft);
  const classLeft = Int32Array.from(cClasses.members, (m) => m.reduce((sum, k) => sum + left[k]!, 0));
  const queues = cClasses.members.map((m) => new PlaceQueue([...m], left));
  const pairs: Assignment['pairs'] = [];
  let totalQuality = 0;
  permitted.forEach((p, k) => {
    const pp = project(pFull[k]!, rel);
    let best = -1;
    let bestQuality = -1;
    for (let j = 0; j < cClasses.profiles.length; j++) {
      if (classLeft[j]! === 0 || !isCompatible(pp, cClasses.profiles[j]!, s.rules)) continue;
      const q = pairQuality(pp, cClasses.profiles[j]!, s);
      if (q > bestQuality) {
        best = j;
        bestQuality = q;
      }
    }
    if (best < 0) return;
    classLeft[best] = classLeft[best]! - 1;
    const c = queues[best]!.take();
    pairs.push({ participantId: p.id, coachId: open[c]!.id, quality: bestQuality });
    totalQuality += bestQuality;
  });
  return { pairs, matched: pairs.length, totalQuality };
}
