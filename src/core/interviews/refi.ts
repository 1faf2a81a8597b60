/**
 * REFI-QDA exchange (issue #13, ADR 0032): the project as `project.qde` (QDA-XML 1.0, namespace
 * urn:QDA-XML:project:1.0, valid against Project-mrt2019.xsd) and the `.qdpx` entries (project.qde
 * plus sources/<guid>.txt), and the codebook as `.qdc` (urn:QDA-XML:codebook:1.0). Positions in
 * PlainTextSelection count Unicode characters (code points), as the standard does; Kindred's offsets
 * are JavaScript's UTF-16 units and are converted here. Pure: building text, no I/O.
 */

export interface QdaUser {
  guid: string;
  name: string;
}

export interface QdaCode {
  guid: string;
  name: string;
  description: string | null;
  /** `#RRGGBB`, or null. */
  color?: string | null;
  children: QdaCode[];
  /** Memos written on the code. */
  noteGuids: string[];
}

export interface QdaSelection {
  guid: string;
  start: number;
  end: number;
  creatingUser: string;
  createdAt: Date;
  /** The coding on this selection (absent for a selection that only carries memos). */
  coding: { guid: string; codeGuid: string } | null;
  noteGuids: string[];
}

export interface QdaSource {
  guid: string;
  name: string;
  text: string;
  creatingUser: string;
  createdAt: Date;
  selections: QdaSelection[];
  noteGuids: string[];
}

export interface QdaNote {
  guid: string;
  name: string;
  text: string;
  creatingUser: string;
  createdAt: Date;
}

export interface QdaVariable {
  guid: string;
  name: string;
  type: 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date';
}

export interface QdaCase {
  guid: string;
  name: string;
  values: { variableGuid: string; value: string | number | boolean }[];
  sourceGuids: string[];
}

export interface QdaProject {
  name: string;
  description: string | null;
  createdAt: Date;
  creatingUser: string | null;
  users: QdaUser[];
  codes: QdaCode[];
  variables: QdaVariable[];
  cases: QdaCase[];
  sources: QdaSource[];
  notes: QdaNote[];
}

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot hold. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

/** A UTF-16 offset of `text` as a count of Unicode characters (code points) before it. */
export function codePointOffset(text: string, utf16: number): number {
  return [...text.slice(0, utf16)].length;
}

/** xsd:dateTime in UTC with seconds. */
const dateTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

