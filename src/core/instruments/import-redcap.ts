import { parseCsv } from './csv';
import { readQuestionnaire, type InstrumentDefinition, type Parsed, type Problem } from './definition';
import { ext, type AnswerOption, type Extension, type Questionnaire, type QuestionnaireItem } from './questionnaire';
import { findInstrument } from './registry';

/**
 * Reads a program's own instrument from a REDCap data dictionary (the CSV REDCap exports under
 * "Data Dictionary"). Kindred's convention, written in the "Field Annotation" column beside
 * REDCap's own action tags:
 * - `@KINDRED-SCORE=sum` or `@KINDRED-SCORE=mean` on exactly one field of the form declares the score;
 * - `@KINDRED-MIN-ANSWERED=n` (same field, optional) lets a response with n scored answers be scored
 *   (default: all scored fields);
 * - `@KINDRED-NOT-SCORED` on a field keeps it out of the score.
 * Scored fields are radio, dropdown, yesno, truefalse, slider, and text validated as integer or
 * number; a choice scores as its REDCap code, so codes must be numbers. Descriptive fields become
 * display text, calc fields are left out (Kindred computes the score), other text and notes fields
 * are kept unscored; checkbox, file and other fields are refused. The project's record-ID field (the
 * dictionary's first row, when it is a text field) is skipped. The result is a FHIR Questionnaire with the same meaning.
 */
