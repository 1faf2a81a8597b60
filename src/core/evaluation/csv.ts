import { parse } from 'csv-parse/sync';
import { AnalysisInputError } from './errors';

/** A CSV file read into columns of trimmed text cells; row i of the data is line i + 2 of the file. */
export interface CsvTable {
  header: string[];
  rows: number;
  column(name: string): string[];
}

/**
 * Parses CSV text (RFC 4180: commas, double-quoted fields, a header row; a UTF-8 BOM is dropped)
 * into a table. A malformed file is an input error naming the line, never the cell's content.
 */
export function parseCsv(text: string): CsvTable {
  let records: string[][];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (err) {
    const e = err as { code?: string; lines?: number };
    throw new AnalysisInputError(
      `The file is not valid CSV${e.lines ? ` (near line ${e.lines})` : ''}${e.code ? `: ${e.code.toLowerCase().replace(/^csv_/, '').replaceAll('_', ' ')}` : ''}`,
    );
  }
  const header = records[0];
  if (!header || header.length === 0) throw new AnalysisInputError('The file is empty: a header row is needed');
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '') throw new AnalysisInputError('The header row has an empty column name');
    if (seen.has(name)) throw new AnalysisInputError(`The header row names column "${name}" twice`);
    seen.add(name);
  }
  const rows = records.length - 1;
  const cache = new Map<string, string[]>();
  return {
    header,
    rows,
    column(name) {
      const at = header.indexOf(name);
      if (at < 0) throw new AnalysisInputError(`There is no column "${name}" in the file (columns: ${header.join(', ')})`);
      let cells = cache.get(name);
      if (!cells) {
        cells = new Array<string>(rows);
        for (let i = 0; i < rows; i++) cells[i] = records[i + 1]![at]!;
        cache.set(name, cells);
      }
      return cells;
    },
  };
}

/** Missing-value cells: empty, or R's `NA`. */
export const isMissing = (cell: string): boolean => cell === '' || cell === 'NA';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number a cell holds, NaN when missing, undefined when it holds something else. */
export function cellNumber(cell: string): number | undefined {
  if (isMissing(cell)) return NaN;
  return NUMBER.test(cell) ? Number(cell) : undefined;
}
