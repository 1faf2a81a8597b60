import type { Arm, StratumField } from './design';

/**
 * The study's data exports (issue #11, ADR 0028): one row per participant × timepoint with
 * pseudonymous codes, the arm as blinding allows, the strata, the dose, adherence and each
 * instrument's total; a data dictionary and REDCap's dictionary and import layout. Pure: the caller
 * loads the facts and writes the files.
 */

/** What the export knows of one randomized participant (withdrawals from use of data already removed). */
export interface ExportParticipant {
  code: string;
  /** The latest coach's pseudonymous code, or null when never paired. */
  coachCode: string | null;
  /** The arm as the reader may see it: the arm key, or its masked label ("Arm A"). */
  arm: string;
  /** The stratum key at randomization (`site=north`, `all`). */
  stratum: string;
  /** The strata values at randomization, by factor key. */
  strata: Record<string, string>;
  /** Whole years at enrolment from the birth year (enrolment year − birth year), or null. */
  age: number | null;
  gender: string;
  /** Reached contacts inside the intervention window, as the engagement report counts them. */
  contacts: number;
  adherent: boolean;
  /** Timepoint key → instrument id → the stored total and subscales. */
  scores: Record<string, Record<string, { total: number | null; subscales: Record<string, number | null> }>>;
  /** The responses as stored, for FHIR: answers by linkId, the total, when entered (ISO instant). */
  responses: {
    timepointKey: string;
    instrumentId: string;
    answers: Readonly<Record<string, number | string>>;
    total: number | null;
    enteredAt: string;
  }[];
  /** Consents: document version, the date signed (YYYY-MM-DD), and whether a withdrawal followed. */
  consents: { documentVersion: number; signedOn: string; isWithdrawn: boolean }[];
  /** The furthest withdrawal short of data (which is never exported), or null. */
  withdrawal: 'intervention' | 'follow_up' | null;
}

export interface ExportTimepoint {
  key: string;
  label: string;
  months: number;
  isBaseline: boolean;
}

export interface ExportInstrument {
  id: string;
  /** The Questionnaire's canonical URL. */
  url: string;
  /** The items' linkIds in the Questionnaire's order (answers are listed so). */
  linkIds: readonly string[];
  title: string;
  subscales: readonly string[];
  totalRange: { min: number; max: number } | null;
}

export interface ExportStudy {
  title: string;
  arms: readonly Pick<Arm, 'key' | 'label' | 'kind'>[];
  /** Arm key → the value the export shows (the key itself, or the masked label). */
  armValues: Record<string, string>;
  masked: boolean;
  strata: readonly StratumField[];
  timepoints: readonly ExportTimepoint[];
  instruments: readonly ExportInstrument[];
  targetContacts: number;
  windowDays: number;
}

export type ColumnType = 'text' | 'integer' | 'number' | 'categorical' | 'binary';

/** One variable of the export: its name, words, type and values (codes with labels) or units. */
export interface ExportColumn {
  name: string;
  label: string;
  type: ColumnType;
  /** For categorical variables: code → label. */
  choices?: readonly { code: string; label: string }[];
  units?: string;
  min?: number;
  max?: number;
  /** Participant-level (the same on every row of a participant) or per timepoint. */
  level: 'participant' | 'timepoint';
  value(p: ExportParticipant, t: ExportTimepoint): string;
}

const FIXED = ['participant_code', 'coach_code', 'arm', 'stratum', 'age', 'gender', 'contacts', 'adherent', 'timepoint'];

/** A variable name from an instrument id or subscale: lower case, underscores (`bpi-sf` → `bpi_sf`). */
export function variableName(...parts: string[]): string {
  return parts
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

/** A stratification factor's column: its key, or `stratum_<key>` when the key is already a column's name. */
export function stratumColumn(key: string): string {
  return FIXED.includes(key) ? `stratum_${key}` : key;
}

const num = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '' : String(v));

const GENDER_LABELS: Record<string, string> = {
  woman: 'Woman',
  man: 'Man',
  nonbinary: 'Nonbinary',
  not_stated: 'Not stated',
};

