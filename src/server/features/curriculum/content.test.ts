import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseMarkdown,
  parseTopicFile,
  parseTranslationFile,
  PROGRAM_TRANSLATION,
  type Block,
  type CurriculumTopic,
  type TopicTranslation,
} from '../../../core/curriculum';
import { DEFAULT_TOPICS } from '../../../core/programs';
import { BUILT_IN_CURRICULUM_DIR } from './curriculum.loader';

/** Every file of the shipped curriculum, parsed on its own (the loader's checks are tested separately). */
const files = readdirSync(BUILT_IN_CURRICULUM_DIR)
  .filter((n) => n.endsWith('.md'))
  .sort();
const topics: { file: string; topic: CurriculumTopic }[] = files.map((file) => {
  const parsed = parseTopicFile(readFileSync(join(BUILT_IN_CURRICULUM_DIR, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}:\n${parsed.problems.join('\n')}`);
  return { file, topic: parsed.value };
});

const plainText = (blocks: Block[]): string[] =>
  blocks
    .flatMap((b) => (b.kind === 'list' ? b.items : b.kind === 'paragraph' ? [b.content] : []))
    .map((runs) => runs.map((r) => r.text).join(''));
const listItems = (md: string): number => parseMarkdown(md).reduce((n, b) => n + (b.kind === 'list' ? b.items.length : 0), 0);

/** Rough syllables of an English word (vowel groups, less a silent ending), enough for a reading-level guard. */
function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  const groups = w
    .replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '')
    .replace(/^y/, '')
    .match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

/** Flesch–Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59. Each list item counts as a sentence. */
function readingGrade(md: string): number {
  const sentences = plainText(parseMarkdown(md))
    .flatMap((t) => t.split(/(?<=[.!?])\s+/))
    .filter((s) => /[a-z]/i.test(s));
  const words = sentences.flatMap((s) => s.split(/\s+/).filter((w) => /[a-z0-9]/i.test(w)));
  const syllableCount = words.reduce((n, w) => n + syllables(w), 0);
  return 0.39 * (words.length / sentences.length) + 11.8 * (syllableCount / words.length) - 15.59;
}

describe('the shipped curriculum content', () => {
  it('has the twelve topics the evidence supports, named after their files', () => {
    expect(files).toHaveLength(12);
    for (const { file, topic } of topics) expect(file).toBe(`${topic.key}.md`);
  });

  it('has unique keys and unique orders', () => {
    const keys = topics.map((t) => t.topic.key);
    const orders = topics.map((t) => t.topic.order);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it("gives programs' default topic list the curriculum's keys and titles, in the curriculum's order", () => {
    const inOrder = [...topics]
      .sort((a, b) => a.topic.order - b.topic.order)
      .map(({ topic: t }) => ({ key: t.key, title: t.title }));
    expect(inOrder).toEqual(DEFAULT_TOPICS);
  });

  for (const { file, topic } of topics) {
    describe(file, () => {
      it('has a version, a summary, a skill, a handout, the skill steps, talking points and questions', () => {
        expect(topic.version).toBeGreaterThanOrEqual(1);
        expect(topic.summary.length).toBeGreaterThan(20);
        expect(topic.skill.length).toBeGreaterThan(3);
        expect(topic.handout.length).toBeGreaterThan(400);
        expect(listItems(topic.skillSteps)).toBeGreaterThanOrEqual(3);
        expect(listItems(topic.talkingPoints)).toBeGreaterThanOrEqual(4);
        expect(listItems(topic.questions)).toBeGreaterThanOrEqual(4);
      });

      it('keeps the handout short and plain (about grade 8 or below)', () => {
        const words = plainText(parseMarkdown(topic.handout)).join(' ').split(/\s+/).length;
        expect(words).toBeLessThan(450);
        expect(readingGrade(topic.handout)).toBeLessThanOrEqual(8);
      });

      it('gives no medicine doses and keeps medical decisions with the health care team', () => {
        const all = [topic.handout, topic.skillSteps, topic.talkingPoints, topic.questions].join('\n');
        expect(all).not.toMatch(/\b\d+(\.\d+)?\s?(mg|mcg|milligrams?|ml|pills?|tablets?)\b/i);
      });
    });
  }

  it('points to the Veterans Crisis Line where mood is the topic', () => {
    const mood = topics.find((t) => t.topic.key === 'mood_stress')!.topic;
    expect(mood.handout).toContain('988, then press 1');
    expect(mood.handout).toContain('838255');
    expect(mood.talkingPoints).toMatch(/safety steps/);
  });

  it('tells participants to take medicine questions to the health care team', () => {
    const selfCare = topics.find((t) => t.topic.key === 'self_care')!.topic;
    expect(selfCare.handout).toMatch(/as agreed with your health care team/);
    expect(selfCare.talkingPoints).toMatch(/never advise on medicines/);
  });
});

/** Every Spanish handout of the shipped curriculum (ADR 0051), parsed on its own. */
const spanish: { file: string; translation: TopicTranslation }[] = readdirSync(join(BUILT_IN_CURRICULUM_DIR, 'es'))
  .filter((n) => n.endsWith('.md'))
  .sort()
  .map((file) => {
    const parsed = parseTranslationFile(readFileSync(join(BUILT_IN_CURRICULUM_DIR, 'es', file), 'utf8'));
    if (!parsed.ok) throw new Error(`es/${file}:\n${parsed.problems.join('\n')}`);
    return { file, translation: parsed.value };
  });

/** Rough syllables of a Spanish word: vowel groups, with strong vowels (a, e, o) and accented í, ú starting a new one. */
function spanishSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-záéíóúüñ]/g, '');
  const groups = w.match(/[aeiouáéíóúü]+/g) ?? [];
  let n = 0;
  for (const g of groups) n += 1 + (g.match(/(?<=[aeoáéó])[aeoáéóíú]|(?<=[íú])[aeiouáéó]/g)?.length ?? 0);
  return Math.max(1, n);
}

/**
 * Szigriszt-Pazos perspicuity, the Spanish adaptation of Flesch reading ease: 206.835 − 62.3 ×
 * syllables per word − words per sentence. On the INFLESZ scale 55–65 is "normal" (about grades
 * 6–8, the level of most health leaflets), above 65 easier.
 */
function perspicuity(md: string): number {
  const sentences = plainText(parseMarkdown(md))
    .flatMap((t) => t.split(/(?<=[.!?:])\s+/))
    .filter((x) => /[a-záéíóúñ]/i.test(x));
  const words = sentences.flatMap((x) => x.split(/\s+/).filter((w) => /[a-záéíóúñ0-9]/i.test(w)));
  const syllableCount = words.reduce((n, w) => n + spanishSyllables(w), 0);
  return 206.835 - 62.3 * (syllableCount / words.length) - words.length / sentences.length;
}

const headingsOf = (md: string) => parseMarkdown(md).filter((b) => b.kind === 'heading').length;

describe('the shipped Spanish handouts (ADR 0051)', () => {
  it('has one for every topic, named after its file, translating its current version', () => {
    expect(spanish.map((x) => x.file)).toEqual(files);
    for (const { file, translation } of spanish) {
      const topic = topics.find((t) => t.file === file)!.topic;
      expect(translation.key).toBe(topic.key);
      expect(translation.translates).toBe(topic.version);
    }
  });

  it('counts syllables the Spanish way', () => {
    expect(['dolor', 'respiración', 'día', 'cuidado', 'país', 'aire', 'leer'].map(spanishSyllables)).toEqual([
      2, 4, 2, 3, 2, 2, 2,
    ]);
  });

  for (const { file, translation } of spanish) {
    describe(`es/${file}`, () => {
      const english = topics.find((t) => t.file === file)!.topic;

      it('is marked as the program’s own translation (there is no published source)', () => {
        expect(translation.source).toBe(PROGRAM_TRANSLATION);
        expect(readFileSync(join(BUILT_IN_CURRICULUM_DIR, 'es', file), 'utf8')).toContain('# Traducción del programa');
      });

      it('keeps the English handout’s shape: the same headings and as many list items', () => {
        expect(headingsOf(translation.handout)).toBe(headingsOf(english.handout));
        expect(listItems(translation.handout)).toBe(listItems(english.handout));
      });

      it('reads plainly (Szigriszt-Pazos perspicuity of 55 or more, "normal" or easier on the INFLESZ scale)', () => {
        expect(perspicuity(translation.handout)).toBeGreaterThanOrEqual(55);
      });

      it('gives no medicine doses', () => {
        expect(translation.handout).not.toMatch(/\b\d+(\.\d+)?\s?(mg|mcg|miligramos?|ml|pastillas?|tabletas?|comprimidos?)\b/i);
      });
    });
  }

  it('gives the Veterans Crisis Line the way the Spanish pages do, where mood is the topic', () => {
    const mood = spanish.find((x) => x.translation.key === 'mood_stress')!.translation;
    expect(mood.handout).toContain('Línea de Crisis para Veteranos');
    expect(mood.handout).toContain('988 y luego el 1');
    expect(mood.handout).toContain('838255');
  });

  it('sends medicine questions to the health care team in Spanish too', () => {
    const selfCare = spanish.find((x) => x.translation.key === 'self_care')!.translation;
    expect(selfCare.handout).toMatch(/como lo acordó con su equipo de atención médica/);
  });
});
