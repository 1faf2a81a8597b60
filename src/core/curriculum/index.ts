/**
 * The coaching curriculum as content: one Markdown file per topic with a small front matter, read
 * and checked at start-up. The topics follow the self-management skills the evidence supports:
 * relaxation, activity pacing, cognitive-behavioural skills and self-care in the ECLIPSE manual
 * (Matthias et al., J Gen Intern Med 2020, doi 10.1007/s11606-020-06007-6), and action plans,
 * pacing, physical activity, relaxation, sleep, difficult emotions, communication with health
 * professionals, medicines and planning ahead in lay-led chronic pain self-management programs
 * (selfmanagementbc.ca/chronicpainselfmanagement).
 */
import { z } from 'zod';
import { DomainError } from '../shared/errors';
import { Locale } from '../shared/locale';
import { Topic } from '../programs';
import { hasListItem, markdownProblems } from './markdown';

export { parseInline, parseMarkdown, markdownProblems, type Block, type Inline } from './markdown';

/** Pure parsing answers either a value or every problem found, so one start-up names them all. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const TopicKey = Topic.shape.key;
const Title = z.string().trim().min(1).max(120);
const Summary = z.string().trim().min(10, 'Write a sentence of at least 10 characters').max(300);
const SkillName = z.string().trim().min(3).max(80);

/** A section of Markdown in the supported subset (see markdown.ts). */
const Markdown = z
  .string()
  .trim()
  .min(1, 'The section is empty')
  .superRefine((text, ctx) => {
    for (const message of markdownProblems(text)) ctx.addIssue({ code: 'custom', message });
  });
const MarkdownList = Markdown.refine(hasListItem, 'Write this section as a list (lines starting with "- ")');

/** One topic of the curriculum, as read from its file. */
export const CurriculumTopic = z.object({
  key: TopicKey,
  title: Title,
  /** Raised whenever the content changes in substance, so a record can say which version was used. */
  version: z.int().min(1),
  /** The default place of the topic in a program; gaps (10, 20, …) leave room for a deployment's own. */
  order: z.int().min(0).max(1_000_000),
  summary: Summary,
  /** The short name of the skill to try, e.g. "Belly breathing". */
  skill: SkillName,
  /** For participants: plain language, printable. */
  handout: Markdown,
  /** For coaches: how to try the skill together during the call. */
  skillSteps: Markdown,
  /** For coaches: what to bring up, and how. Not shown to participants. */
  talkingPoints: MarkdownList,
  /** For coaches: questions to ask. Not shown to participants. */
  questions: MarkdownList,
});
export type CurriculumTopic = z.infer<typeof CurriculumTopic>;

/** The whole curriculum of a deployment, in its default order, with every topic's translations. */
export interface Curriculum {
  topics: readonly CurriculumTopic[];
  /** Each translated language's version of every topic, by topic key (ADR 0051). */
  translations: Readonly<Record<TranslatedLocale, ReadonlyMap<string, TopicTranslation>>>;
}

const wholeNumber = z
  .string()
  .regex(/^\d{1,7}$/, 'Expected a whole number')
  .transform(Number);

/** The front matter fields of a topic file; an unknown field is an error (it is usually a typo). */
const TopicFrontMatter = z.strictObject({
  key: TopicKey,
  title: Title,
  version: wholeNumber,
  order: wholeNumber,
  summary: Summary,
  skill: SkillName,
});

/** The `## ` sections of a topic file's body and the fields they fill. */
export const TOPIC_SECTIONS = {
  handout: 'Handout',
  skillSteps: 'Skill to try',
  talkingPoints: 'Talking points',
  questions: 'Questions to ask',
} as const satisfies Record<string, string>;
type SectionField = keyof typeof TOPIC_SECTIONS;

export interface FrontMatter {
  data: Record<string, string>;
  body: string;
  /** The 1-based line where the body starts, so body problems can point at the file's lines. */
  bodyLine: number;
}

/**
 * Parses a YAML-like front matter: the first line `---`, then `name: value` lines (blank lines and
 * `#` comments allowed, values optionally in matching quotes), then `---`. Values are strings; the
 * schema decides what they mean. Deliberately small: no nesting, lists or multi-line values.
 */
