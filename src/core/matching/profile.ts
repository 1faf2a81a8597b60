import {
  channels,
  painLocations,
  timesOfDay,
  type Channel,
  type Gender,
  type PainLocation,
  type TimeOfDay,
} from '../shared/vocab';
import type { MatchCoach, MatchingSettings, MatchParticipant } from './types';

/**
 * What the rules and the match quality read of a participant or coach, as small numbers and bit
 * sets so that millions of pairs can be scored quickly. 0 means unknown (or irrelevant) everywhere.
 */
export interface Profile {
  /** Participant: the gender that matters (0 when it does not). Coach: his or her gender (0 not stated). */
  gender: number;
  modalities: number;
  times: number;
  pain: number;
  branch: number;
  era: number;
  birthYear: number;
  town: number;
  /** Interned language ids, sorted. */
  languages: readonly number[];
  /** Participant: interned ids of coaches whose pairing with him or her ended for reach or fit, sorted. */
  avoid: readonly number[];
  /** Coach: his or her interned id when some participant avoids this coach (0 otherwise). */
  self: number;
}

const bitsOf = <T extends string>(all: readonly T[]): Record<T, number> =>
  Object.fromEntries(all.map((v, k) => [v, 1 << k])) as Record<T, number>;

export const CHANNEL_BIT = bitsOf<Channel>(channels);
export const TIME_BIT = bitsOf<TimeOfDay>(timesOfDay);
export const PAIN_BIT = bitsOf<PainLocation>(painLocations);
const GENDER_CODE: Record<Gender, number> = { woman: 1, man: 2, nonbinary: 3, not_stated: 0 };

const mask = <T extends string>(bits: Record<T, number>, values: readonly T[] | undefined): number => {
  let m = 0;
  for (const v of values ?? []) m |= bits[v];
  return m;
};

