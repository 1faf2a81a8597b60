import { describe, expect, it } from 'vitest';
import {
  buildCodebookXml,
  CodebookError,
  describeCode,
  parseCodebook,
  planCodebookImport,
  readDescription,
  type CodeFields,
  type ImportedCode,
  type QdaCode,
} from '.';
import { prefixedCodebook, qualcoderCodebook } from './fixtures/codebooks';

const g = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const refusal = (xml: string) => {
  try {
    parseCodebook(xml);
  } catch (e) {
    if (e instanceof CodebookError) return e.reason;
    throw e;
  }
  return null;
};
const wrap = (codes: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>${codes}</Codes></CodeBook>`;

/** Kindred's codes as the export writes them: fields into a description, and back. */
const kindred: (CodeFields & { id: number; name: string; color: string | null; children: number[] })[] = [
  {
    id: 1,
    name: 'Benefits <of "coaching">',
    color: '#6B8E23',
    definition: 'What the person gained.\n\nTwo paragraphs, & an ampersand.',
    whenToUse: 'A gain is named.\nEven on two lines.',
    whenNotToUse: null,
    example: '“It gave me hope” 😀',
    children: [2, 3],
  },
  {
    id: 2,
    name: 'Hope',
    color: null,
    definition: null,
    whenToUse: 'Hope is named',
    whenNotToUse: 'Relief only',
    example: null,
    children: [],
  },
  {
    id: 3,
    name: 'Company',
    color: null,
    definition: 'Only a definition\r\nwith a carriage return',
    whenToUse: null,
    whenNotToUse: null,
    example: null,
    children: [4],
  },
  {
    id: 4,
    name: 'Weekly calls',
    color: '#ABCDEF',
    definition: null,
    whenToUse: null,
    whenNotToUse: null,
    example: null,
    children: [],
  },
];

function toQda(id: number): QdaCode {
  const c = kindred.find((k) => k.id === id)!;
  return {
    guid: g(c.id),
    name: c.name,
    description: describeCode(c),
    color: c.color,
    noteGuids: [],
    children: c.children.map(toQda),
  };
}

function strip(c: ImportedCode): unknown {
  const { guid: _guid, children, ...rest } = c;
  return { ...rest, children: children.map(strip) };
}

describe('reading a .qdc codebook', () => {
  it("gives back Kindred's own export as it left: tree, names, colors and the four fields", () => {
    const xml = buildCodebookXml([toQda(1)]);
    const [benefits] = parseCodebook(xml);
    const expected = (id: number): unknown => {
      const { id: _id, children, ...rest } = kindred.find((k) => k.id === id)!;
      return { ...rest, children: children.map(expected) };
    };
    expect(strip(benefits!)).toEqual(expected(1));
    expect(benefits!.guid).toBe(g(1));
  });

  it('reads a QualCoder-style codebook with nesting, colors and labelled descriptions', () => {
    const codes = parseCodebook(qualcoderCodebook);
    expect(codes.map((c) => c.name)).toEqual(['Barriers', 'Benefits & hope']);
    const [barriers, benefits] = codes;
    expect(barriers!.children.map((c) => c.name)).toEqual(['Transport', 'Work']);
    expect(barriers!.color).toBe('#F4A460');
    expect(barriers!.children[0]).toMatchObject({
      definition: 'Getting to the sessions.',
      whenToUse: 'the person names travel, distance, a car or a bus.',
      whenNotToUse: 'time off work (code Work instead).',
      example: '"The bus only runs twice a day."',
    });
    expect(benefits!.definition).toBe('Encouragement, “a positive distraction”.');
  });

  it('reads a prefixed codebook with CDATA, braced GUIDs, short colors and a category that is not codable', () => {
    const [coping] = parseCodebook(prefixedCodebook);
    expect(coping).toMatchObject({
      name: 'Coping',
      color: '#3399CC',
      definition: 'Ways of living with pain.',
      whenToUse: 'strategies the person uses <daily>.',
      whenNotToUse: 'medication only.',
      example: null,
    });
    expect(coping!.children[0]!.children[0]!.name).toBe('Rest breaks');
  });

  it('refuses what is not a codebook, with a stable reason', () => {
    expect(refusal('not xml at all')).toBe('codebook_not_xml');
    expect(refusal(wrap('<Code guid="x"'))).toBe('codebook_not_xml');
    expect(refusal('<!DOCTYPE x [<!ENTITY a "aaaa">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>')).toBe('codebook_not_xml');
    expect(refusal('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>')).toBe('codebook_not_refi');
    expect(refusal('<CodeBook><Codes/></CodeBook>')).toBe('codebook_not_refi');
    expect(refusal(wrap(''))).toBe('codebook_empty');
    expect(refusal(wrap(`<Code guid="${g(1)}" isCodable="true"/>`))).toBe('codebook_invalid');
    expect(refusal(wrap(`<Code guid="nope" name="A" isCodable="true"/>`))).toBe('codebook_invalid');
    expect(refusal(wrap(`<Code guid="${g(1)}" name="A"/>`))).toBe('codebook_invalid');
    expect(refusal(wrap(`<Code guid="${g(1)}" name="A" isCodable="true" color="red"/>`))).toBe('codebook_invalid');
    expect(
      refusal(
        wrap(
          `<Code guid="${g(1)}" name="A" isCodable="true"><Code guid="${g(2)}" name="B" isCodable="true"/><Description>late</Description></Code>`,
        ),
      ),
    ).toBe('codebook_invalid');
    expect(
      refusal(wrap(`<Code guid="${g(1)}" name="A" isCodable="true"/><Code guid="${g(2)}" name="a" isCodable="true"/>`)),
    ).toBe('codebook_duplicate_names');
    expect(refusal(wrap(`<Code guid="${g(1)}" name="${'x'.repeat(121)}" isCodable="true"/>`))).toBe('codebook_invalid');
    expect(
      refusal(wrap(`<Code guid="${g(1)}" name="A" isCodable="true"><Description>${'x'.repeat(1_000_001)}</Description></Code>`)),
    ).toBe('codebook_too_large');
    const many = Array.from({ length: 2001 }, (_, k) => `<Code guid="${g(k + 1)}" name="C${k}" isCodable="true"/>`).join('');
    expect(refusal(wrap(many))).toBe('codebook_too_large');
  });
});

describe('the parts of a description', () => {
  it('is all definition without labels, and puts repeated labels together', () => {
    expect(readDescription('Just words.\nWhen to usefully apply it')).toEqual({
      definition: 'Just words.\nWhen to usefully apply it',
      whenToUse: null,
      whenNotToUse: null,
      example: null,
    });
    expect(readDescription('Examples: one\n\nExample: two')).toMatchObject({ definition: null, example: 'one\n\ntwo' });
    expect(readDescription(null)).toEqual({ definition: null, whenToUse: null, whenNotToUse: null, example: null });
  });
});

describe('planning an import into a codebook', () => {
  const code = (name: string, children: ImportedCode[] = []): ImportedCode => ({
    guid: g(0),
    name,
    color: null,
    definition: null,
    whenToUse: null,
    whenNotToUse: null,
    example: null,
    children,
  });

  it('keeps codes already there (any case) and merges the file’s codes under them', () => {
    let n = 0;
    const plan = planCodebookImport(
      [
        { id: 'b', parentId: null, name: 'Benefits' },
        { id: 'h', parentId: 'b', name: 'Hope' },
        { id: 'x', parentId: 'other', name: 'Relief' },
      ],
      [code('benefits', [code('HOPE'), code('Relief', [code('Sleep')])]), code('Barriers')],
      () => `new${++n}`,
    );
    expect(plan.alreadyThere).toEqual(['benefits', 'benefits > HOPE']);
    expect(plan.create.map((c) => [c.id, c.parentId, c.name])).toEqual([
      ['new1', 'b', 'Relief'],
      ['new2', 'new1', 'Sleep'],
      ['new3', null, 'Barriers'],
    ]);
  });
});
