import { describe, expect, it } from 'vitest';
import {
  assembleTraining,
  isTrainingComplete,
  moduleView,
  parseAgreementFile,
  parseQuiz,
  parseTrainingModuleFile,
  passedModules,
  scoreQuiz,
  unknownAnswers,
  type TrainingModule,
} from './index';

const QUIZ = `### What do you do first?
- [ ] Talk
- [x] Listen
- [ ] Leave

### Which number?
- [x] 988 then 1
- [ ] 911 then 2

### Who do you tell?
- [ ] Nobody
- [x] The coordinator
`;

const file = (o: { front?: string; body?: string } = {}) => `---
key: safety
title: Safety protocol
version: 2
order: 60
summary: What to do when a participant may be in danger.
passMark: 3
${o.front ?? ''}---
# Safety protocol

${
  o.body ??
  `## Module
Listen and **stay** with the person.

- Give the crisis line.

## Quiz
${QUIZ}`
}`;

function parsed(text: string): TrainingModule {
  const r = parseTrainingModuleFile(text);
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.value;
}

describe('training module files', () => {
  it('parses the front matter, the module text and the quiz, with ids in file order', () => {
    const m = parsed(file());
    expect(m).toMatchObject({ key: 'safety', version: 2, order: 60, passMark: 3 });
    expect(m.content).toContain('Listen and **stay**');
    expect(m.questions.map((q) => [q.id, q.text, q.options.map((o) => `${o.id}${o.isCorrect ? '*' : ''}`)])).toEqual([
      ['q1', 'What do you do first?', ['a', 'b*', 'c']],
      ['q2', 'Which number?', ['a*', 'b']],
      ['q3', 'Who do you tell?', ['a', 'b*']],
    ]);
  });

  it('names each problem with its line or field', () => {
    const bad = parseTrainingModuleFile(file({ front: 'colour: red\n' }));
    expect(bad).toEqual({ ok: false, problems: ['unknown front matter field colour'] });

    const noQuiz = parseTrainingModuleFile(file({ body: '## Module\nText.\n' }));
    expect(noQuiz.ok ? [] : noQuiz.problems).toEqual(['section "## Quiz" is missing']);

    const html = parseTrainingModuleFile(file({ body: `## Module\n<b>bold</b>\n\n## Quiz\n${QUIZ}` }));
    expect(html.ok ? [] : html.problems).toEqual(['content: line 1: raw HTML is not allowed']);

    const twoRight = parseQuiz(
      '### Q one?\n- [x] a\n- [x] b\n### Q two?\n- [x] a\n- [ ] b\n### Q three?\n- [x] a\n- [ ] b\n',
      20,
    );
    expect(twoRight).toEqual({ ok: false, problems: ['line 20: mark exactly one answer right with [x] (found 2)'] });

    const stray = parseQuiz('Some text\n### Q one?\n- [x] a\n- [ ] b\n', 5);
    expect(stray.ok ? [] : stray.problems).toContain('line 5: expected "### a question" or an answer "- [ ] …" / "- [x] …"');
  });

  it('points quiz problems at the line in the file', () => {
    const r = parseTrainingModuleFile(file({ body: `## Module\nText.\n\n## Quiz\n### Only one?\n- [ ] a\n- [ ] b\n` }));
    // The front matter takes 8 lines, then "# Safety protocol", a blank line, "## Module" at 11 … "### Only one?" at 15.
    expect(r.ok ? [] : r.problems).toEqual([
      'the quiz has 1 questions; write 3 to 5',
      'line 15: mark exactly one answer right with [x] (found 0)',
    ]);
  });

  it('refuses a pass mark above the number of questions', () => {
    const r = parseTrainingModuleFile(file().replace('passMark: 3', 'passMark: 4'));
    expect(r).toEqual({ ok: false, problems: ['passMark: The pass mark is more than the questions'] });
  });

  it('assembles modules in order, checking names and orders', () => {
    const m = parsed(file());
    const agreement = { title: 'A', version: 1, statement: 'I agree to all of it.', text: '- One' };
    const other = { ...m, key: 'privacy', order: 70 };
    const ok = assembleTraining(
      [
        { file: 'p.md', name: 'privacy', module: other },
        { file: 's.md', name: 'safety', module: m },
      ],
      agreement,
    );
    expect(ok.ok && ok.value.modules.map((x) => x.key)).toEqual(['safety', 'privacy']);
    const bad = assembleTraining(
      [
        { file: 'x.md', name: 'x', module: m },
        { file: 'y.md', name: 'privacy', module: { ...other, order: 60 } },
      ],
      agreement,
    );
    expect(bad.ok ? [] : bad.problems).toEqual([
      'x.md: key: "safety" must match the file name (x.md)',
      'y.md: order: 60 is also used by x.md',
    ]);
  });

  it('parses the agreement: title, version, statement and the text', () => {
    const r = parseAgreementFile(
      '---\ntitle: Scope\nversion: 3\nstatement: I will keep to it, always.\n---\n## Agreement\n- I am a peer.\n',
    );
    expect(r).toEqual({
      ok: true,
      value: { title: 'Scope', version: 3, statement: 'I will keep to it, always.', text: '- I am a peer.' },
    });
    expect(parseAgreementFile('---\ntitle: Scope\nversion: 3\nstatement: short\n---\n## Agreement\n- x\n').ok).toBe(false);
  });
});