export function parseFrontMatter(text: string): Parsed<FrontMatter> {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (lines[0]?.trim() !== '---') return { ok: false, problems: ['line 1: the file must start with a --- line (front matter)'] };
  const data: Record<string, string> = {};
  const problems: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const at = `line ${i + 1}`;
    if (line.trim() === '---') {
      if (problems.length) return { ok: false, problems };
      return { ok: true, value: { data, body: lines.slice(i + 1).join('\n'), bodyLine: i + 2 } };
    }
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z][A-Za-z0-9_]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!m) {
      problems.push(`${at}: expected "name: value"`);
      continue;
    }
    const name = m[1]!;
    if (Object.hasOwn(data, name)) {
      problems.push(`${at}: ${name} is given twice`);
      continue;
    }
    data[name] = unquote(m[2]!.trim());
  }
  return { ok: false, problems: [...problems, 'the front matter is not closed with a --- line'] };
}

function unquote(value: string): string {
  const q = value[0];
  if (value.length >= 2 && (q === '"' || q === "'") && value.endsWith(q)) return value.slice(1, -1);
  return value;
}

/**
 * Splits a body into its `## ` sections by name (case-insensitive). Before the first section only
 * blank lines and a `# Title` line (for reading the file elsewhere) may appear.
 */
function splitSections<F extends string>(
  body: string,
  firstLine: number,
  names: Record<F, string>,
): Parsed<Partial<Record<F, string>>> {
  const byName = new Map(Object.entries<string>(names).map(([field, name]) => [name.toLowerCase(), field as F]));
  const sections: Partial<Record<F, string[]>> = {};
  const problems: string[] = [];
  let current: string[] | null = null;
  let isInSections = false;
  body.split('\n').forEach((line, i) => {
    const at = `line ${firstLine + i}`;
    const heading = /^##[ \t]+(.+?)[ \t#]*$/.exec(line);
    if (heading) {
      isInSections = true;
      const field = byName.get(heading[1]!.toLowerCase());
      current = null;
      if (!field) {
        problems.push(`${at}: unknown section "${heading[1]}" (use "${Object.values<string>(names).join('", "')}")`);
      } else if (sections[field]) {
        problems.push(`${at}: section "${names[field]}" is given twice`);
      } else {
        current = sections[field] = [];
      }
      return;
    }
    if (current) current.push(line);
    else if (!isInSections && line.trim() !== '' && !/^#[ \t]/.test(line)) {
      problems.push(`${at}: text before the first section; start with "## ${Object.values<string>(names)[0]}"`);
    }
  });
  for (const [field, name] of Object.entries<string>(names)) {
    if (!sections[field as F]) problems.push(`section "## ${name}" is missing`);
  }
  if (problems.length) return { ok: false, problems };
  const texts = Object.entries<string[] | undefined>(sections).map(([field, lines]) => [field, (lines ?? []).join('\n').trim()]);
  return { ok: true, value: Object.fromEntries(texts) as Partial<Record<F, string>> };
}

/** Names the field of a zod issue the way an author knows it: the front matter name or the section title. */
function issueLabel(path: readonly PropertyKey[]): string {
  const field = String(path[0] ?? 'file');
  return field in TOPIC_SECTIONS ? `section "${TOPIC_SECTIONS[field as SectionField]}"` : field;
}

/**
 * Parses a content file: front matter checked by `head`, the `## ` sections named in `sections`,
 * and the whole checked by `whole`; every problem names the line or the field at fault.
 */
function parseContentFile<T>(
  text: string,
  head: z.ZodType<Record<string, unknown>>,
  sections: Record<string, string>,
  whole: z.ZodType<T>,
): Parsed<T> {
  const fm = parseFrontMatter(text);
  if (!fm.ok) return fm;
  const front = head.safeParse(fm.value.data);
  const body = splitSections(fm.value.body, fm.value.bodyLine, sections);
  const problems: string[] = [];
  if (!front.success) {
    for (const issue of front.error.issues) {
      if (issue.code === 'unrecognized_keys') problems.push(`unknown front matter field ${issue.keys.join(', ')}`);
      else problems.push(`${issueLabel(issue.path)}: ${issue.message}`);
    }
  }
  if (!body.ok) problems.push(...body.problems);
  if (!front.success || !body.ok) return { ok: false, problems };
  const value = whole.safeParse({ ...front.data, ...body.value });
  if (!value.success) return { ok: false, problems: value.error.issues.map((i) => `${issueLabel(i.path)}: ${i.message}`) };
  return { ok: true, value: value.data };
}

