import { describe, expect, it } from 'vitest';
import {
  importQuestionnaire,
  importRedcapDictionary,
  instrumentFromDefinition,
  parseCsv,
  scoreAnswers,
  type Parsed,
} from './index';

const SD = 'https://kindred.invalid/fhir/StructureDefinition/';
const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

function value<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(`expected success, got ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}
function problems<T>(parsed: Parsed<T>) {
  if (parsed.ok) throw new Error('expected problems, got a value');
  return parsed.problems;
}

describe('parseCsv', () => {
  it('reads quoted fields holding commas, line breaks (LF and CRLF) and doubled quotes', () => {
    const csv = 'a,"b, c","say ""hi""",\r\n"line1\nline2","x\r\ny",plain,""\n';
    expect(value(parseCsv(csv))).toEqual([
      ['a', 'b, c', 'say "hi"', ''],
      ['line1\nline2', 'x\r\ny', 'plain', ''],
    ]);
  });

  it('ignores a byte-order mark and a missing final line break; keeps empty lines as one empty field', () => {
    expect(value(parseCsv('\uFEFFa,b\r\n\r\nc,d'))).toEqual([['a', 'b'], [''], ['c', 'd']]);
    expect(value(parseCsv('a\rb'))).toEqual([['a'], ['b']]);
  });

  it('refuses an unclosed quote, naming the line it opened on', () => {
    expect(problems(parseCsv('a,b\nc,"never closed\nmore'))).toEqual([
      { where: 'line 2', message: 'a quoted field is never closed' },
    ]);
  });

  it('refuses a stray quote instead of guessing', () => {
    expect(problems(parseCsv('a,b"c\n'))[0]!.message).toContain('quote inside an unquoted field');
    expect(problems(parseCsv('x\n"a"b,c\n'))).toEqual([
      { where: 'line 2', message: 'text after a closing quote; a quoted field must end at a comma or line end' },
    ]);
  });
});

/** A small program-defined FHIR questionnaire: three 0-4 choices in a group, an unscored note, a display item. */
function fhirQuestionnaire(overrides: Record<string, unknown> = {}) {
  const options = ['never', 'rarely', 'sometimes', 'often', 'always'].map((code, v) => ({
    valueCoding: { system: 'urn:example', code, display: code, extension: [{ url: ORDINAL, valueDecimal: v }] },
  }));
  return {
    resourceType: 'Questionnaire',
    id: 'sleep-quality',
    title: 'Sleep quality',
    status: 'active',
    extension: [{ url: `${SD}scoring`, valueCode: 'sum' }],
    item: [
      { linkId: 'intro', type: 'display', text: 'About your sleep this week.' },
      {
        linkId: 'sleep',
        type: 'group',
        item: [
          { linkId: 's1', type: 'choice', text: 'Trouble falling asleep', answerOption: options },
          { linkId: 's2', type: 'choice', text: 'Waking at night', answerOption: options },
          { linkId: 's3', type: 'choice', text: 'Waking too early', answerOption: options },
        ],
      },
      { linkId: 'note', type: 'string', text: 'Anything else?' },
    ],
    ...overrides,
  };
}

describe('importQuestionnaire (FHIR R4 Questionnaire)', () => {
  it('reads items out of groups, skips display items and scores the declared sum', () => {
    const definition = value(importQuestionnaire(JSON.stringify(fhirQuestionnaire())));
    expect(definition).toMatchObject({
      id: 'sleep-quality',
      title: 'Sleep quality',
      licence: 'unverified',
      scoring: { method: 'sum', minAnswered: 3 },
    });
    expect(definition.items.map((i) => [i.linkId, i.kind, i.isScored])).toEqual([
      ['s1', 'choice', true],
      ['s2', 'choice', true],
      ['s3', 'choice', true],
      ['note', 'text', false],
    ]);
    const instrument = instrumentFromDefinition(definition);
    expect(instrument.totalRange).toEqual({ min: 0, max: 12 });
    expect(scoreAnswers(instrument, { s1: 'often', s2: 1, s3: 'always', note: 'Noisy street' })).toEqual({
      instrument: 'sleep-quality',
      total: 8,
      subscales: {},
      severity: null,
      complete: true,
      flags: [],
    });
    expect(scoreAnswers(instrument, { s1: 4, s2: 1 })).toMatchObject({ total: null, complete: false });
  });

  it('prorates a sum down to the declared minimum, takes a mean over what was answered, and reads numeric codes', () => {
    const withMin = (method: string) =>
      fhirQuestionnaire({
        extension: [
          { url: `${SD}scoring`, valueCode: method },
          { url: `${SD}scoring-min-answered`, valueInteger: 2 },
        ],
      });
    const sum = instrumentFromDefinition(value(importQuestionnaire(withMin('sum'))));
    expect(scoreAnswers(sum, { s1: 3, s2: 2 }).total).toBe(8); // 5 × 3 / 2 = 7.5 → 8
    expect(scoreAnswers(sum, { s1: 3 }).total).toBeNull();
    const mean = instrumentFromDefinition(value(importQuestionnaire(withMin('mean'))));
    expect(scoreAnswers(mean, { s1: 3, s2: 2 }).total).toBe(2.5);

    const numericCodes = fhirQuestionnaire({
      item: [
        {
          linkId: 'q',
          type: 'choice',
          text: 'Q',
          answerOption: [{ valueCoding: { code: '0' } }, { valueCoding: { code: '2' } }, { valueInteger: 5 }],
        },
      ],
    });
    const q = value(importQuestionnaire(numericCodes)).items[0]!;
    expect(q.options.map((o) => o.value)).toEqual([0, 2, 5]);
  });

  it('reads integer items with minValue/maxValue and boolean items as 1/0', () => {
    const definition = value(
      importQuestionnaire(
        fhirQuestionnaire({
          item: [
            {
              linkId: 'steps',
              type: 'integer',
              text: 'Days walked',
              extension: [
                { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 0 },
                { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 7 },
              ],
            },
            { linkId: 'goal', type: 'boolean', text: 'Set a goal?' },
          ],
        }),
      ),
    );
    const instrument = instrumentFromDefinition(definition);
    expect(scoreAnswers(instrument, { steps: 5, goal: 'true' }).total).toBe(6);
    expect(() => scoreAnswers(instrument, { steps: 8, goal: 1 })).toThrow(/steps: out of range/);
  });

  it('reports everything wrong with a bad file at once, with where', () => {
    const bad = fhirQuestionnaire({
      id: 'sleep quality',
      extension: [{ url: `${SD}scoring`, valueCode: 'median' }],
      item: [
        {
          linkId: 'a',
          type: 'choice',
          text: 'A',
          answerOption: [{ valueCoding: { code: 'yes' } }, { valueCoding: { code: 'yes' } }],
        },
        { linkId: 'a', type: 'integer', text: 'A again' },
        { linkId: 'b', type: 'attachment', text: 'Photo' },
        { linkId: 'c', type: 'choice', text: 'C' },
      ],
    });
    expect(problems(importQuestionnaire(bad))).toEqual([
      { where: 'Questionnaire.id', message: 'use 1-64 letters, digits, "-" or "." (a FHIR id)' },
      {
        where: 'item[0] (linkId "a").answerOption[0]',
        message: 'answer "yes" has no number to score (add an ordinalValue extension)',
      },
      { where: 'item[0] (linkId "a").answerOption[1]', message: 'answer code "yes" is used twice in this item' },
      {
        where: 'item[0] (linkId "a").answerOption[1]',
        message: 'answer "yes" has no number to score (add an ordinalValue extension)',
      },
      { where: 'item[1] (linkId "a")', message: 'linkId is used by another item; linkIds must be unique' },
      { where: 'item[1] (linkId "a")', message: 'a scored number item needs minValue and maxValue extensions' },
      { where: 'item[2] (linkId "b")', message: 'item type "attachment" is not supported' },
      { where: 'item[3] (linkId "c")', message: 'a choice item needs answerOption entries (answerValueSet is not supported)' },
      { where: 'Questionnaire.extension(scoring)', message: 'valueCode must be "sum" or "mean"' },
    ]);
  });

  it('needs declared scoring, a sensible minimum and items on one scale for a prorated sum', () => {
    expect(problems(importQuestionnaire(fhirQuestionnaire({ extension: [] })))[0]!.message).toContain(`${SD}scoring`);
    const min = (n: number) => [
      { url: `${SD}scoring`, valueCode: 'sum' },
      { url: `${SD}scoring-min-answered`, valueInteger: n },
    ];
    expect(problems(importQuestionnaire(fhirQuestionnaire({ extension: min(4) })))[0]!.message).toContain('from 1 to 3');
    const mixed = fhirQuestionnaire({
      extension: min(1),
      item: [
        { linkId: 'a', type: 'boolean', text: 'A' },
        { linkId: 'b', type: 'choice', text: 'B', answerOption: [{ valueInteger: 0 }, { valueInteger: 4 }] },
      ],
    });
    expect(problems(importQuestionnaire(mixed))[0]!.message).toContain('same scale');
  });

  it('refuses what is not a Questionnaire, not JSON, or takes a built-in id', () => {
    expect(problems(importQuestionnaire('{"resourceType":'))).toEqual([{ where: 'file', message: 'not valid JSON' }]);
    expect(problems(importQuestionnaire({ resourceType: 'Patient' }))[0]!.where).toBe('resourceType');
    expect(problems(importQuestionnaire(fhirQuestionnaire({ item: [{ type: 'choice' }] })))[0]!.where).toBe('item[0].linkId');
    expect(problems(importQuestionnaire(fhirQuestionnaire({ id: 'phq9' })))).toEqual([
      { where: 'Questionnaire.id', message: '"phq9" is a built-in instrument; give the questionnaire another id' },
    ]);
  });
});

const HEADER =
  '"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels","Field Note","Text Validation Type OR Show Slider Number","Text Validation Min","Text Validation Max","Identifier?","Branching Logic (Show field only if...)","Required Field?","Custom Alignment","Question Number (surveys only)","Matrix Group Name","Matrix Ranking?","Field Annotation"';

/** One dictionary row from the columns Kindred reads. */
function row(f: {
  name: string;
  form: string;
  type: string;
  label: string;
  section?: string;
  choices?: string;
  validation?: string;
  min?: string;
  max?: string;
  annotation?: string;
}): string {
  const cells = [
    f.name,
    f.form,
    f.section ?? '',
    f.type,
    f.label,
    f.choices ?? '',
    '',
    f.validation ?? '',
    f.min ?? '',
    f.max ?? '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    f.annotation ?? '',
  ];
  return cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');
}
const often = '0, Not at all | 1, Several days | 2, More than half the days | 3, Nearly every day';

/** A realistic export: the record ID, a consent form, and the instrument form with the Kindred tags. */
function dictionary(extraRows: string[] = [], scoreTag = '@HIDDEN-SURVEY @KINDRED-SCORE=mean @KINDRED-MIN-ANSWERED=3'): string {
  return [
    HEADER,
    row({ name: 'record_id', form: 'enrolment', type: 'text', label: 'Record ID' }),
    row({ name: 'consent_date', form: 'enrolment', type: 'text', label: 'Date', validation: 'date_ymd' }),
    row({ name: 'mood_intro', form: 'mood_check', type: 'descriptive', label: '<p>Over the <b>last week</b>, how often…</p>' }),
    row({
      name: 'mood_1',
      form: 'mood_check',
      type: 'radio',
      label: 'Feeling low, "flat"',
      section: 'Part A',
      choices: often,
      annotation: scoreTag,
    }),
    row({ name: 'mood_2', form: 'mood_check', type: 'dropdown', label: 'Worrying,\nmore than usual', choices: often }),
    row({ name: 'mood_3', form: 'mood_check', type: 'yesno', label: 'Cried this week' }),
    row({
      name: 'mood_days',
      form: 'mood_check',
      type: 'text',
      label: 'Days out of the house',
      validation: 'integer',
      min: '0',
      max: '7',
    }),
    row({
      name: 'mood_help',
      form: 'mood_check',
      type: 'radio',
      label: 'Want a call?',
      choices: 'y, Yes | n, No',
      annotation: '@KINDRED-NOT-SCORED',
    }),
    row({ name: 'mood_note', form: 'mood_check', type: 'notes', label: 'Anything else' }),
    row({ name: 'mood_total', form: 'mood_check', type: 'calc', label: 'Total', choices: '[mood_1]+[mood_2]' }),
    ...extraRows,
  ].join('\r\n');
}

describe('importRedcapDictionary (REDCap data dictionary CSV)', () => {
  it('turns the form that declares a score into a scored instrument (record ID and other forms left out)', () => {
    const definition = value(importRedcapDictionary(dictionary()));
    expect(definition).toMatchObject({ id: 'mood-check', title: 'Mood check', scoring: { method: 'mean', minAnswered: 3 } });
    expect(definition.items.map((i) => [i.linkId, i.kind, i.isScored, i.min, i.max])).toEqual([
      ['mood_1', 'choice', true, 0, 3],
      ['mood_2', 'choice', true, 0, 3],
      ['mood_3', 'choice', true, 0, 1],
      ['mood_days', 'integer', true, 0, 7],
      ['mood_help', 'choice', false, null, null],
      ['mood_note', 'text', false, null, null],
    ]);
    expect(definition.items[0]!.text).toBe('Feeling low, "flat"');
    expect(definition.items[1]!.text).toBe('Worrying, more than usual');
    expect(definition.items[1]!.options.map((o) => o.display)).toEqual([
      'Not at all',
      'Several days',
      'More than half the days',
      'Nearly every day',
    ]);
    // The FHIR form of it keeps the section header and the descriptive text as display items.
    const display = definition.questionnaire.item!.filter((i) => i.type === 'display').map((i) => i.text);
    expect(display).toEqual(['Over the last week, how often…', 'Part A']);
  });

  it('scores like any instrument: REDCap codes are the values; a mean needs the declared minimum', () => {
    const instrument = instrumentFromDefinition(value(importRedcapDictionary(dictionary())));
    expect(scoreAnswers(instrument, { mood_1: 2, mood_2: '3', mood_3: 1, mood_days: 4, mood_help: 'y' }).total).toBe(2.5);
    expect(scoreAnswers(instrument, { mood_1: 2, mood_2: 3, mood_3: 1 })).toMatchObject({ total: 2, complete: true });
    expect(scoreAnswers(instrument, { mood_1: 2, mood_2: 3 })).toMatchObject({ total: null, complete: false });
    expect(() => scoreAnswers(instrument, { mood_3: 2 })).toThrow(/mood_3: out of range/);
  });

  it('prorates a sum of fields on one scale down to the declared minimum (6 × 3 / 2 = 9)', () => {
    const csv = [
      HEADER,
      row({ name: 'record_id', form: 'pain_week', type: 'text', label: 'Record ID' }),
      row({
        name: 'p1',
        form: 'pain_week',
        type: 'radio',
        label: 'P1',
        choices: often,
        annotation: '@KINDRED-SCORE=sum @KINDRED-MIN-ANSWERED=2',
      }),
      row({ name: 'p2', form: 'pain_week', type: 'radio', label: 'P2', choices: often }),
      row({ name: 'p3', form: 'pain_week', type: 'dropdown', label: 'P3', choices: often }),
    ].join('\n');
    const instrument = instrumentFromDefinition(value(importRedcapDictionary(csv)));
    expect(instrument.totalRange).toEqual({ min: 0, max: 9 });
    expect(scoreAnswers(instrument, { p1: 3, p2: 3 }).total).toBe(9);
    expect(scoreAnswers(instrument, { p1: 3, p2: 1, p3: 0 }).total).toBe(4);
    expect(scoreAnswers(instrument, { p1: 3 }).total).toBeNull();
  });

  it('imports the form it is asked for, and names the forms when the choice is unclear', () => {
    expect(value(importRedcapDictionary(dictionary(), { form: 'mood_check', title: 'Weekly mood' })).title).toBe('Weekly mood');
    expect(problems(importRedcapDictionary(dictionary(), { form: 'sleep' }))).toEqual([
      { where: 'Form Name', message: 'no form "sleep" in the dictionary (forms: enrolment, mood_check)' },
    ]);
    const twoScored = dictionary([
      row({ name: 'pain_1', form: 'pain', type: 'radio', label: 'Pain', choices: often, annotation: '@KINDRED-SCORE=mean' }),
    ]);
    expect(problems(importRedcapDictionary(twoScored))[0]!.message).toContain('several forms (enrolment, mood_check, pain)');
    expect(value(importRedcapDictionary(twoScored, { form: 'pain' }))).toMatchObject({
      id: 'pain',
      scoring: { method: 'mean', minAnswered: 1 },
    });
  });

  it('reports each bad row with its spreadsheet row number and what is wrong', () => {
    const bad = dictionary([
      row({ name: 'Mood_4', form: 'mood_check', type: 'radio', label: 'Bad name', choices: often }),
      row({ name: 'mood_2', form: 'mood_check', type: 'radio', label: 'Duplicate', choices: often }),
      row({ name: 'mood_5', form: 'mood_check', type: 'radio', label: 'Letters', choices: 'a, Never | b, Always' }),
      row({ name: 'mood_6', form: 'mood_check', type: 'checkbox', label: 'Several', choices: often }),
      row({ name: 'mood_7', form: 'mood_check', type: 'text', label: 'Hours', validation: 'number' }),
      row({ name: 'mood_8', form: 'mood_check', type: 'radio', label: 'No code', choices: 'Never | 1, Always' }),
      row({ name: 'mood_9', form: 'mood_check', type: 'radio', label: 'Typo', choices: often, annotation: '@KINDRED-SCOR=sum' }),
      row({
        name: 'mood_10',
        form: 'mood_check',
        type: 'radio',
        label: 'Twice',
        choices: often,
        annotation: '@KINDRED-SCORE=mean',
      }),
      row({ name: 'mood_11', form: 'mood_check', type: 'file', label: 'Upload' }),
    ]);
    expect(problems(importRedcapDictionary(bad))).toEqual([
      {
        where: 'row 12 (Mood_4)',
        message: 'the variable name must start with a lowercase letter and use only lowercase letters, digits and "_"',
      },
      { where: 'row 13 (mood_2)', message: 'this variable name is used by another field' },
      {
        where: 'row 14 (mood_5)',
        message: 'choice code "a" is not a number; scored fields need numeric codes (or @KINDRED-NOT-SCORED)',
      },
      {
        where: 'row 14 (mood_5)',
        message: 'choice code "b" is not a number; scored fields need numeric codes (or @KINDRED-NOT-SCORED)',
      },
      {
        where: 'row 15 (mood_6)',
        message: 'checkbox fields (several answers in one field) are not supported; use yes/no fields or a radio field',
      },
      { where: 'row 16 (mood_7)', message: 'a scored number field needs Text Validation Min and Max, so answers can be checked' },
      { where: 'row 17 (mood_8)', message: 'choice "Never" must be written "code, label"' },
      {
        where: 'row 18 (mood_9)',
        message: 'unknown Kindred tag @KINDRED-SCOR (use @KINDRED-SCORE, @KINDRED-MIN-ANSWERED or @KINDRED-NOT-SCORED)',
      },
      { where: 'row 19 (mood_10)', message: '@KINDRED-SCORE is already declared on row 5; declare it once per form' },
      { where: 'row 20 (mood_11)', message: 'field type "file" is not supported' },
    ]);
  });

  it('needs a declared score with a sum or mean and a sensible minimum', () => {
    expect(problems(importRedcapDictionary(dictionary([], '')))[0]!.message).toContain('several forms (enrolment, mood_check)');
    expect(problems(importRedcapDictionary(dictionary([], ''), { form: 'mood_check' }))).toEqual([
      {
        where: 'form mood_check',
        message: 'declare the score: put @KINDRED-SCORE=sum or @KINDRED-SCORE=mean in one field’s Field Annotation',
      },
    ]);
    expect(problems(importRedcapDictionary(dictionary([], '@KINDRED-SCORE=median')))).toEqual([
      { where: 'row 5', message: '@KINDRED-SCORE must be sum or mean' },
    ]);
    expect(problems(importRedcapDictionary(dictionary([], '@KINDRED-SCORE=sum @KINDRED-MIN-ANSWERED=9')))).toEqual([
      { where: 'row 5', message: '@KINDRED-MIN-ANSWERED must be from 1 to 4 (the scored fields)' },
    ]);
  });

  it('points a prorated sum over fields on different scales at the @KINDRED-SCORE row', () => {
    expect(problems(importRedcapDictionary(dictionary([], '@KINDRED-SCORE=sum @KINDRED-MIN-ANSWERED=2')))).toEqual([
      {
        where: 'row 5 (@KINDRED-SCORE)',
        message: 'a sum that allows missing items needs every scored item on the same scale (same lowest and highest value)',
      },
    ]);
  });

  it('refuses a file that is not a REDCap dictionary, or a form named like a built-in instrument', () => {
    expect(problems(importRedcapDictionary('name,type\nq1,radio\n'))[0]).toMatchObject({ where: 'header (row 1)' });
    expect(problems(importRedcapDictionary(''))).toEqual([{ where: 'file', message: 'the file is empty' }]);
    expect(problems(importRedcapDictionary(`${HEADER}\n"a","f","","radio","Q","0, No"\n"b,`))).toEqual([
      { where: 'line 3', message: 'a quoted field is never closed' },
    ]);
    const clash = [
      HEADER,
      row({ name: 'record_id', form: 'phq9', type: 'text', label: 'ID' }),
      row({ name: 'q1', form: 'phq9', type: 'yesno', label: 'Q', annotation: '@KINDRED-SCORE=sum' }),
    ].join('\n');
    expect(problems(importRedcapDictionary(clash))).toEqual([
      { where: 'Form Name', message: '"phq9" is a built-in instrument; rename the form' },
    ]);
  });
});