describe('scoring a quiz', () => {
  const m = parsed(file());

  it('passes at the pass mark and not below', () => {
    expect(scoreQuiz(m, { q1: 'b', q2: 'a', q3: 'b' })).toEqual({
      correct: 3,
      total: 3,
      passMark: 3,
      isPassed: true,
      results: [
        { questionId: 'q1', isCorrect: true },
        { questionId: 'q2', isCorrect: true },
        { questionId: 'q3', isCorrect: true },
      ],
    });
    const two = scoreQuiz(m, { q1: 'b', q2: 'b', q3: 'b' });
    expect([two.correct, two.isPassed]).toEqual([2, false]);
    expect(scoreQuiz({ ...m, passMark: 2 }, { q1: 'b', q2: 'b', q3: 'b' }).isPassed).toBe(true);
  });

  it('counts a missing answer as wrong', () => {
    expect(scoreQuiz(m, { q1: 'b', q2: 'a' })).toMatchObject({ correct: 2, isPassed: false });
    expect(scoreQuiz(m, {})).toMatchObject({ correct: 0, isPassed: false });
  });

  it('finds answers the quiz does not have', () => {
    expect(unknownAnswers(m, { q1: 'b', q2: 'a' })).toEqual([]);
    expect(unknownAnswers(m, { q1: 'z', q9: 'a' })).toEqual(['q1', 'q9']);
  });

  it('never puts the answer key in the module view', () => {
    const view = moduleView(m);
    expect(JSON.stringify(view)).not.toContain('isCorrect');
    expect(view.questions[0]!.options).toEqual([
      { id: 'a', text: 'Talk' },
      { id: 'b', text: 'Listen' },
      { id: 'c', text: 'Leave' },
    ]);
  });
});

describe('training complete', () => {
  const modules = [
    { key: 'safety', version: 2 },
    { key: 'privacy', version: 1 },
  ];

  it('counts a pass only for the module version it was taken on', () => {
    expect(
      passedModules(modules, [
        { moduleKey: 'safety', moduleVersion: 1 },
        { moduleKey: 'privacy', moduleVersion: 1 },
      ]),
    ).toEqual(new Set(['privacy']));
    expect(
      passedModules(modules, [
        { moduleKey: 'safety', moduleVersion: 2 },
        { moduleKey: 'privacy', moduleVersion: 1 },
      ]).size,
    ).toBe(2);
  });

  it('needs both milestones: every module passed and the agreement signed', () => {
    const at = new Date('2026-03-02T15:00:00Z');
    expect(isTrainingComplete({ trainedAt: at, agreementSignedAt: at })).toBe(true);
    expect(isTrainingComplete({ trainedAt: at, agreementSignedAt: null })).toBe(false);
    expect(isTrainingComplete({ trainedAt: null, agreementSignedAt: at })).toBe(false);
    expect(isTrainingComplete({ trainedAt: null, agreementSignedAt: null })).toBe(false);
  });
});