export function importRedcapDictionary(
  csv: string,
  options: { form?: string; title?: string } = {},
): Parsed<InstrumentDefinition> {
  const table = parseCsv(csv);
  if (!table.ok) return table;
  const [header, ...body] = table.value;
  if (!header) return fail('file', 'the file is empty');

  const column = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  const columns = {
    variable: column('Variable / Field Name'),
    form: column('Form Name'),
    section: column('Section Header'),
    type: column('Field Type'),
    label: column('Field Label'),
    choices: column('Choices, Calculations, OR Slider Labels'),
    validation: column('Text Validation Type OR Show Slider Number'),
    min: column('Text Validation Min'),
    max: column('Text Validation Max'),
    annotation: column('Field Annotation'),
  };
  const required = {
    variable: 'Variable / Field Name',
    form: 'Form Name',
    type: 'Field Type',
    label: 'Field Label',
    choices: 'Choices, Calculations, OR Slider Labels',
    annotation: 'Field Annotation',
  } as const;
  const missing = Object.entries(required)
    .filter(([key]) => columns[key as keyof typeof required] < 0)
    .map(([, name]) => `"${name}"`);
  if (missing.length)
    return fail('header (row 1)', `missing REDCap column(s) ${missing.join(', ')}; export the data dictionary from REDCap`);

  // Spreadsheet row numbers: the header is row 1.
  const rows = body
    .map((cells, index) => ({ cells, rowNumber: index + 2 }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''))
    .map(({ cells, rowNumber }) => {
      const get = (i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
      return {
        rowNumber,
        variable: get(columns.variable),
        form: get(columns.form),
        section: get(columns.section),
        type: get(columns.type).toLowerCase(),
        label: get(columns.label),
        choices: get(columns.choices),
        validation: get(columns.validation).toLowerCase(),
        min: get(columns.min),
        max: get(columns.max),
        annotation: get(columns.annotation),
      };
    });
  if (rows.length === 0) return fail('file', 'the dictionary has no fields');

  const forms = [...new Set(rows.map((r) => r.form))];
  let form = options.form;
  if (form !== undefined && !forms.includes(form))
    return fail('Form Name', `no form "${form}" in the dictionary (forms: ${forms.join(', ')})`);
  if (form === undefined) {
    const scoredForms = forms.filter((f) => rows.some((r) => r.form === f && /@KINDRED-SCORE=/i.test(r.annotation)));
    if (forms.length === 1) form = forms[0];
    else if (scoredForms.length === 1) form = scoredForms[0];
    else return fail('Form Name', `the dictionary has several forms (${forms.join(', ')}); choose the one to import`);
  }
  // REDCap's first field is the project's record ID, always a text field; it is not a question.
  const recordIdRow = rows[0]!.type === 'text' ? rows[0] : undefined;
  const fields = rows.filter((r) => r.form === form && r !== recordIdRow);

  const problems: Problem[] = [];
  const items: QuestionnaireItem[] = [];
  const seen = new Set<string>();
  let scoring: { method: string; minAnswered: number | null; rowNumber: number } | null = null;

  for (const f of fields) {
    const where = `row ${f.rowNumber} (${f.variable || 'no variable name'})`;
    const problem = (message: string) => problems.push({ where, message });
    if (!/^[a-z][a-z0-9_]*$/.test(f.variable)) {
      problem('the variable name must start with a lowercase letter and use only lowercase letters, digits and "_"');
      continue;
    }
    if (seen.has(f.variable)) problem('this variable name is used by another field');
    seen.add(f.variable);

    const tags = readTags(f.annotation);
    for (const unknown of tags.unknown)
      problem(`unknown Kindred tag ${unknown} (use @KINDRED-SCORE, @KINDRED-MIN-ANSWERED or @KINDRED-NOT-SCORED)`);
    if (tags.score !== undefined) {
      if (scoring) problem(`@KINDRED-SCORE is already declared on row ${scoring.rowNumber}; declare it once per form`);
      else scoring = { method: tags.score, minAnswered: tags.minAnswered, rowNumber: f.rowNumber };
    } else if (tags.minAnswered !== null) {
      problem('@KINDRED-MIN-ANSWERED belongs on the field that carries @KINDRED-SCORE');
    }

    if (f.section) items.push({ linkId: `${f.variable}__section`, type: 'display', text: plainText(f.section) });
    const text = plainText(f.label);
    const isScored = !tags.notScored;
    const base = { linkId: f.variable, text, ...(isScored ? {} : { extension: [{ url: ext.itemScored, valueBoolean: false }] }) };

    switch (f.type) {
      case 'radio':
      case 'dropdown': {
        const options = readChoices(f.choices, isScored, problem);
        if (options) items.push({ ...base, type: 'choice', answerOption: options });
        break;
      }
      case 'yesno':
      case 'truefalse': {
        const [yes, no] = f.type === 'yesno' ? ['Yes', 'No'] : ['True', 'False'];
        items.push({ ...base, type: 'choice', answerOption: [choice('1', yes, 1), choice('0', no, 0)] });
        break;
      }
      case 'slider': {
        const min = f.min === '' ? 0 : numberOrNull(f.min);
        const max = f.max === '' ? 100 : numberOrNull(f.max);
        if (min === null || max === null) problem('slider Text Validation Min and Max must be numbers');
        else items.push({ ...base, type: 'integer', extension: [...(base.extension ?? []), ...bounds(min, max)] });
        break;
      }
      case 'text': {
        const isInteger = f.validation === 'integer';
        const isNumber = f.validation === 'number' || f.validation.startsWith('number_');
        if (!isInteger && !isNumber) {
          items.push({ linkId: f.variable, text, type: 'string' });
          break;
        }
        const min = numberOrNull(f.min);
        const max = numberOrNull(f.max);
        if (isScored && (min === null || max === null)) {
          problem('a scored number field needs Text Validation Min and Max, so answers can be checked');
          break;
        }
        const limits = [...(min === null ? [] : bounds(min, null)), ...(max === null ? [] : bounds(null, max))];
        items.push({ ...base, type: isInteger ? 'integer' : 'decimal', extension: [...(base.extension ?? []), ...limits] });
        break;
      }
      case 'notes':
        items.push({ linkId: f.variable, text, type: 'text' });
        break;
      case 'descriptive':
        items.push({ linkId: f.variable, text, type: 'display' });
        break;
      case 'calc':
        break;
      case 'checkbox':
        problem('checkbox fields (several answers in one field) are not supported; use yes/no fields or a radio field');
        break;
      default:
        problem(`field type "${f.type || '(empty)'}" is not supported`);
    }
  }

  const scoredCount = items.filter(
    (i) =>
      i.type !== 'display' && i.type !== 'string' && i.type !== 'text' && !i.extension?.some((e) => e.url === ext.itemScored),
  ).length;
  if (!scoring) {
    problems.push({
      where: `form ${form}`,
      message: 'declare the score: put @KINDRED-SCORE=sum or @KINDRED-SCORE=mean in one field’s Field Annotation',
    });
  } else {
    const where = `row ${scoring.rowNumber}`;
    if (scoring.method !== 'sum' && scoring.method !== 'mean')
      problems.push({ where, message: '@KINDRED-SCORE must be sum or mean' });
    if (scoredCount === 0) problems.push({ where: `form ${form}`, message: 'no field can be scored' });
    else if (scoring.minAnswered !== null && (scoring.minAnswered < 1 || scoring.minAnswered > scoredCount))
      problems.push({ where, message: `@KINDRED-MIN-ANSWERED must be from 1 to ${scoredCount} (the scored fields)` });
  }
  const id = form!.replaceAll('_', '-');
  if (findInstrument(id)) problems.push({ where: 'Form Name', message: `"${id}" is a built-in instrument; rename the form` });
  if (problems.length > 0 || !scoring) return { ok: false, problems };

  const questionnaire: Questionnaire = {
    resourceType: 'Questionnaire',
    id,
    name: form!,
    title: options.title ?? humanize(form!),
    status: 'active',
    extension: [
      { url: ext.licence, valueCode: 'unverified' },
      { url: ext.source, valueString: `REDCap data dictionary, form ${form}` },
      { url: ext.scoring, valueCode: scoring.method },
      ...(scoring.minAnswered === null ? [] : [{ url: ext.scoringMinAnswered, valueInteger: scoring.minAnswered }]),
    ],
    item: items,
  };
  const read = readQuestionnaire(questionnaire, { requireScoring: true });
  if (read.ok) return read;
  // Say where in the dictionary: the row of the field, or of @KINDRED-SCORE for scoring problems.
  const rowOf = new Map(fields.map((f) => [f.variable, f.rowNumber]));
  return {
    ok: false,
    problems: read.problems.map((p) => {
      const linkId = /linkId "([^"]+)"/.exec(p.where)?.[1];
      if (linkId && rowOf.has(linkId)) return { where: `row ${rowOf.get(linkId)} (${linkId})`, message: p.message };
      if (p.where.includes('scoring')) return { where: `row ${scoring.rowNumber} (@KINDRED-SCORE)`, message: p.message };
      return p;
    }),
  };
}

