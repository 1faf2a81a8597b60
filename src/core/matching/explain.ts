import { isGenderMismatch } from '../pairings';
import { channels, painLocations, timesOfDay, type Channel, type PainLocation, type TimeOfDay } from '../shared/vocab';
import { normalizeWord } from './profile';
import type { MatchCoach, MatchingSettings, MatchParticipant } from './types';

const painWords: Record<PainLocation, string> = {
  low_back: 'low-back',
  neck: 'neck',
  shoulder: 'shoulder',
  hip: 'hip',
  knee: 'knee',
  hand: 'hand or wrist',
  foot: 'foot or ankle',
  widespread: 'widespread',
  other: 'other',
};
const timeWords: Record<TimeOfDay, string> = { morning: 'mornings', afternoon: 'afternoons', evening: 'evenings' };
const timeWord: Record<TimeOfDay, string> = { morning: 'morning', afternoon: 'afternoon', evening: 'evening' };
const byWords: Record<Channel, string> = {
  phone: 'by phone',
  video: 'by video',
  in_person: 'in person',
  text: 'by text message',
};
const offerWords: Record<Channel, string> = {
  phone: 'phone calls',
  video: 'video calls',
  in_person: 'meeting in person',
  text: 'text messages',
};

/** "a", "a and b", "a, b and c". */
export function listWords(words: readonly string[], last = 'and'): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/** The values of `all` that are in both lists, in vocabulary order. */
function common<T extends string>(all: readonly T[], a: readonly T[] | undefined, b: readonly T[] | undefined): T[] {
  return all.filter((v) => (a ?? []).includes(v) && (b ?? []).includes(v));
}

/** The pairing rules' own test: the pair crosses genders although the participant said gender matters. */
export function needsGenderReason(p: MatchParticipant, c: MatchCoach): boolean {
  return isGenderMismatch({
    participant: {
      status: 'enrolled',
      gender: p.gender,
      genderMatters: p.genderMatters,
      canShareContact: true,
      hasActivePairing: false,
    },
    coach: { status: c.status, gender: c.gender, caseload: 1, activePairings: 0 },
  });
}

const isKnown = (s: string | null | undefined): s is string => normalizeWord(s) !== '';
const same = (a: string | null | undefined, b: string | null | undefined) => isKnown(a) && normalizeWord(a) === normalizeWord(b);

/**
 * Plain words for why a pair fits (or where it bends a rule that was switched off), in the order a
 * coordinator reads them: gender, pain, how and when, background, age, town, language.
 */
export function explainPair(p: MatchParticipant, c: MatchCoach, s: MatchingSettings): string[] {
  const out: string[] = [];
  if (p.gender === c.gender && p.gender !== 'not_stated') out.push('same gender');
  else if (needsGenderReason(p, c)) out.push('different gender: approving needs a recorded reason');
  else if (!p.genderMatters && p.gender !== c.gender) out.push('the participant said gender does not matter');

  const pain = common(painLocations, p.painLocations, c.painLocations);
  if (pain.length > 0) out.push(`both have ${listWords(pain.map((x) => painWords[x]))} pain`);

  const ways = common(channels, p.modalities, c.modalities);
  const times = common(timesOfDay, p.times, c.times);
  const by = listWords(
    ways.map((w) => byWords[w]),
    'or',
  );
  if (ways.length > 0 && times.length > 0) out.push(`both prefer ${listWords(times.map((t) => timeWords[t]))} ${by}`);
  else if (ways.length > 0) out.push(`both can meet ${by}`);
  else if (p.modalities.length > 0 && c.modalities.length > 0)
    out.push(
      `the coach does not offer ${listWords(
        p.modalities.map((w) => offerWords[w]),
        'or',
      )}`,
    );
  if ((p.times?.length ?? 0) > 0 && (c.times?.length ?? 0) > 0 && times.length === 0) out.push('their times of day differ');

  const branch = same(p.serviceBranch, c.serviceBranch) ? `in the ${p.serviceBranch!.trim()}` : null;
  const era = same(p.serviceEra, c.serviceEra) ? `in the ${p.serviceEra!.trim()} era` : null;
  if (branch || era) out.push(`both served ${[branch, era].filter(Boolean).join(' ')}`);

  if (p.birthYear && c.birthYear && Math.abs(p.birthYear - c.birthYear) <= s.ageBandYears)
    out.push(`close in age (within ${s.ageBandYears} years)`);
  if (same(p.town, c.town) && ways.includes('in_person')) out.push(`both live in ${p.town!.trim()}, for meeting in person`);

  const languages = (p.languages ?? []).filter((l) => (c.languages ?? []).some((x) => same(l, x)));
  if (languages.length > 0) out.push(`both speak ${listWords(languages.map((l) => l.trim()))}`);
  const ended = endedBecause(p);
  if (ended) out.push(`not the coach of an earlier pairing that ended because ${ended}`);
  return out;
}

/** Why the participant's earlier pairings ended, when they ended for reach or fit ("they could not reach each other"). */
export function endedBecause(p: MatchParticipant): string | null {
  const reasons = [...new Set((p.avoidCoaches ?? []).map((a) => a.reason))].sort();
  if (reasons.length === 0) return null;
  return listWords(
    reasons.map((r) => (r === 'reach' ? 'they could not reach each other' : 'it was not a good fit')),
    'or',
  );
}

/** The participant-side hard rules that restrict this participant's coaches, as phrases. */
export interface RulePhrases {
  gender: string | null;
  modality: string | null;
  times: string | null;
}

/** How each hard rule reads for this participant ("is of the same gender", "offers video calls", …). */
export function rulePhrases(p: MatchParticipant, s: MatchingSettings): RulePhrases {
  return {
    gender: s.rules.sameGender && p.genderMatters && p.gender !== 'not_stated' ? 'is of the same gender' : null,
    modality:
      s.rules.modality && p.modalities.length > 0
        ? `offers ${listWords(
            p.modalities.map((w) => offerWords[w]),
            'or',
          )}`
        : null,
    times:
      s.rules.times && (p.times?.length ?? 0) > 0
        ? `is available in the ${listWords(
            p.times!.map((t) => timeWord[t]),
            'or',
          )}`
        : null,
  };
}

/** "who is of the same gender and offers video calls", or "" when no rule restricts. */
export function whoClause(phrases: readonly (string | null)[]): string {
  const list = phrases.filter((x): x is string => x !== null);
  return list.length > 0 ? ` who ${listWords(list)}` : '';
}
