import type { TranscriptDocument, Turn } from './transcript';

/**
 * De-identification (issue #13, ADR 0032): Kindred proposes, a person confirms. `proposeReplacements`
 * flags the names of people the program knows (full name, first name, family name; whole words,
 * any case), phone numbers, e-mail addresses, dates and places (the towns and the site the program
 * knows, facility names such as "Riverside VA Clinic", street addresses), with consistent
 * pseudonyms: the same person
 * is the same `[Participant 1]` everywhere. `applyReplacements` makes the coded copy from what the
 * person confirmed and moves the turns' offsets with the text. Pure: no I/O.
 */

export const knownPersonKinds = ['participant', 'coach', 'staff'] as const;
export type KnownPersonKind = (typeof knownPersonKinds)[number];

/** Someone the program knows, whose name must not reach the coded copy. */
export interface KnownPerson {
  id: string;
  kind: KnownPersonKind;
  givenName: string;
  familyName: string;
}

export const identifierKinds = ['name', 'phone', 'email', 'date', 'place'] as const;
export type IdentifierKind = (typeof identifierKinds)[number];

/** One proposed replacement: the span of the original text and what would stand in its place. */
export interface Proposal {
  start: number;
  end: number;
  kind: IdentifierKind;
  replacement: string;
  /** The person a name span points to; for a first name shared by several people, all of them. */
  personIds: string[];
}

/** A replacement a person confirmed (or wrote): a span of the original text and its stand-in. */
export interface Replacement {
  start: number;
  end: number;
  replacement: string;
}

const LABEL: Record<KnownPersonKind, string> = { participant: 'Participant', coach: 'Coach', staff: 'Staff' };
/** The stand-in for a first name that several known people share: a person chooses who it is. */
export const AMBIGUOUS_NAME = '[Name]';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word, case-insensitive matches of a phrase; "word" means letters and digits (Unicode). */
function findWord(text: string, phrase: string): { start: number; end: number }[] {
  const words = phrase.trim().split(/\s+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

const PHONE = /(?<![\p{N}\p{L}])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\p{N}])/gu;
const EMAIL = /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATES = [
  // 2026-03-14, 3/14/2026, 14.03.26
  /(?<![\p{N}])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))(?![\p{N}])/gu,
  // March 14, March 14th, 2026, Mar. 14 2026
  new RegExp(`(?<![\\p{L}])(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?(?![\\p{L}\\p{N}])`, 'giu'),
  // 14 March, 14th of March 2026
  new RegExp(`(?<![\\p{N}])\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?(?:,?\\s+\\d{4})?(?![\\p{L}])`, 'giu'),
];