/** The export's variables, in column order. */
export function exportColumns(study: ExportStudy): ExportColumn[] {
  const cols: ExportColumn[] = [
    {
      name: 'participant_code',
      label: 'Participant code (pseudonymous)',
      type: 'text',
      level: 'participant',
      value: (p) => p.code,
    },
    {
      name: 'coach_code',
      label: 'Latest coach code (pseudonymous); empty when never paired',
      type: 'text',
      level: 'participant',
      value: (p) => p.coachCode ?? '',
    },
    {
      name: 'arm',
      label: study.masked ? 'Allocated arm (masked label until the study is unblinded)' : 'Allocated arm',
      type: 'categorical',
      choices: study.arms.map((a) => ({
        code: study.armValues[a.key] ?? a.key,
        label: study.masked ? (study.armValues[a.key] ?? a.key) : a.label,
      })),
      level: 'participant',
      value: (p) => p.arm,
    },
    {
      name: 'stratum',
      label: 'Stratum at randomization',
      type: 'text',
      level: 'participant',
      value: (p) => p.stratum,
    },
    {
      name: 'age',
      label: 'Age at enrolment (enrolment year minus birth year)',
      type: 'integer',
      units: 'years',
      level: 'participant',
      value: (p) => num(p.age),
    },
    {
      name: 'gender',
      label: 'Gender',
      type: 'categorical',
      choices: Object.entries(GENDER_LABELS).map(([code, label]) => ({ code, label })),
      level: 'participant',
      value: (p) => p.gender,
    },
    ...study.strata.map((f): ExportColumn => ({
      name: stratumColumn(f.key),
      label: `${f.label} (stratification factor)`,
      type: 'categorical',
      choices: f.levels.map((l) => ({ code: l.key, label: l.label })),
      level: 'participant',
      value: (p) => p.strata[f.key] ?? '',
    })),
    {
      name: 'contacts',
      label: `Reached contacts inside the intervention window (${study.windowDays} days from the first pairing)`,
      type: 'integer',
      units: 'contacts',
      min: 0,
      level: 'participant',
      value: (p) => String(p.contacts),
    },
    {
      name: 'adherent',
      label: `Adherent: at least ${study.targetContacts} reached contacts inside the window`,
      type: 'binary',
      choices: [
        { code: '1', label: 'Yes' },
        { code: '0', label: 'No' },
      ],
      level: 'participant',
      value: (p) => (p.adherent ? '1' : '0'),
    },
    {
      name: 'timepoint',
      label: 'Timepoint: months after enrolment (0 = baseline)',
      type: 'integer',
      units: 'months',
      choices: study.timepoints.map((t) => ({ code: String(t.months), label: t.label })),
      level: 'timepoint',
      value: (_p, t) => String(t.months),
    },
  ];
  for (const inst of study.instruments) {
    cols.push({
      name: variableName(inst.id),
      label: `${inst.title}: total`,
      type: 'number',
      units: 'score',
      ...(inst.totalRange ? { min: inst.totalRange.min, max: inst.totalRange.max } : {}),
      level: 'timepoint',
      value: (p, t) => num(p.scores[t.key]?.[inst.id]?.total),
    });
    for (const sub of inst.subscales) {
      cols.push({
        name: variableName(inst.id, sub),
        label: `${inst.title}: ${sub.replace(/_/g, ' ')}`,
        type: 'number',
        units: 'score',
        level: 'timepoint',
        value: (p, t) => num(p.scores[t.key]?.[inst.id]?.subscales[sub]),
      });
    }
  }
  return cols;
}

export { csvCell, toCsv } from '../shared/csv';

