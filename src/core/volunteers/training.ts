/**
 * Coach training inside Kindred: modules written for Kindred, each with a short quiz and a pass
 * mark, and the scope-and-boundaries agreement the coach signs. ECLIPSE trained its volunteers for
 * 2–3 hours with a manual; the follow-up study found volunteers felt under-prepared (Matthias et al.,
 * J Gen Intern Med 2020 and 2024). The files live in content/training/ and are read and checked once
 * at start-up, like the curriculum, with the curriculum's own front-matter parser.
 */
import { z } from 'zod';
import { markdownProblems, parseFrontMatter, type Parsed } from '../curriculum';

const Key = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Use 2–40 lower-case letters, digits and _, starting with a letter');
const Title = z.string().trim().min(1).max(120);
const wholeNumber = z
  .string()
  .regex(/^\d{1,7}$/, 'Expected a whole number')
  .transform(Number);

const Markdown = z
  .string()
  .trim()
  .min(1, 'The section is empty')
  .superRefine((text, ctx) => {
    for (const message of markdownProblems(text)) ctx.addIssue({ code: 'custom', message });
  });

export const QUIZ_MIN_QUESTIONS = 3;
export const QUIZ_MAX_QUESTIONS = 5;
const OPTION_IDS = ['a', 'b', 'c', 'd', 'e'] as const;

/** One multiple-choice question with exactly one right answer. Ids follow the order in the file. */
export const QuizQuestion = z.object({
  id: z.string(),
  text: z.string().min(5).max(300),
  options: z
    .array(z.object({ id: z.string(), text: z.string().min(1).max(300), isCorrect: z.boolean() }))
    .min(2)
    .max(OPTION_IDS.length),
});
export type QuizQuestion = z.infer<typeof QuizQuestion>;

/** A training module as read from its file. */
export const TrainingModule = z
  .object({
    key: Key,
    title: Title,
    /** Raised whenever the content or quiz changes in substance: a pass counts for its version. */
    version: z.int().min(1),
    order: z.int().min(0).max(1_000_000),
    summary: z.string().trim().min(10).max(300),
    /** Right answers needed to pass. */
    passMark: z.int().min(1),
    content: Markdown,
    questions: z.array(QuizQuestion).min(QUIZ_MIN_QUESTIONS).max(QUIZ_MAX_QUESTIONS),
  })
  .refine((m) => m.passMark <= m.questions.length, { path: ['passMark'], message: 'The pass mark is more than the questions' });
export type TrainingModule = z.infer<typeof TrainingModule>;

/** The scope-and-boundaries agreement a coach signs before coaching anyone. */
export const TrainingAgreement = z.object({
  title: Title,
  version: z.int().min(1),
  /** The sentence the coach agrees to with a tick. */
  statement: z.string().trim().min(10).max(300),
  text: Markdown,
});
export type TrainingAgreement = z.infer<typeof TrainingAgreement>;

/** All of a deployment's training: modules in order, and the agreement. */
export interface Training {
  modules: readonly TrainingModule[];
  agreement: TrainingAgreement;
}

const ModuleFrontMatter = z.strictObject({
  key: Key,
  title: Title,
  version: wholeNumber,
  order: wholeNumber,
  summary: z.string(),
  passMark: wholeNumber,
});
const AgreementFrontMatter = z.strictObject({ title: Title, version: wholeNumber, statement: z.string() });