/** Parses and validates one topic file's text; every problem names the line or the field at fault. */
export function parseTopicFile(text: string): Parsed<CurriculumTopic> {
  return parseContentFile(text, TopicFrontMatter, TOPIC_SECTIONS, CurriculumTopic);
}

/** A parsed topic and where it came from, for assembling layers (built in, then a deployment's own). */
export interface TopicSource {
  /** How to name the file in a message, e.g. `content/curriculum/pacing.md`. */
  file: string;
  /** The file name without `.md`; it must equal the topic's key. */
  name: string;
  topic: CurriculumTopic;
}

/**
 * Assembles the curriculum from layers: a later layer adds topics or replaces a topic with the same
 * key. Within the result keys and orders are unique and every file is named after its key.
 */
export function assembleCurriculum(layers: readonly (readonly TopicSource[])[]): Parsed<Pick<Curriculum, 'topics'>> {
  const problems: string[] = [];
  const byKey = new Map<string, TopicSource>();
  for (const layer of layers) {
    const seen = new Map<string, string>();
    for (const s of layer) {
      if (s.name !== s.topic.key) problems.push(`${s.file}: key: "${s.topic.key}" must match the file name (${s.name}.md)`);
      const other = seen.get(s.topic.key);
      if (other) problems.push(`${s.file}: key: "${s.topic.key}" is also used by ${other}`);
      seen.set(s.topic.key, s.file);
      byKey.set(s.topic.key, s);
    }
  }
  const byOrder = new Map<number, TopicSource>();
  for (const s of byKey.values()) {
    const other = byOrder.get(s.topic.order);
    if (other) problems.push(`${s.file}: order: ${s.topic.order} is also used by ${other.file}`);
    else byOrder.set(s.topic.order, s);
  }
  if (problems.length) return { ok: false, problems };
  const topics = [...byKey.values()].map((s) => s.topic).sort((a, b) => a.order - b.order);
  return { ok: true, value: { topics } };
}

/** The languages a topic is translated into; English is the source (ADR 0051). */
export const TRANSLATED_LOCALES = ['es'] as const satisfies readonly Locale[];
export type TranslatedLocale = (typeof TRANSLATED_LOCALES)[number];

/** The `source` of a translation written by the program itself, with no published source. */
export const PROGRAM_TRANSLATION = 'program';

/**
 * One topic in another language, as read from `<dir>/<locale>/<key>.md`: what a participant sees
 * (title, summary, skill and handout). The coach's guide stays in English.
 */
export const TopicTranslation = z.object({
  key: TopicKey,
  title: Title,
  /** The topic's version this text translates: a newer English version needs a new translation. */
  translates: z.int().min(1),
  /** `program` (the program's own translation) or the published source, in words. */
  source: z.string().trim().min(1).max(200),
  summary: Summary,
  skill: SkillName,
  handout: Markdown,
});
export type TopicTranslation = z.infer<typeof TopicTranslation>;

const TranslationFrontMatter = z.strictObject({
  key: TopicKey,
  title: Title,
  translates: wholeNumber,
  source: TopicTranslation.shape.source,
  summary: Summary,
  skill: SkillName,
});

/** A translation file has one section, the handout. */
const TRANSLATION_SECTIONS = { handout: 'Handout' } as const;

/** Parses and validates one translation file's text; every problem names the line or the field at fault. */
export function parseTranslationFile(text: string): Parsed<TopicTranslation> {
  return parseContentFile(text, TranslationFrontMatter, TRANSLATION_SECTIONS, TopicTranslation);
}

/** A parsed translation and where it came from. */
export interface TranslationSource {
  /** How to name the file in a message, e.g. `content/curriculum/es/pacing.md`. */
  file: string;
  /** The file name without `.md`; it must equal the topic's key. */
  name: string;
  translation: TopicTranslation;
}

/**
 * Matches one language's translations to the assembled topics. Layers work as for topics (a later
 * one replaces a key). Every topic needs a translation of its current version, expected at
 * `expectedFile(key)` (beside the topic's own file); a translation of a topic that does not exist
 * is refused too, so no stale file lingers unnoticed.
 */
