import { describe, expect, it } from 'vitest';
import {
  buildCodebookXml,
  buildProjectXml,
  codePointOffset,
  parseCodebook,
  qdpxEntries,
  type QdaProject,
} from '../../../core/interviews';
import { prefixedCodebook, qualcoderCodebook } from '../../../core/interviews/fixtures/codebooks';
import { readZip, writeZip } from '../../platform/zip';
import { validateCodebook, validateProject } from './refi.testing';

const g = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = new Date('2026-03-02T15:00:00.123Z');
const text = 'Interviewer: How was it?\n[Participant 1]: It gave me hope — “a positive distraction” 😀 & more.';

const project: QdaProject = {
  name: 'Why coaching helped <or not>',
  description: 'Semi-structured interviews',
  createdAt: at,
  creatingUser: g(1),
  users: [
    { guid: g(1), name: 'Coder One' },
    { guid: g(2), name: 'Coder Two' },
  ],
  codes: [
    {
      guid: g(10),
      name: 'Benefits',
      description: null,
      noteGuids: [],
      children: [
        {
          guid: g(11),
          name: 'Hope',
          description: 'Encouragement and hope\n\nWhen to use: …',
          color: '#6B8E23',
          children: [],
          noteGuids: [g(40)],
        },
      ],
    },
  ],
  variables: [
    { guid: g(50), name: 'Audience', type: 'Text' },
    { guid: g(51), name: 'Interviewed on', type: 'Date' },
  ],
  cases: [
    {
      guid: g(60),
      name: 'Interview 1',
      values: [
        { variableGuid: g(50), value: 'participants' },
        { variableGuid: g(51), value: '2026-02-20' },
      ],
      sourceGuids: [g(20)],
    },
  ],
  sources: [
    {
      guid: g(20),
      name: 'Interview 1',
      text,
      creatingUser: g(1),
      createdAt: at,
      noteGuids: [g(41)],
      selections: [
        {
          guid: g(30),
          start: text.indexOf('It gave'),
          end: text.length,
          creatingUser: g(1),
          createdAt: at,
          coding: { guid: g(31), codeGuid: g(11) },
          noteGuids: [],
        },
        {
          guid: g(32),
          start: text.indexOf('hope'),
          end: text.indexOf(' &'),
          creatingUser: g(2),
          createdAt: at,
          coding: { guid: g(33), codeGuid: g(11) },
          noteGuids: [g(42)],
        },
      ],
    },
  ],
  notes: [
    { guid: g(40), name: 'On the code', text: 'Keep apart from encouragement?', creatingUser: g(1), createdAt: at },
    { guid: g(41), name: 'On the interview', text: 'Short & warm.', creatingUser: g(2), createdAt: at },
    { guid: g(42), name: 'On a passage', text: 'Quote for the report', creatingUser: g(2), createdAt: at },
  ],
};

describe('REFI-QDA project.qde', () => {
  it('is valid against the published schema, text embedded or by path', async () => {
    for (const mode of ['embedded', 'internal'] as const) {
      const result = await validateProject(buildProjectXml(project, mode));
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it('fails validation when the schema is broken (the check is real)', async () => {
    const broken = buildProjectXml(project).replace('isCodable="true"', '');
    expect((await validateProject(broken)).valid).toBe(false);
  });

  it('holds selections per coder with code-point positions and codings that point at codes', () => {
    const xml = buildProjectXml(project);
    const start = codePointOffset(text, text.indexOf('It gave'));
    // The emoji is two UTF-16 units and one character: the end position counts it once.
    expect(codePointOffset(text, text.length)).toBe(text.length - 1);
    expect(xml).toContain(`startPosition="${start}" endPosition="${text.length - 1}" creatingUser="${g(1)}"`);
    expect(xml).toMatch(new RegExp(`<Coding guid="${g(33)}" creatingUser="${g(2)}"[^>]*>\\s*<CodeRef targetGUID="${g(11)}"/>`));
    expect(xml).toContain('name="Why coaching helped &lt;or not&gt;"');
  });

  it('makes a .qdpx whose project points at its sources in the archive', async () => {
    const files = readZip(writeZip(qdpxEntries(project).map((e) => ({ path: e.path, data: Buffer.from(e.content, 'utf8') }))));
    expect(files.map((f) => f.path)).toEqual(['project.qde', `sources/${g(20)}.txt`]);
    const qde = Buffer.from(files[0]!.data).toString('utf8');
    expect(qde).toContain(`plainTextPath="internal://${g(20)}.txt"`);
    expect(qde).not.toContain('<PlainTextContent>Interviewer');
    expect(Buffer.from(files[1]!.data).toString('utf8')).toBe(text);
    expect((await validateProject(qde)).valid).toBe(true);
  });
});

describe('REFI-QDA codebook .qdc', () => {
  it('holds the code tree in the codebook namespace and is valid as a project codebook', async () => {
    const qdc = buildCodebookXml(project.codes);
    expect(qdc).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"');
    expect(qdc).not.toContain('NoteRef');
    const result = await validateCodebook(qdc);
    expect(result.errors).toEqual([]);
  });
});

describe('codebooks Kindred imports (ADR 0053)', () => {
  it('reads only what the schema accepts: the hand-written QualCoder- and NVivo-style files are valid', async () => {
    for (const qdc of [qualcoderCodebook, prefixedCodebook]) {
      const result = await validateCodebook(qdc);
      expect(result.errors).toEqual([]);
      expect(parseCodebook(qdc).length).toBeGreaterThan(0);
    }
  });

  it('writes colors the schema accepts, and refuses what the schema refuses', async () => {
    const qdc = buildCodebookXml(project.codes);
    expect(qdc).toContain('color="#6B8E23"');
    expect((await validateCodebook(qdc)).valid).toBe(true);
    const broken = qdc.replace(' isCodable="true"', '');
    expect((await validateCodebook(broken)).valid).toBe(false);
    expect(() => parseCodebook(broken)).toThrow(/codable/);
  });
});
