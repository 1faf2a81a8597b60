import type { Parsed } from './definition';

/**
 * Parses CSV as RFC 4180 writes it (and REDCap exports it): comma-separated fields, fields in double
 * quotes may hold commas, line breaks and doubled quotes (`""`); CRLF, LF or CR end a record; a
 * leading byte-order mark and a final line break are ignored. A stray quote is a problem, not a guess.
 */
export function parseCsv(text: string): Parsed<string[][]> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let isQuoted = false;
  let quoteOpenedOn = 0;
  let afterClosingQuote = false;

  const endField = () => {
    row.push(field);
    field = '';
    afterClosingQuote = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };

  while (i < text.length) {
    const c = text[i]!;
    if (isQuoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        isQuoted = false;
        afterClosingQuote = true;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === ',') {
      endField();
    } else if (c === '\r' || c === '\n') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
    } else if (afterClosingQuote) {
      return {
        ok: false,
        problems: [
          { where: `line ${line}`, message: 'text after a closing quote; a quoted field must end at a comma or line end' },
        ],
      };
    } else if (c === '"') {
      if (field !== '') {
        return {
          ok: false,
          problems: [
            { where: `line ${line}`, message: 'a quote inside an unquoted field; quote the whole field and double the quote' },
          ],
        };
      }
      isQuoted = true;
      quoteOpenedOn = line;
    } else {
      field += c;
    }
    i++;
  }
  if (isQuoted) {
    return { ok: false, problems: [{ where: `line ${quoteOpenedOn}`, message: 'a quoted field is never closed' }] };
  }
  if (field !== '' || row.length > 0 || afterClosingQuote) endRow();
  return { ok: true, value: rows };
}