export function matchTranslations(
  topics: readonly CurriculumTopic[],
  layers: readonly (readonly TranslationSource[])[],
  expectedFile: (key: string) => string,
  languageName: string,
): Parsed<ReadonlyMap<string, TopicTranslation>> {
  const problems: string[] = [];
  const byKey = new Map<string, TranslationSource>();
  for (const layer of layers) {
    for (const s of layer) {
      if (s.name !== s.translation.key)
        problems.push(`${s.file}: key: "${s.translation.key}" must match the file name (${s.name}.md)`);
      byKey.set(s.translation.key, s);
    }
  }
  const topicByKey = new Map(topics.map((t) => [t.key, t]));
  for (const s of byKey.values()) {
    if (!topicByKey.has(s.translation.key))
      problems.push(`${s.file}: key: there is no topic "${s.translation.key}" to translate`);
  }
  const translations = new Map<string, TopicTranslation>();
  for (const topic of topics) {
    const s = byKey.get(topic.key);
    if (!s) problems.push(`${expectedFile(topic.key)}: missing: every topic needs its ${languageName} handout`);
    else if (s.translation.translates !== topic.version)
      problems.push(
        `${s.file}: translates: version ${s.translation.translates}, but the topic is now version ${topic.version}; translate the new version`,
      );
    else translations.set(topic.key, s.translation);
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: translations };
}

/** A topic in the language a reader asked for: the translation's words where there is one. */
export interface LocalizedTopic extends ProgramTopic {
  language: Locale;
  /** Where the translation comes from; null for the English source. */
  translation: { source: string } | null;
}

/**
 * The program's topic in a language: English as the program titles it, or the translation's title,
 * summary, skill and handout (a program's own English title does not apply to another language).
 */
export function localizeTopic(topic: ProgramTopic, locale: Locale, curriculum: Pick<Curriculum, 'translations'>): LocalizedTopic {
  if (locale === 'en') return { ...topic, language: 'en', translation: null };
  const tr = curriculum.translations[locale].get(topic.key);
  if (!tr) return { ...topic, language: 'en', translation: null };
  return {
    ...topic,
    title: tr.title,
    summary: tr.summary,
    skill: tr.skill,
    handout: tr.handout,
    language: locale,
    translation: { source: tr.source },
  };
}

/** A topic as a program uses it: the curriculum's content under the program's own title. */
export type ProgramTopic = CurriculumTopic;

/**
 * The program's topics in the program's order, each with its curriculum content and the program's
 * title for it (a program may word a title its own way; contacts show that title). Keys the
 * curriculum no longer has (a deployment removed its own topic) are left out and reported.
 */
export function resolveProgramCurriculum(
  allTopics: readonly CurriculumTopic[],
  programTopics: readonly { key: string; title: string }[],
): { topics: ProgramTopic[]; unknownKeys: string[] } {
  const byKey = new Map(allTopics.map((t) => [t.key, t]));
  const topics: ProgramTopic[] = [];
  const unknownKeys: string[] = [];
  for (const pt of programTopics) {
    const topic = byKey.get(pt.key);
    if (topic) topics.push({ ...topic, title: pt.title });
    else unknownKeys.push(pt.key);
  }
  return { topics, unknownKeys };
}

/** Refuses program topics that are not in the curriculum (a program chooses from it; it cannot invent). */
export function checkProgramTopics(
  allTopics: readonly CurriculumTopic[],
  programTopics: readonly { key: string; title: string }[],
): void {
  const { unknownKeys } = resolveProgramCurriculum(allTopics, programTopics);
  if (unknownKeys.length === 0) return;
  throw new DomainError(
    'invalid_state',
    'unknown_topic',
    `${unknownKeys.length === 1 ? 'This topic is' : 'These topics are'} not in the curriculum: ${unknownKeys.join(', ')}`,
  );
}

/** A topic in a program's list: what everyone who may read the curriculum sees, in the language shown. */
export const CurriculumListItem = z.object({
  key: z.string(),
  title: z.string(),
  summary: z.string(),
  skill: z.string(),
  version: z.int(),
  language: Locale,
  /** Where the translation comes from (`program`: the program's own); null for the English source. */
  translation: z.object({ source: z.string() }).nullable(),
});
export type CurriculumListItem = z.infer<typeof CurriculumListItem>;

/** A topic as a participant reads it: the handout. */
export const TopicHandoutView = CurriculumListItem.extend({ view: z.literal('handout'), handout: z.string() });
/** A topic as coaches and staff read it: the handout and the coach's guide. */
export const TopicGuideView = TopicHandoutView.extend({
  view: z.literal('guide'),
  skillSteps: z.string(),
  talkingPoints: z.string(),
  questions: z.string(),
});
export const TopicView = z.discriminatedUnion('view', [TopicHandoutView, TopicGuideView]);
export type TopicView = z.infer<typeof TopicView>;
