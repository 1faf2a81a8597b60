import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import { usePlainMessages } from '../shared/messages';
import {
  assembleCurriculum,
  checkProgramTopics,
  parseFrontMatter,
  parseTopicFile,
  resolveProgramCurriculum,
  type CurriculumTopic,
  type TopicSource,
} from '.';

const GOOD = `---
# A comment is allowed
key: pacing
title: "Activity pacing"
version: 2
order: 30
summary: Balance activity and rest: do more over time, with fewer crashes.
skill: 'Do some, rest a bit'
---
# Activity pacing

## Handout
Pacing means **planning** your day.

- Break a job into parts.
- Rest *before* you hurt.

## Skill to try
1. Pick one chore.
2. Set a timer.

## Talking points
- Share how you learned to pace.

## Questions to ask
- What job do you push through?
`;

function problemsOf(text: string): string[] {
  const r = parseTopicFile(text);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('parseFrontMatter', () => {
  it('reads name: value lines, skips blanks and comments, strips matching quotes and keeps colons in values', () => {
    const r = parseFrontMatter('---\na: one\n\n# note\nb: "two: three"\nc: \'x\'\nd: "unmatched\n---\nbody\n');
    expect(r).toEqual({
      ok: true,
      value: { data: { a: 'one', b: 'two: three', c: 'x', d: '"unmatched' }, body: 'body\n', bodyLine: 9 },
    });
  });

  it('accepts Windows line ends and a byte order mark', () => {
    const r = parseFrontMatter('\uFEFF---\r\nkey: x\r\n---\r\nbody');
    expect(r).toEqual({ ok: true, value: { data: { key: 'x' }, body: 'body', bodyLine: 4 } });
  });

  it('names the line at fault: no opening line, a line without a colon, a field given twice, no closing line', () => {
    expect(parseFrontMatter('key: x\n---\n')).toEqual({
      ok: false,
      problems: ['line 1: the file must start with a --- line (front matter)'],
    });
    expect(parseFrontMatter('---\nkey x\nkey: a\nkey: b\n---\n')).toEqual({
      ok: false,
      problems: ['line 2: expected "name: value"', 'line 4: key is given twice'],
    });
    expect(parseFrontMatter('---\nkey: a\n')).toEqual({
      ok: false,
      problems: ['the front matter is not closed with a --- line'],
    });
  });
});

describe('parseTopicFile', () => {
  it('turns a good file into a topic with numbers and the four sections', () => {
    const r = parseTopicFile(GOOD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      key: 'pacing',
      title: 'Activity pacing',
      version: 2,
      order: 30,
      summary: 'Balance activity and rest: do more over time, with fewer crashes.',
      skill: 'Do some, rest a bit',
      handout: 'Pacing means **planning** your day.\n\n- Break a job into parts.\n- Rest *before* you hurt.',
      skillSteps: '1. Pick one chore.\n2. Set a timer.',
      talkingPoints: '- Share how you learned to pace.',
      questions: '- What job do you push through?',
    } satisfies CurriculumTopic);
  });

  it('names bad and unknown front matter fields', () => {
    // Zod's wording is global: the server (and the CLI through it) sets the plain one at start-up, and
    // test files sharing a worker may already have (ADR 0027), so this test sets it too.
    usePlainMessages();
    const text = GOOD.replace('version: 2', 'version: two').replace('order: 30', 'order: 30\ncolour: blue');
    expect(problemsOf(text)).toEqual(['version: Expected a whole number', 'unknown front matter field colour']);
    expect(problemsOf(GOOD.replace('key: pacing', 'key: Pacing!'))).toEqual(['key: Use lower-case letters, digits and _']);
    expect(problemsOf(GOOD.replace('summary: Balance', 'sumary: Balance'))).toEqual([
      'summary: Fill this in.',
      'unknown front matter field sumary',
    ]);
  });

  it('names missing, unknown and repeated sections, and text outside them, by line', () => {
    expect(problemsOf(GOOD.replace('## Questions to ask\n- What job do you push through?\n', ''))).toEqual([
      'section "## Questions to ask" is missing',
    ]);
    expect(problemsOf(GOOD.replace('## Talking points', '## Talking pointz'))).toEqual([
      'line 22: unknown section "Talking pointz" (use "Handout", "Skill to try", "Talking points", "Questions to ask")',
      'section "## Talking points" is missing',
    ]);
    expect(problemsOf(GOOD.replace('# Activity pacing\n', 'Stray words\n'))).toEqual([
      'line 10: text before the first section; start with "## Handout"',
    ]);
    expect(problemsOf(`${GOOD}\n## handout\nAgain\n`)).toEqual(['line 28: section "Handout" is given twice']);
  });

  it('refuses empty sections, HTML, links, and talking points or questions that are not a list', () => {
    expect(problemsOf(GOOD.replace('- Share how you learned to pace.', 'Share how you learned to pace.'))).toEqual([
      'section "Talking points": Write this section as a list (lines starting with "- ")',
    ]);
    expect(problemsOf(GOOD.replace('1. Pick one chore.\n2. Set a timer.', ''))).toEqual([
      'section "Skill to try": The section is empty',
    ]);
    expect(problemsOf(GOOD.replace('Pacing means', '<script>x</script> See [this](http://x.test). Pacing means'))).toEqual([
      'section "Handout": line 1: raw HTML is not allowed',
      'section "Handout": line 1: links and images are not supported',
    ]);
  });
});