const byCode = (a: ExportParticipant, b: ExportParticipant) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** The long table: a header, then one row per participant (by code) × timepoint (in the program's order). Missing is empty. */
export function longRows(study: ExportStudy, people: readonly ExportParticipant[]): string[][] {
  const cols = exportColumns(study);
  const rows: string[][] = [cols.map((c) => c.name)];
  for (const p of [...people].sort(byCode)) for (const t of study.timepoints) rows.push(cols.map((c) => c.value(p, t)));
  return rows;
}

/** The data dictionary beside the export: variable, label, type, values or units. */
export function dictionaryRows(study: ExportStudy): string[][] {
  const rows = [['variable', 'label', 'type', 'values_or_units']];
  for (const c of exportColumns(study)) {
    const values = c.choices?.map((x) => `${x.code} = ${x.label}`).join('; ');
    const range = c.min !== undefined || c.max !== undefined ? ` (${c.min ?? ''} to ${c.max ?? ''})` : '';
    rows.push([c.name, c.label, c.type, [values, c.units ? `${c.units}${range}` : ''].filter(Boolean).join('; ')]);
  }
  return rows;
}

/** REDCap's data-dictionary columns, in REDCap's order. */
export const REDCAP_DICTIONARY_HEADER = [
  'Variable / Field Name',
  'Form Name',
  'Section Header',
  'Field Type',
  'Field Label',
  'Choices, Calculations, OR Slider Labels',
  'Field Note',
  'Text Validation Type OR Show Slider Number',
  'Text Validation Min',
  'Text Validation Max',
  'Identifier?',
  'Branching Logic (Show field only if...)',
  'Required Field?',
  'Custom Alignment',
  'Question Number (surveys only)',
  'Matrix Group Name',
  'Matrix Ranking?',
  'Field Annotation',
] as const;

export const REDCAP_FORM = 'kindred_export';

/** A REDCap field name may hold lower-case letters, digits and underscores and starts with a letter. */
const REDCAP_CODE = /^[a-z0-9_]+$/i;

/**
 * The REDCap project's variables: `record_id` (the participant code) first, then every column of
 * the long table but the code and the timepoint (REDCap's event says when). A categorical variable
 * is a dropdown when its codes are REDCap codes (letters, digits, underscores); otherwise (masked
 * labels with a space) a text field.
 */
export function redcapColumns(study: ExportStudy): ExportColumn[] {
  const cols = exportColumns(study).filter((c) => c.name !== 'participant_code' && c.name !== 'timepoint');
  return [
    { name: 'record_id', label: 'Participant code (pseudonymous)', type: 'text', level: 'participant', value: (p) => p.code },
    ...cols,
  ];
}

/** The REDCap data dictionary (one form, `kindred_export`), as rows with REDCap's header. */
export function redcapDictionaryRows(study: ExportStudy): string[][] {
  const rows: string[][] = [[...REDCAP_DICTIONARY_HEADER]];
  for (const c of redcapColumns(study)) {
    const row = new Array<string>(REDCAP_DICTIONARY_HEADER.length).fill('');
    row[0] = c.name;
    row[1] = REDCAP_FORM;
    row[4] = c.label;
    const coded = c.choices && c.choices.every((x) => REDCAP_CODE.test(x.code));
    if (c.type === 'binary') {
      row[3] = 'yesno';
    } else if ((c.type === 'categorical' || c.type === 'text') && c.choices && coded) {
      row[3] = 'dropdown';
      row[5] = c.choices.map((x) => `${x.code}, ${x.label.replace(/[|,]/g, ' ')}`).join(' | ');
    } else {
      row[3] = 'text';
      if (c.type === 'integer') row[7] = 'integer';
      if (c.type === 'number') row[7] = 'number';
      if (c.min !== undefined) row[8] = String(c.min);
      if (c.max !== undefined) row[9] = String(c.max);
      if (c.choices && !coded) row[6] = `One of: ${c.choices.map((x) => x.code).join(', ')}`;
    }
    if (c.units) row[6] = row[6] ? `${row[6]}; ${c.units}` : c.units;
    rows.push(row);
  }
  return rows;
}

/** REDCap's unique event name for a timepoint in a one-arm longitudinal project: `<key>_arm_1`. */
export function redcapEventName(t: Pick<ExportTimepoint, 'key'>): string {
  return `${variableName(t.key)}_arm_1`.slice(0, 100);
}

/**
 * The REDCap import file: one row per record × event (`record_id`, `redcap_event_name`, then the
 * dictionary's fields). Participant-level fields stand on every event's row, as in the long table.
 */
export function redcapImportRows(study: ExportStudy, people: readonly ExportParticipant[]): string[][] {
  const cols = redcapColumns(study);
  const rows: string[][] = [[cols[0]!.name, 'redcap_event_name', ...cols.slice(1).map((c) => c.name)]];
  for (const p of [...people].sort(byCode))
    for (const t of study.timepoints)
      rows.push([cols[0]!.value(p, t), redcapEventName(t), ...cols.slice(1).map((c) => c.value(p, t))]);
  return rows;
}
