import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV', () => {
  it('quotes what needs quoting, leaves empty cells for nothing, and ends lines with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b, c'],
        [
          [1, 'say "hi"'],
          [null, true],
          [0.5, 'two\nlines'],
        ],
      ),
    ).toBe('a,"b, c"\r\n1,"say ""hi"""\r\n,true\r\n0.5,"two\nlines"\r\n');
  });

  it('keeps a text cell from being read as a spreadsheet formula', () => {
    expect(toCsv(['x'], [['=1+1'], [-3]])).toBe("x\r\n'=1+1\r\n-3\r\n");
  });
});