/** Splits a body into its `## ` sections (names compared case-insensitively), refusing unknown or repeated ones. */
function sections<K extends string>(body: string, firstLine: number, names: Record<K, string>): Parsed<Record<K, string>> {
  const byName = new Map(Object.entries<string>(names).map(([field, name]) => [name.toLowerCase(), field as K]));
  const found: Partial<Record<K, string[]>> = {};
  const problems: string[] = [];
  let current: string[] | null = null;
  body.split('\n').forEach((line, i) => {
    const heading = /^##[ \t]+(.+?)[ \t#]*$/.exec(line);
    if (heading) {
      const field = byName.get(heading[1]!.toLowerCase());
      current = null;
      if (!field) problems.push(`line ${firstLine + i}: unknown section "${heading[1]}"`);
      else if (found[field]) problems.push(`line ${firstLine + i}: section "${names[field]}" is given twice`);
      else current = found[field] = [];
      return;
    }
    if (current) current.push(line);
    else if (line.trim() !== '' && !/^#[ \t]/.test(line)) problems.push(`line ${firstLine + i}: text before the first section`);
  });
  for (const [field, name] of Object.entries<string>(names)) {
    if (!found[field as K]) problems.push(`section "## ${name}" is missing`);
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: Object.fromEntries(
      Object.entries<string[]>(found as Record<K, string[]>).map(([k, v]) => [k, v.join('\n')]),
    ) as Record<K, string>,
  };
}

/**
 * Parses a quiz: each question is a `### ` heading followed by its answers as `- [ ] wrong` and
 * `- [x] right` lines. Every problem names its line in the file.
 */
export function parseQuiz(text: string, firstLine = 1): Parsed<QuizQuestion[]> {
  const questions: { line: number; text: string; options: { text: string; isCorrect: boolean }[] }[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    const at = `line ${firstLine + i}`;
    if (line === '') return;
    const question = /^###[ \t]+(.+)$/.exec(line);
    if (question) {
      questions.push({ line: firstLine + i, text: question[1]!.trim(), options: [] });
      return;
    }
    const option = /^[-*][ \t]+\[([ xX])\][ \t]+(.+)$/.exec(line);
    if (option && questions.length > 0) {
      questions[questions.length - 1]!.options.push({ text: option[2]!.trim(), isCorrect: option[1] !== ' ' });
      return;
    }
    problems.push(`${at}: expected "### a question" or an answer "- [ ] …" / "- [x] …"`);
  });
  if (questions.length < QUIZ_MIN_QUESTIONS || questions.length > QUIZ_MAX_QUESTIONS) {
    problems.push(`the quiz has ${questions.length} questions; write ${QUIZ_MIN_QUESTIONS} to ${QUIZ_MAX_QUESTIONS}`);
  }
  for (const q of questions) {
    const right = q.options.filter((o) => o.isCorrect).length;
    if (q.options.length < 2 || q.options.length > OPTION_IDS.length) {
      problems.push(`line ${q.line}: give 2 to ${OPTION_IDS.length} answers`);
    }
    if (right !== 1) problems.push(`line ${q.line}: mark exactly one answer right with [x] (found ${right})`);
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: questions.map((q, k) => ({
      id: `q${k + 1}`,
      text: q.text,
      options: q.options.map((o, j) => ({ id: OPTION_IDS[j]!, text: o.text, isCorrect: o.isCorrect })),
    })),
  };
}

function issues(error: z.ZodError): string[] {
  return error.issues.map((i) =>
    i.code === 'unrecognized_keys'
      ? `unknown front matter field ${i.keys.join(', ')}`
      : `${String(i.path[0] ?? 'file')}: ${i.message}`,
  );
}

/** Parses and checks one module file (front matter, `## Module`, `## Quiz`). */
export function parseTrainingModuleFile(text: string): Parsed<TrainingModule> {
  const fm = parseFrontMatter(text);
  if (!fm.ok) return fm;
  const head = ModuleFrontMatter.safeParse(fm.value.data);
  const body = sections(fm.value.body.replace(/\r\n?/g, '\n'), fm.value.bodyLine, { content: 'Module', quiz: 'Quiz' });
  const problems: string[] = [];
  if (!head.success) problems.push(...issues(head.error));
  if (!body.ok) problems.push(...body.problems);
  if (!head.success || !body.ok) return { ok: false, problems };
  const quizLine = fm.value.bodyLine + fm.value.body.split('\n').findIndex((l) => /^##[ \t]+quiz/i.test(l)) + 1;
  const quiz = parseQuiz(body.value.quiz, quizLine);
  if (!quiz.ok) return quiz;
  const parsed = TrainingModule.safeParse({ ...head.data, content: body.value.content, questions: quiz.value });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: issues(parsed.error) };
}

/** Parses and checks the agreement file (front matter with the statement, `## Agreement`). */
export function parseAgreementFile(text: string): Parsed<TrainingAgreement> {
  const fm = parseFrontMatter(text);
  if (!fm.ok) return fm;
  const head = AgreementFrontMatter.safeParse(fm.value.data);
  const body = sections(fm.value.body.replace(/\r\n?/g, '\n'), fm.value.bodyLine, { text: 'Agreement' });
  const problems: string[] = [];
  if (!head.success) problems.push(...issues(head.error));
  if (!body.ok) problems.push(...body.problems);
  if (!head.success || !body.ok) return { ok: false, problems };
  const parsed = TrainingAgreement.safeParse({ ...head.data, text: body.value.text });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: issues(parsed.error) };
}

/** A module file's parsed content and name, for assembling the training. */
export interface ModuleSource {
  file: string;
  name: string;
  module: TrainingModule;
}

/** Puts modules in order, checking that each file is named after its key and that orders are unique. */
export function assembleTraining(modules: readonly ModuleSource[], agreement: TrainingAgreement): Parsed<Training> {
  const problems: string[] = [];
  const orders = new Map<number, string>();
  for (const s of modules) {
    if (s.name !== s.module.key) problems.push(`${s.file}: key: "${s.module.key}" must match the file name (${s.name}.md)`);
    const other = orders.get(s.module.order);
    if (other) problems.push(`${s.file}: order: ${s.module.order} is also used by ${other}`);
    orders.set(s.module.order, s.file);
  }
  if (modules.length === 0) problems.push('there are no training modules');
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { modules: [...modules].map((s) => s.module).sort((a, b) => a.order - b.order), agreement } };
}