const topic = (key: string, order: number, title = key): CurriculumTopic => ({
  key,
  title,
  version: 1,
  order,
  summary: 'A summary of the topic.',
  skill: 'A skill',
  handout: 'Handout',
  skillSteps: 'Steps',
  talkingPoints: '- Point',
  questions: '- Question?',
});
const source = (t: CurriculumTopic, dir = 'content/curriculum', name = t.key): TopicSource => ({
  file: `${dir}/${name}.md`,
  name,
  topic: t,
});

describe('assembleCurriculum', () => {
  it('orders topics by order; a later layer replaces a key and adds new topics', () => {
    const r = assembleCurriculum([
      [source(topic('b', 20)), source(topic('a', 10))],
      [source(topic('b', 20, 'Our own B'), 'site'), source(topic('c', 15), 'site')],
    ]);
    expect(r.ok && r.value.topics.map((t) => [t.key, t.title])).toEqual([
      ['a', 'a'],
      ['c', 'c'],
      ['b', 'Our own B'],
    ]);
  });

  it('names the files when a key does not match its file name, a key repeats or an order repeats', () => {
    const r = assembleCurriculum([
      [source(topic('a', 10)), source(topic('b', 10)), source(topic('c', 30), 'content/curriculum', 'see')],
      [source(topic('d', 40), 'site'), source(topic('d', 50), 'site', 'd2')],
    ]);
    expect(r).toEqual({
      ok: false,
      problems: [
        'content/curriculum/see.md: key: "c" must match the file name (see.md)',
        'site/d2.md: key: "d" must match the file name (d2.md)',
        'site/d2.md: key: "d" is also used by site/d.md',
        'content/curriculum/b.md: order: 10 is also used by content/curriculum/a.md',
      ],
    });
  });
});

describe('resolveProgramCurriculum', () => {
  const all = [topic('a', 10, 'Alpha'), topic('b', 20, 'Beta'), topic('c', 30, 'Gamma')];

  it("keeps the program's order and titles, and reports keys the curriculum does not have", () => {
    const r = resolveProgramCurriculum(all, [
      { key: 'c', title: 'Our gamma' },
      { key: 'zz', title: 'Gone' },
      { key: 'a', title: 'Alpha' },
    ]);
    expect(r.topics.map((t) => [t.key, t.title, t.order])).toEqual([
      ['c', 'Our gamma', 30],
      ['a', 'Alpha', 10],
    ]);
    expect(r.unknownKeys).toEqual(['zz']);
  });

  it('gives an empty list for a program without topics', () => {
    expect(resolveProgramCurriculum(all, [])).toEqual({ topics: [], unknownKeys: [] });
  });
});

describe('checkProgramTopics', () => {
  const all = [topic('a', 10), topic('b', 20)];

  it('accepts topics the curriculum has, in any order', () => {
    expect(() =>
      checkProgramTopics(all, [
        { key: 'b', title: 'B' },
        { key: 'a', title: 'A' },
      ]),
    ).not.toThrow();
  });

  it('refuses unknown keys with a reason and a message naming them', () => {
    const err = (() => {
      try {
        checkProgramTopics(all, [
          { key: 'a', title: 'A' },
          { key: 'yoga', title: 'Yoga' },
          { key: 'diet', title: 'Diet' },
        ]);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: 'invalid_state',
      reason: 'unknown_topic',
      message: 'These topics are not in the curriculum: yoga, diet',
    });
  });
});