const attrs = (a: Record<string, string | number | boolean | null | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

const noteRefs = (guids: readonly string[], pad: string) =>
  guids.map((g) => `${pad}<NoteRef${attrs({ targetGUID: g })}/>\n`).join('');

function codeXml(c: QdaCode, pad: string): string {
  const inner =
    (c.description ? `${pad}  <Description>${xmlEscape(c.description)}</Description>\n` : '') +
    noteRefs(c.noteGuids, `${pad}  `) +
    c.children.map((ch) => codeXml(ch, `${pad}  `)).join('');
  const open = `${pad}<Code${attrs({ guid: c.guid, name: c.name, isCodable: true, color: c.color })}`;
  return inner ? `${open}>\n${inner}${pad}</Code>\n` : `${open}/>\n`;
}

function codesXml(codes: readonly QdaCode[], pad: string): string {
  return `${pad}<Codes>\n${codes.map((c) => codeXml(c, `${pad}  `)).join('')}${pad}</Codes>\n`;
}

function valueXml(v: string | number | boolean, type: QdaVariable['type']): string {
  if (type === 'Boolean') return `<BooleanValue>${v ? 'true' : 'false'}</BooleanValue>`;
  if (type === 'Integer') return `<IntegerValue>${Math.trunc(Number(v))}</IntegerValue>`;
  if (type === 'Float') return `<FloatValue>${Number(v)}</FloatValue>`;
  if (type === 'Date') return `<DateValue>${xmlEscape(String(v))}</DateValue>`;
  return `<TextValue>${xmlEscape(String(v))}</TextValue>`;
}

/** Where a source's text lives: inside project.qde, or in the .qdpx's sources folder. */
export type SourceText = 'embedded' | 'internal';

function sourceXml(s: QdaSource, text: SourceText): string {
  const head = `    <TextSource${attrs({
    guid: s.guid,
    name: s.name,
    plainTextPath: text === 'internal' ? `internal://${s.guid}.txt` : null,
    creatingUser: s.creatingUser,
    creationDateTime: dateTime(s.createdAt),
  })}>\n`;
  // The schema allows PlainTextContent or plainTextPath, not both.
  const content = text === 'embedded' ? `      <PlainTextContent>${xmlEscape(s.text)}</PlainTextContent>\n` : '';
  const selections = [...s.selections]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((sel) => {
      const coding = sel.coding
        ? `        <Coding${attrs({ guid: sel.coding.guid, creatingUser: sel.creatingUser, creationDateTime: dateTime(sel.createdAt) })}>\n` +
          `          <CodeRef${attrs({ targetGUID: sel.coding.codeGuid })}/>\n        </Coding>\n`
        : '';
      return (
        `      <PlainTextSelection${attrs({
          guid: sel.guid,
          name: s.text.slice(sel.start, sel.end).slice(0, 60),
          startPosition: codePointOffset(s.text, sel.start),
          endPosition: codePointOffset(s.text, sel.end),
          creatingUser: sel.creatingUser,
          creationDateTime: dateTime(sel.createdAt),
        })}>\n` +
        coding +
        noteRefs(sel.noteGuids, '        ') +
        `      </PlainTextSelection>\n`
      );
    })
    .join('');
  return head + content + selections + noteRefs(s.noteGuids, '      ') + '    </TextSource>\n';
}

/** The `project.qde` document. Empty collections are left out (the schema wants at least one member). */
export function buildProjectXml(p: QdaProject, text: SourceText = 'embedded'): string {
  let x = '<?xml version="1.0" encoding="utf-8"?>\n';
  x += `<Project${attrs({
    xmlns: 'urn:QDA-XML:project:1.0',
    name: p.name,
    origin: 'Kindred',
    creatingUserGUID: p.creatingUser,
    creationDateTime: dateTime(p.createdAt),
  })}>\n`;
  if (p.users.length)
    x += `  <Users>\n${p.users.map((u) => `    <User${attrs({ guid: u.guid, name: u.name })}/>\n`).join('')}  </Users>\n`;
  if (p.codes.length) x += `  <CodeBook>\n${codesXml(p.codes, '    ')}  </CodeBook>\n`;
  if (p.variables.length)
    x += `  <Variables>\n${p.variables
      .map((v) => `    <Variable${attrs({ guid: v.guid, name: v.name, typeOfVariable: v.type })}/>\n`)
      .join('')}  </Variables>\n`;
  if (p.cases.length) {
    const typeOf = new Map(p.variables.map((v) => [v.guid, v.type]));
    x += `  <Cases>\n${p.cases
      .map(
        (c) =>
          `    <Case${attrs({ guid: c.guid, name: c.name })}>\n` +
          c.values
            .map(
              (v) =>
                `      <VariableValue>\n        <VariableRef${attrs({ targetGUID: v.variableGuid })}/>\n        ${valueXml(v.value, typeOf.get(v.variableGuid) ?? 'Text')}\n      </VariableValue>\n`,
            )
            .join('') +
          c.sourceGuids.map((g) => `      <SourceRef${attrs({ targetGUID: g })}/>\n`).join('') +
          '    </Case>\n',
      )
      .join('')}  </Cases>\n`;
  }
  if (p.sources.length) x += `  <Sources>\n${p.sources.map((s) => sourceXml(s, text)).join('')}  </Sources>\n`;
  if (p.notes.length)
    x += `  <Notes>\n${p.notes
      .map(
        (n) =>
          `    <Note${attrs({ guid: n.guid, name: n.name, creatingUser: n.creatingUser, creationDateTime: dateTime(n.createdAt) })}>\n` +
          `      <PlainTextContent>${xmlEscape(n.text)}</PlainTextContent>\n    </Note>\n`,
      )
      .join('')}  </Notes>\n`;
  if (p.description) x += `  <Description>${xmlEscape(p.description)}</Description>\n`;
  return x + '</Project>\n';
}

/** The `.qdc` codebook: the code tree alone, in the codebook namespace. */
export function buildCodebookXml(codes: readonly QdaCode[]): string {
  const plain = (c: QdaCode): QdaCode => ({ ...c, noteGuids: [], children: c.children.map(plain) });
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Kindred">\n' +
    (codes.length ? codesXml(codes.map(plain), '  ') : '') +
    '</CodeBook>\n'
  );
}

/** The files of a `.qdpx` archive: project.qde with sources by path, and each source's text. */
export function qdpxEntries(p: QdaProject): { path: string; content: string }[] {
  return [
    { path: 'project.qde', content: buildProjectXml(p, 'internal') },
    ...p.sources.map((s) => ({ path: `sources/${s.guid}.txt`, content: s.text })),
  ];
}

/** A code's description in the exchange file: definition, when to use, when not to, example. */
export function describeCode(c: {
  definition: string | null;
  whenToUse: string | null;
  whenNotToUse: string | null;
  example: string | null;
}): string | null {
  const parts = [
    c.definition,
    c.whenToUse ? `When to use: ${c.whenToUse}` : null,
    c.whenNotToUse ? `When not to use: ${c.whenNotToUse}` : null,
    c.example ? `Example: ${c.example}` : null,
  ].filter((s): s is string => !!s && s.trim() !== '');
  return parts.length ? parts.join('\n\n') : null;
}
