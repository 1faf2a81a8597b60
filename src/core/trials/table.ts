import type { Arm, StratumField } from './design';
import { stratumKey } from './design';

/** One row of an uploaded allocation table, resolved to keys: the arm and the stratum it serves. */
export interface TableRow {
  arm: string;
  stratum: string;
}

export interface TableSummary {
  rows: number;
  /** Per stratum: how many rows each arm has. */
  strata: { stratum: string; counts: Record<string, number> }[];
}

export type TableCheck = { ok: true; rows: TableRow[]; summary: TableSummary } | { ok: false; errors: string[] };

/** Splits CSV text into records (RFC 4180 quoting; CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Resolves a value given as a key or, as REDCap writes choices, a 1-based code. */
function resolve(value: string, keys: readonly string[]): string | undefined {
  const v = value.trim();
  if (keys.includes(v)) return v;
  if (/^\d+$/.test(v)) return keys[Number(v) - 1];
  return undefined;
}

/**
 * Parses and checks an allocation table in REDCap's format: a header naming the randomization field
 * (`field`, or REDCap's `redcap_randomization_group`) and one column per stratification field, then
 * one allocation per row in order; `redcap_randomization_number` and `redcap_randomization_dag`
 * columns are accepted and ignored. Arms and levels may be given as keys or as 1-based codes.
 * Every problem is reported with its line number; a table with any problem is refused whole.
 */
export function checkAllocationTable(
  text: string,
  arms: readonly Pick<Arm, 'key'>[],
  strata: readonly StratumField[],
  field: string,
): TableCheck {
  const records = parseCsv(text);
  const errors: string[] = [];
  const header = (records[0] ?? []).map((h) => h.trim());
  if (header.length === 0) return { ok: false, errors: ['The file is empty'] };
  const armCol = header.findIndex((h) => h === field || h === 'redcap_randomization_group');
  if (armCol < 0) errors.push(`Line 1: no column named "${field}" for the arm`);
  const strataCols = strata.map((s) => ({ s, col: header.indexOf(s.key) }));
  for (const { s, col } of strataCols) if (col < 0) errors.push(`Line 1: no column for the stratum "${s.key}"`);
  const known = new Set([
    field,
    'redcap_randomization_group',
    'redcap_randomization_number',
    'redcap_randomization_dag',
    ...strata.map((s) => s.key),
  ]);
  for (const h of header) if (!known.has(h)) errors.push(`Line 1: unexpected column "${h}"`);
  if (errors.length > 0) return { ok: false, errors };
  if (records.length < 2) return { ok: false, errors: ['The table has no allocations'] };

  const armKeys = arms.map((a) => a.key);
  const rows: TableRow[] = [];
  records.slice(1).forEach((rec, i) => {
    const line = i + 2;
    if (rec.length !== header.length) {
      errors.push(`Line ${line}: ${rec.length} values for ${header.length} columns`);
      return;
    }
    const arm = resolve(rec[armCol] ?? '', armKeys);
    if (!arm) errors.push(`Line ${line}: "${(rec[armCol] ?? '').trim()}" is not an arm of this study`);
    const values: Record<string, string> = {};
    for (const { s, col } of strataCols) {
      const level = resolve(
        rec[col] ?? '',
        s.levels.map((l) => l.key),
      );
      if (!level) errors.push(`Line ${line}: "${(rec[col] ?? '').trim()}" is not a level of ${s.key}`);
      else values[s.key] = level;
    }
    if (arm && Object.keys(values).length === strata.length) rows.push({ arm, stratum: stratumKey(strata, values) });
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, rows, summary: summarizeTable(rows, armKeys) };
}

/** Counts a table's rows per stratum and arm (the balance a trialist checks before using it). */
export function summarizeTable(rows: readonly TableRow[], armKeys: readonly string[]): TableSummary {
  const byStratum = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const counts = byStratum.get(r.stratum) ?? Object.fromEntries(armKeys.map((k) => [k, 0]));
    counts[r.arm] = (counts[r.arm] ?? 0) + 1;
    byStratum.set(r.stratum, counts);
  }
  return { rows: rows.length, strata: [...byStratum].map(([stratum, counts]) => ({ stratum, counts })) };
}