/** Answers to a quiz: the chosen option's id by question id. */
export const QuizAnswers = z.record(z.string().max(8), z.string().max(8));
export type QuizAnswers = z.infer<typeof QuizAnswers>;

export interface QuizResult {
  correct: number;
  total: number;
  passMark: number;
  isPassed: boolean;
  /** Right or not, per question; the right answers themselves are not given. */
  results: { questionId: string; isCorrect: boolean }[];
}

/**
 * Scores a quiz against the module's key: an unanswered question, or an answer the question does
 * not have, counts as wrong. Passed when the right answers reach the module's pass mark.
 */
export function scoreQuiz(module: TrainingModule, answers: QuizAnswers): QuizResult {
  const results = module.questions.map((q) => {
    const chosen = answers[q.id];
    return { questionId: q.id, isCorrect: q.options.some((o) => o.id === chosen && o.isCorrect) };
  });
  const correct = results.filter((r) => r.isCorrect).length;
  return { correct, total: module.questions.length, passMark: module.passMark, isPassed: correct >= module.passMark, results };
}

/** Answer ids that the module's questions do not have: the request does not fit this version of the quiz. */
export function unknownAnswers(module: TrainingModule, answers: QuizAnswers): string[] {
  return Object.entries(answers)
    .filter(([qid, oid]) => !module.questions.some((q) => q.id === qid && q.options.some((o) => o.id === oid)))
    .map(([qid]) => qid);
}

/** The module as a coach reads it before answering: the quiz without its key. */
export const ModuleView = z.object({
  key: z.string(),
  title: z.string(),
  version: z.int(),
  summary: z.string(),
  passMark: z.int(),
  content: z.string(),
  questions: z.array(
    z.object({ id: z.string(), text: z.string(), options: z.array(z.object({ id: z.string(), text: z.string() })) }),
  ),
});
export type ModuleView = z.infer<typeof ModuleView>;

/** Strips the answer key: nothing in a module view says which answer is right. */
export function moduleView(m: TrainingModule): ModuleView {
  return {
    key: m.key,
    title: m.title,
    version: m.version,
    summary: m.summary,
    passMark: m.passMark,
    content: m.content,
    questions: m.questions.map((q) => ({ id: q.id, text: q.text, options: q.options.map((o) => ({ id: o.id, text: o.text })) })),
  };
}

/** The modules passed: a passed attempt counts for the version it was taken on. */
export function passedModules(
  modules: readonly Pick<TrainingModule, 'key' | 'version'>[],
  passes: readonly { moduleKey: string; moduleVersion: number }[],
): Set<string> {
  return new Set(
    modules.filter((m) => passes.some((p) => p.moduleKey === m.key && p.moduleVersion === m.version)).map((m) => m.key),
  );
}

/**
 * The gate before any pairing: training is complete when every module was passed and the agreement
 * signed (both recorded on the coach). Either missing means the coach cannot be paired yet.
 */
export function isTrainingComplete(coach: { trainedAt: Date | string | null; agreementSignedAt: Date | string | null }): boolean {
  return coach.trainedAt !== null && coach.agreementSignedAt !== null;
}

export const AgreementSignature = z.object({
  /** The coach's name as typed: the signature. */
  signedName: z.string().trim().min(2, 'Type your full name').max(120),
  /** The tick beside the agreement's statement. */
  agrees: z.literal(true, 'Tick the box to agree'),
  /** The version read, so a signature never applies to text the coach did not see. */
  version: z.int().min(1),
});
export type AgreementSignature = z.infer<typeof AgreementSignature>;

const LastAttempt = z.object({ at: z.string(), correct: z.int(), total: z.int(), isPassed: z.boolean() });

/** A coach's training as the coach and staff see it. */
export const TrainingState = z.object({
  coachId: z.uuid(),
  modules: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      summary: z.string(),
      version: z.int(),
      questions: z.int(),
      passMark: z.int(),
      isPassed: z.boolean(),
      attempts: z.int(),
      lastAttempt: LastAttempt.nullable(),
    }),
  ),
  agreement: z.object({
    title: z.string(),
    version: z.int(),
    signedAt: z.string().nullable(),
    signedVersion: z.int().nullable(),
  }),
  modulesPassed: z.int(),
  trainedAt: z.string().nullable(),
  isComplete: z.boolean(),
});
export type TrainingState = z.infer<typeof TrainingState>;

export const AttemptResult = z.object({
  correct: z.int(),
  total: z.int(),
  passMark: z.int(),
  isPassed: z.boolean(),
  results: z.array(z.object({ questionId: z.string(), isCorrect: z.boolean() })),
  /** Every module passed and the agreement signed, after this attempt. */
  isTrainingComplete: z.boolean(),
});
export type AttemptResult = z.infer<typeof AttemptResult>;

export const AgreementView = TrainingAgreement.extend({ signedAt: z.string().nullable(), signedVersion: z.int().nullable() });
export type AgreementView = z.infer<typeof AgreementView>;