/** Capitalized words (up to four) before a kind of facility: "Riverside VA Clinic", "Walter Reed Hospital". */
const FACILITY =
  /(?<![\p{L}\p{N}])(?:[\p{Lu}][\p{L}'’.-]*\s+){1,4}(?:Medical Cent(?:er|re)|Hospital|Outpatient Clinic|Clinic|CBOC|VAMC|Vet Center|Health ?Care System|Community Living Center|Nursing Home)(?![\p{L}])/gu;
/** A street address: a number, one to three capitalized words, a kind of street. */
const STREET =
  /(?<![\p{L}\p{N}])\d{1,6}\s+(?:[\p{Lu}][\p{L}'’.-]*\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Highway|Hwy|Parkway|Pkwy)\b\.?/gu;
/** Words that start a sentence rather than a facility's name ("Then Riverside Clinic called"). */
const NOT_A_NAME = new Set([
  'a',
  'an',
  'and',
  'at',
  'but',
  'from',
  'i',
  'in',
  'my',
  'our',
  'so',
  'the',
  'then',
  'to',
  'we',
  'went',
  'when',
]);

/** A facility match without the sentence words in front of its name. */
function trimFacility(m: RegExpMatchArray): { start: number; end: number } | null {
  let start = m.index!;
  let words = m[0];
  for (;;) {
    const first = /^([\p{L}'’.-]+)\s+/u.exec(words);
    if (!first || !NOT_A_NAME.has(first[1]!.toLowerCase())) break;
    start += first[0].length;
    words = words.slice(first[0].length);
  }
  // Nothing left before the facility word (e.g. "The Clinic"): not a name.
  return /\s/.test(words.trim()) ? { start, end: m.index! + m[0].length } : null;
}

interface Candidate {
  start: number;
  end: number;
  kind: IdentifierKind;
  personIds: string[];
}

/**
 * Proposes replacements for every identifier found. Where spans overlap the longest wins (a full
 * name over the first name inside it). Pseudonyms are numbered per kind of person in order of
 * first appearance, so the same person keeps one pseudonym through the document.
 */
export function proposeReplacements(text: string, people: readonly KnownPerson[], places: readonly string[] = []): Proposal[] {
  const candidates: Candidate[] = [];
  const byPhrase = new Map<string, Set<string>>();
  const addPhrase = (phrase: string, id: string) => {
    const key = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
    if (key.length < 2) return;
    const ids = byPhrase.get(key) ?? new Set<string>();
    ids.add(id);
    byPhrase.set(key, ids);
  };
  for (const p of people) {
    addPhrase(`${p.givenName} ${p.familyName}`, p.id);
    addPhrase(p.givenName, p.id);
    addPhrase(p.familyName, p.id);
  }
  for (const [phrase, ids] of byPhrase)
    for (const m of findWord(text, phrase)) candidates.push({ ...m, kind: 'name', personIds: [...ids] });
  for (const m of text.matchAll(PHONE))
    candidates.push({ start: m.index, end: m.index + m[0].length, kind: 'phone', personIds: [] });
  for (const m of text.matchAll(EMAIL))
    candidates.push({ start: m.index, end: m.index + m[0].length, kind: 'email', personIds: [] });
  for (const re of DATES)
    for (const m of text.matchAll(re))
      candidates.push({ start: m.index, end: m.index + m[0].length, kind: 'date', personIds: [] });
  for (const place of new Set(places.map((p) => p.trim()).filter((p) => p.length >= 2)))
    for (const m of findWord(text, place)) candidates.push({ ...m, kind: 'place', personIds: [] });
  for (const m of text.matchAll(FACILITY)) {
    const span = trimFacility(m);
    if (span) candidates.push({ ...span, kind: 'place', personIds: [] });
  }
  for (const m of text.matchAll(STREET))
    candidates.push({ start: m.index, end: m.index + m[0].length, kind: 'place', personIds: [] });

  // Longest first, then earliest; keep a span only if it overlaps none already kept.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of candidates) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  kept.sort((a, b) => a.start - b.start);

  const kindOf = new Map(people.map((p) => [p.id, p.kind]));
  const pseudonyms = new Map<string, string>();
  const counters: Record<KnownPersonKind, number> = { participant: 0, coach: 0, staff: 0 };
  const pseudonymOf = (id: string): string => {
    let name = pseudonyms.get(id);
    if (!name) {
      const kind = kindOf.get(id)!;
      counters[kind] += 1;
      name = `[${LABEL[kind]} ${counters[kind]}]`;
      pseudonyms.set(id, name);
    }
    return name;
  };
  return kept.map((c) => ({
    start: c.start,
    end: c.end,
    kind: c.kind,
    personIds: c.personIds,
    replacement:
      c.kind === 'phone'
        ? '[Phone]'
        : c.kind === 'email'
          ? '[Email]'
          : c.kind === 'date'
            ? '[Date]'
            : c.kind === 'place'
              ? '[Place]'
              : c.personIds.length === 1
                ? pseudonymOf(c.personIds[0]!)
                : AMBIGUOUS_NAME,
  }));
}

/** Why a set of replacements cannot be applied. */
export type ReplacementProblem = 'out_of_range' | 'overlapping' | 'empty_span';

/** Checks replacements against the text: inside it, not empty, not overlapping. */
export function checkReplacements(textLength: number, replacements: readonly Replacement[]): ReplacementProblem | null {
  const sorted = [...replacements].sort((a, b) => a.start - b.start);
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i]!;
    if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end > textLength) return 'out_of_range';
    if (r.end <= r.start) return 'empty_span';
    if (i > 0 && r.start < sorted[i - 1]!.end) return 'overlapping';
  }
  return null;
}

/**
 * Maps an offset of the original text to the new text. An offset inside a replaced span moves to
 * the start of its stand-in when it opens a range and to the end when it closes one.
 */
export function remapOffset(replacements: readonly Replacement[], offset: number, side: 'start' | 'end'): number {
  let shift = 0;
  for (const r of [...replacements].sort((a, b) => a.start - b.start)) {
    if (offset <= r.start) break;
    if (offset >= r.end) {
      shift += r.replacement.length - (r.end - r.start);
      continue;
    }
    return r.start + shift + (side === 'start' ? 0 : r.replacement.length);
  }
  return offset + shift;
}

/**
 * Applies confirmed replacements: the de-identified text, the turns moved with it, and each turn's
 * speaker read back from the new text (a speaker's name is replaced like any other).
 */
export function applyReplacements(doc: TranscriptDocument, replacements: readonly Replacement[]): TranscriptDocument {
  const problem = checkReplacements(doc.text.length, replacements);
  if (problem) throw new RangeError(`Replacements cannot be applied: ${problem}`);
  const sorted = [...replacements].sort((a, b) => a.start - b.start);
  let text = '';
  let at = 0;
  for (const r of sorted) {
    text += doc.text.slice(at, r.start) + r.replacement;
    at = r.end;
  }
  text += doc.text.slice(at);
  const turns: Turn[] = doc.turns.map((t) => {
    const start = remapOffset(sorted, t.start, 'start');
    const end = remapOffset(sorted, t.end, 'end');
    const textStart = remapOffset(sorted, t.textStart, 'start');
    const speaker = t.speaker === null ? null : text.slice(start, textStart).replace(/:\s*$/, '');
    return { ...t, speaker, start, end, textStart };
  });
  return { text, turns };
}