function fail(where: string, message: string): Parsed<never> {
  return { ok: false, problems: [{ where, message }] };
}

function readTags(annotation: string): { score?: string; minAnswered: number | null; notScored: boolean; unknown: string[] } {
  const tags = [...annotation.matchAll(/@KINDRED-[A-Z-]+(=\S*)?/gi)].map((m) => m[0]);
  const out: { score?: string; minAnswered: number | null; notScored: boolean; unknown: string[] } = {
    minAnswered: null,
    notScored: false,
    unknown: [],
  };
  for (const tag of tags) {
    const [name, value = ''] = tag.split('=');
    switch (name!.toUpperCase()) {
      case '@KINDRED-SCORE':
        out.score = value.toLowerCase();
        break;
      case '@KINDRED-MIN-ANSWERED':
        out.minAnswered = /^\d+$/.test(value) ? Number(value) : -1;
        break;
      case '@KINDRED-NOT-SCORED':
        out.notScored = true;
        break;
      default:
        out.unknown.push(name!);
    }
  }
  return out;
}

/** REDCap choices: `1, Label | 2, Another label` (the first comma separates code and label). */
function readChoices(raw: string, isScored: boolean, problem: (message: string) => void): AnswerOption[] | null {
  if (raw === '') {
    problem('a radio or dropdown field needs choices ("0, Label | 1, Label")');
    return null;
  }
  const options: AnswerOption[] = [];
  const codes = new Set<string>();
  for (const part of raw.split('|')) {
    const comma = part.indexOf(',');
    const code = (comma < 0 ? '' : part.slice(0, comma)).trim();
    const label = (comma < 0 ? part : part.slice(comma + 1)).trim();
    if (comma < 0 || code === '') {
      problem(`choice "${part.trim()}" must be written "code, label"`);
      return null;
    }
    if (codes.has(code)) problem(`choice code "${code}" is used twice`);
    codes.add(code);
    const value = numberOrNull(code);
    if (isScored && value === null)
      problem(`choice code "${code}" is not a number; scored fields need numeric codes (or @KINDRED-NOT-SCORED)`);
    options.push(choice(code, plainText(label) || code, value));
  }
  return options;
}

function choice(code: string, display: string, value: number | null): AnswerOption {
  return {
    valueCoding: { code, display, ...(value === null ? {} : { extension: [{ url: ext.ordinalValue, valueDecimal: value }] }) },
  };
}

function bounds(min: number | null, max: number | null): Extension[] {
  return [
    ...(min === null ? [] : [{ url: ext.minValue, ...(Number.isInteger(min) ? { valueInteger: min } : { valueDecimal: min }) }]),
    ...(max === null ? [] : [{ url: ext.maxValue, ...(Number.isInteger(max) ? { valueInteger: max } : { valueDecimal: max }) }]),
  ];
}

function numberOrNull(s: string): number | null {
  return /^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s) : null;
}

/** REDCap labels may hold HTML; Kindred shows plain text. */
function plainText(s: string): string {
  return s
    .replace(/<\/?(br|p|div|li|ul|ol|tr|td|h\d)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replaceAll('&nbsp;', ' ')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function humanize(form: string): string {
  const words = form.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