/** Free-text attributes (branch, era, town, language) compared case- and space-insensitively. */
export function normalizeWord(s: string | null | undefined): string {
  return (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Gives each distinct word a number (0 for empty), so comparisons are integer comparisons. */
export class Interner {
  private readonly ids = new Map<string, number>();
  id(s: string | null | undefined): number {
    const key = normalizeWord(s);
    if (!key) return 0;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(key, id);
    }
    return id;
  }
}

type Person = MatchParticipant | MatchCoach;

function encode(x: Person, gender: number, words: Interner): Profile {
  const languages = [...new Set((x.languages ?? []).map((l) => words.id(l)).filter((id) => id > 0))].sort((a, b) => a - b);
  return {
    gender,
    modalities: mask(CHANNEL_BIT, x.modalities),
    times: mask(TIME_BIT, x.times),
    pain: mask(PAIN_BIT, x.painLocations),
    branch: words.id(x.serviceBranch),
    era: words.id(x.serviceEra),
    birthYear: x.birthYear ?? 0,
    town: words.id(x.town),
    languages,
    avoid: [],
    self: 0,
  };
}

/** A coach's id as an interned number, apart from the words (no word starts with a NUL). */
const coachWord = (id: string) => `\0coach:${id}`;

/** The coaches some participant must not be proposed again, for {@link coachProfile}. */
export function avoidedCoaches(ps: readonly MatchParticipant[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const p of ps) for (const a of p.avoidCoaches ?? []) out.add(a.coachId);
  return out;
}

/** A participant's profile: the gender only counts when the participant said it matters (pairing rules). */
export function participantProfile(p: MatchParticipant, words: Interner): Profile {
  const profile = encode(p, p.genderMatters ? GENDER_CODE[p.gender] : 0, words);
  if (!p.avoidCoaches?.length) return profile;
  const avoid = [...new Set(p.avoidCoaches.map((a) => words.id(coachWord(a.coachId))))].sort((a, b) => a - b);
  return { ...profile, avoid };
}

/** A coach's profile; `avoided` (from {@link avoidedCoaches}) marks the coaches someone must not get again. */
export function coachProfile(c: MatchCoach, words: Interner, avoided?: ReadonlySet<string>): Profile {
  const profile = encode(c, GENDER_CODE[c.gender], words);
  return avoided?.has(c.id) ? { ...profile, self: words.id(coachWord(c.id)) } : profile;
}

/** The hard rules that depend on both sides. Coach status, training and places are checked before. */
export function isCompatible(p: Profile, c: Profile, rules: MatchingSettings['rules']): boolean {
  if (rules.sameGender && p.gender !== 0 && c.gender !== 0 && p.gender !== c.gender) return false;
  if (rules.modality && p.modalities !== 0 && c.modalities !== 0 && (p.modalities & c.modalities) === 0) return false;
  if (rules.times && p.times !== 0 && c.times !== 0 && (p.times & c.times) === 0) return false;
  // Always on: never the coach of a pairing with this participant that ended for reach or fit.
  if (c.self !== 0 && p.avoid.length > 0 && p.avoid.includes(c.self)) return false;
  return true;
}

/** 1 when x ≠ 0, 0 when x = 0 (x a 32-bit integer). */
const nonzero = (x: number): number => (x | -x) >>> 31;

function shareAny(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** Match quality: the weighted preferences a pair meets, in whole points. Unknown attributes score nothing. */
export function pairQuality(p: Profile, c: Profile, s: MatchingSettings): number {
  const w = s.weights;
  let q = 0;
  if ((p.pain & c.pain) !== 0) q += w.painLocations;
  if (p.branch !== 0 && p.branch === c.branch) q += w.background;
  if (p.era !== 0 && p.era === c.era) q += w.background;
  if (p.birthYear !== 0 && c.birthYear !== 0 && Math.abs(p.birthYear - c.birthYear) <= s.ageBandYears) q += w.ageBand;
  if (p.town !== 0 && p.town === c.town && (p.modalities & c.modalities & CHANNEL_BIT.in_person) !== 0) q += w.sameTown;
  if (p.languages.length > 0 && c.languages.length > 0 && shareAny(p.languages, c.languages)) q += w.language;
  return q;
}

/** The fields of a profile that can change a rule or the quality for these people under these settings. */
interface Relevance {
  gender: boolean;
  modalities: boolean;
  times: boolean;
  pain: boolean;
  branch: boolean;
  era: boolean;
  birthYear: boolean;
  town: boolean;
  languages: boolean;
}

/**
 * Which fields matter: a field matters only if a rule or a weight uses it and both sides hold some
 * data for it (participant pain locations cannot change anything when no coach has one recorded).
 */
export function relevance(ps: readonly Profile[], cs: readonly Profile[], s: MatchingSettings): Relevance {
  const both = (f: (x: Profile) => boolean) => ps.some(f) && cs.some(f);
  const town = s.weights.sameTown > 0 && both((x) => x.town !== 0);
  return {
    gender: s.rules.sameGender && both((x) => x.gender !== 0),
    modalities: (s.rules.modality || town) && both((x) => x.modalities !== 0),
    times: s.rules.times && both((x) => x.times !== 0),
    pain: s.weights.painLocations > 0 && both((x) => x.pain !== 0),
    branch: s.weights.background > 0 && both((x) => x.branch !== 0),
    era: s.weights.background > 0 && both((x) => x.era !== 0),
    birthYear: s.weights.ageBand > 0 && both((x) => x.birthYear !== 0),
    town,
    languages: s.weights.language > 0 && both((x) => x.languages.length > 0),
  };
}

/**
 * The profile with every irrelevant field cleared. Two people with the same projected profile are
 * interchangeable: every rule and every quality comes out the same for them against anyone.
 */
export function project(x: Profile, r: Relevance): Profile {
  return {
    gender: r.gender ? x.gender : 0,
    modalities: r.modalities ? x.modalities : 0,
    times: r.times ? x.times : 0,
    pain: r.pain ? x.pain : 0,
    branch: r.branch ? x.branch : 0,
    era: r.era ? x.era : 0,
    birthYear: r.birthYear ? x.birthYear : 0,
    town: r.town ? x.town : 0,
    languages: r.languages ? x.languages : [],
    // A rule that is always on: never cleared.
    avoid: x.avoid,
    self: x.self,
  };
}

/** A string naming a profile exactly, for grouping identical ones. */
export function profileKey(x: Profile): string {
  return `${x.gender}|${x.modalities}|${x.times}|${x.pain}|${x.branch}|${x.era}|${x.birthYear}|${x.town}|${x.languages.join(',')}|${x.avoid.join(',')}|${x.self}`;
}

/** The part of a profile the hard rules read (coaches with the same one pass or fail together). */
export function ruleKey(x: Profile): string {
  return `${x.gender}|${x.modalities}|${x.times}|${x.avoid.join(',')}|${x.self}`;
}

/**
 * {@link pairQuality} for one participant against many coach profiles at once (issue #14: scoring
 * the 10,000 × 3,000 program's 11.8 million allowed pairs was about half of the matcher's time). The
 * coaches' fields sit in typed columns and their languages in a bit set, so the inner loop reads no
 * objects; the points are the same as `pairQuality`'s, pair for pair (a property test checks it).
 */
export class QualityColumns {
  private readonly pain: Int32Array;
  private readonly branch: Int32Array;
  private readonly era: Int32Array;
  private readonly birthYear: Int32Array;
  /** The coach's town when he or she meets in person (0 otherwise): the only way a town scores. */
  private readonly townInPerson: Int32Array;
  /** Each coach's languages as bits, or null when they speak more distinct languages than fit in 31 bits. */
  private readonly languageBits: Int32Array | null;
  private readonly languageBit = new Map<number, number>();

  constructor(
    private readonly coaches: readonly Profile[],
    private readonly s: MatchingSettings,
  ) {
    const n = coaches.length;
    this.pain = Int32Array.from(coaches, (c) => c.pain);
    this.branch = Int32Array.from(coaches, (c) => c.branch);
    this.era = Int32Array.from(coaches, (c) => c.era);
    this.birthYear = Int32Array.from(coaches, (c) => c.birthYear);
    this.townInPerson = Int32Array.from(coaches, (c) => ((c.modalities & CHANNEL_BIT.in_person) !== 0 ? c.town : 0));
    for (const c of coaches)
      for (const l of c.languages) if (!this.languageBit.has(l)) this.languageBit.set(l, this.languageBit.size);
    if (this.languageBit.size <= 31) {
      this.languageBits = new Int32Array(n);
      coaches.forEach((c, j) => {
        for (const l of c.languages) this.languageBits![j]! |= 1 << this.languageBit.get(l)!;
      });
    } else this.languageBits = null;
  }

  /** Writes the quality of `p` with each coach `js[k]` to `out[k]`, for k in [0, n). */
  score(p: Profile, js: Int32Array, n: number, out: Int32Array): void {
    const { painLocations: wPain, background: wBackground, ageBand: wAge, sameTown: wTown, language: wLanguage } = this.s.weights;
    const band = this.s.ageBandYears;
    const { pain, branch, era, birthYear, townInPerson, languageBits } = this;
    const pPain = p.pain;
    const pBranch = p.branch;
    const pEra = p.era;
    const pBirth = p.birthYear;
    const pTown = (p.modalities & CHANNEL_BIT.in_person) !== 0 ? p.town : 0;
    let pLanguages = 0;
    for (const l of p.languages) {
      const bit = this.languageBit.get(l);
      if (bit !== undefined && bit < 31) pLanguages |= 1 << bit;
    }
    // Without branches: the data are close to random, so branches would be mispredicted half the
    // time. `nonzero(x)` is 1 when x ≠ 0 and 0 otherwise (the sign bit of x | −x); fields are small
    // whole numbers, so the arithmetic stays in 32 bits.
    const hasBranch = pBranch !== 0 ? 1 : 0;
    const hasEra = pEra !== 0 ? 1 : 0;
    const hasBirth = pBirth !== 0 ? 1 : 0;
    const hasTown = pTown !== 0 ? 1 : 0;
    for (let k = 0; k < n; k++) {
      const j = js[k]!;
      const by = birthYear[j]!;
      const d = pBirth - by;
      const far = ((band - ((d ^ (d >> 31)) - (d >> 31))) >>> 31) | (1 - hasBirth) | (1 - nonzero(by));
      out[k] =
        nonzero(pPain & pain[j]!) * wPain +
        hasBranch * (1 - nonzero(pBranch ^ branch[j]!)) * wBackground +
        hasEra * (1 - nonzero(pEra ^ era[j]!)) * wBackground +
        (1 - far) * wAge +
        hasTown * (1 - nonzero(pTown ^ townInPerson[j]!)) * wTown;
    }
    if (languageBits) {
      if (pLanguages !== 0)
        for (let k = 0; k < n; k++) if ((pLanguages & languageBits[js[k]!]!) !== 0) out[k] = out[k]! + wLanguage;
    } else if (p.languages.length > 0) {
      for (let k = 0; k < n; k++) if (shareAny(p.languages, this.coaches[js[k]!]!.languages)) out[k] = out[k]! + wLanguage;
    }
  }
}
