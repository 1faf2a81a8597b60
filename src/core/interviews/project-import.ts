import { readCodes, REFI_GUID, CodebookError, type ImportedCode } from './codebook';
import { remapOffset, type Replacement } from './deidentify';
import { parseXml, XmlError, type XmlElement } from './xml';

/**
 * Reading a REFI-QDA project (`project.qde` of a `.qdpx`; ADR 0055) into what Kindred can hold:
 * the code tree, text sources with their selections and codings by user, notes on sources,
 * selections, codes and the project. Cases, variables, sets, links, graphs and non-text sources
 * are counted, not read. Positions in the file count Unicode characters; they come out as
 * JavaScript's UTF-16 offsets of the source's text with its line ends made `\n`. Pure: no I/O.
 */

export const PROJECT_NS = 'urn:QDA-XML:project:1.0';
/** The largest `.qdpx` accepted, and what its entries may unpack to in all. */
export const MAX_QDPX_BYTES = 20 * 1024 * 1024;
export const MAX_QDPX_UNPACKED_BYTES = 64 * 1024 * 1024;
const LIMITS = { sources: 500, selections: 100_000, notes: 20_000, users: 500, sourceChars: 2_000_000, label: 120 };

export type ProjectRefusal =
  | 'project_not_zip'
  | 'project_too_large'
  | 'project_no_qde'
  | 'project_not_refi'
  | 'project_invalid'
  | 'project_source_missing'
  | 'project_selection_outside'
  | 'project_unknown_code';

/** A refused project, with a stable reason and plain words that name a part by position, never its words. */
export class ProjectImportError extends Error {
  constructor(
    readonly reason: ProjectRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectImportError';
  }
}

/** One coding of a span, by the file's user ('' when the file names nobody). */
export interface ImportedCoding {
  codeGuid: string;
  userGuid: string;
  start: number;
  end: number;
  createdAt: Date | null;
}

export interface ImportedSource {
  guid: string;
  name: string;
  text: string;
  codings: ImportedCoding[];
  /** Notes on a passage (a selection's NoteRef). */
  passageNotes: { noteGuid: string; start: number; end: number }[];
  /** Notes on the whole source. */
  noteGuids: string[];
}

export interface ImportedNote {
  guid: string;
  text: string;
  userGuid: string;
  createdAt: Date | null;
}

export interface ImportedProject {
  name: string;
  users: { guid: string; name: string }[];
  codes: ImportedCode[];
  /** Notes on codes, by the code's GUID. */
  codeNotes: { codeGuid: string; noteGuid: string }[];
  sources: ImportedSource[];
  notes: ImportedNote[];
  /** What Kindred does not read, counted for the report. */
  cases: number;
  otherSources: number;
}

const fail = (reason: ProjectRefusal, message: string): never => {
  throw new ProjectImportError(reason, message);
};
const invalid = (message: string): never => fail('project_invalid', message);

/** The project schema's order of a Project's parts (QDA-XML 1.0, ProjectType). */
const PROJECT_PARTS = [
  'Users',
  'CodeBook',
  'Variables',
  'Cases',
  'Sources',
  'Notes',
  'Links',
  'Sets',
  'Graphs',
  'Description',
  'NoteRef',
];
const SOURCE_PARTS = ['Description', 'PlainTextContent', 'PlainTextSelection', 'Coding', 'NoteRef', 'VariableValue'];
const SELECTION_PARTS = ['Description', 'Coding', 'NoteRef'];

/** Refuses an element whose children are not the schema's, or not in its order (`repeatable`: parts that may appear more than once). */
function inOrder(el: XmlElement, parts: readonly string[], where: string, repeatable: readonly string[] = []): void {
  let last = -1;
  for (const c of el.children) {
    const k = parts.indexOf(c.name);
    if (c.ns !== PROJECT_NS || k < 0) invalid(`${where} holds an element a project does not have (${c.name})`);
    if (k < last || (k === last && !repeatable.includes(c.name))) invalid(`${where} has its parts out of order`);
    last = k;
  }
}

const guidOf = (el: XmlElement, where: string): string => {
  const g = el.attrs.guid?.trim();
  if (!g || !REFI_GUID.test(g)) invalid(`${where} has no valid guid`);
  return g!.toLowerCase();
};
const refOf = (el: XmlElement, where: string): string => {
  const g = el.attrs.targetGUID?.trim();
  if (!g || !REFI_GUID.test(g)) invalid(`${where} refers to no valid guid`);
  return g!.toLowerCase();
};
const userOf = (el: XmlElement, where: string): string | null => {
  const g = el.attrs.creatingUser?.trim();
  if (g === undefined) return null;
  if (!REFI_GUID.test(g)) invalid(`${where} names its user by no valid guid`);
  return g.toLowerCase();
};
const dateOf = (el: XmlElement): Date | null => {
  const d = el.attrs.creationDateTime ? new Date(el.attrs.creationDateTime) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};
const integerOf = (el: XmlElement, attr: string, where: string): number => {
  const v = el.attrs[attr]?.trim() ?? '';
  if (!/^[+-]?\d{1,10}$/.test(v)) invalid(`${where} has no whole-number ${attr}`);
  return Number(v);
};

/**
 * A source's text as Kindred keeps it (line ends `\n`, no byte order mark) and, for each Unicode
 * character position of the original (0…length), the UTF-16 offset it lands on.
 */
export function normalizeSourceText(original: string): { text: string; at: number[] } {
  const chars = [...original];
  const at: number[] = [];
  let text = '';
  chars.forEach((ch, i) => {
    at.push(text.length);
    if (ch === '\uFEFF' && i === 0) return;
    if (ch === '\r') {
      if (chars[i + 1] !== '\n') text += '\n';
      return;
    }
    text += ch;
  });
  at.push(text.length);
  return { text, at };
}

/** The entry a `plainTextPath` names inside the archive ("internal://x.txt" is sources/x.txt), or null for a path outside it. */
export function internalEntryPath(plainTextPath: string): string | null {
  const m = /^internal:\/\/([^/\\]+)$/.exec(plainTextPath.trim());
  return m ? m[1]! : null;
}

/**
 * Reads a `project.qde`. `readSource` gives the text of an archive entry of the sources folder by
 * file name, or null. Refuses (ProjectImportError) a file not XML or not a REFI-QDA project, one
 * whose parts are not the schema's, a source whose text is missing, a selection outside its source,
 * and a coding of a code not in the codebook.
 */
export function parseProject(xml: string, readSource: (fileName: string) => string | null): ImportedProject {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return fail('project_not_refi', `This file is not a REFI-QDA project: ${e.message}`);
    throw e;
  }
  if (root.name !== 'Project' || root.ns !== PROJECT_NS) fail('project_not_refi', 'This file is not a REFI-QDA project (.qdpx)');
  if (root.attrs.name === undefined) invalid('The project has no name');
  inOrder(root, PROJECT_PARTS, 'The project', ['NoteRef']);
  const part = (name: string) => root.children.find((c) => c.name === name);

  const users = (part('Users')?.children ?? []).map((u, k) => {
    if (u.name !== 'User') invalid(`The list of users holds an element a project does not have (${u.name})`);
    return { guid: guidOf(u, `User ${k + 1}`), name: (u.attrs.name ?? '').trim() || `User ${k + 1}` };
  });
  if (users.length > LIMITS.users) fail('project_too_large', `This project has more than ${LIMITS.users} users`);

  let codes: ImportedCode[] = [];
  const codeNotes: ImportedProject['codeNotes'] = [];
  const book = part('CodeBook');
  if (book) {
    const codesEl =
      book.children.length === 1 && book.children[0]!.name === 'Codes'
        ? book.children[0]!
        : invalid('The codebook holds no list of codes');
    try {
      codes = readCodes(codesEl!);
    } catch (e) {
      if (e instanceof CodebookError)
        fail(e.reason === 'codebook_too_large' ? 'project_too_large' : 'project_invalid', e.message);
      throw e;
    }
    const walk = (els: readonly XmlElement[]) => {
      for (const el of els) {
        for (const n of el.children.filter((c) => c.name === 'NoteRef'))
          codeNotes.push({ codeGuid: el.attrs.guid!.trim().toLowerCase(), noteGuid: refOf(n, 'A code’s note') });
        walk(el.children.filter((c) => c.name === 'Code'));
      }
    };
    walk(codesEl!.children);
  }
  const codeGuids = new Set<string>();
  const collect = (cs: readonly ImportedCode[]) =>
    cs.forEach((c) => {
      codeGuids.add(c.guid.toLowerCase());
      collect(c.children);
    });
  collect(codes);

  const cases = (part('Cases')?.children ?? []).length;
  const sourceEls = part('Sources')?.children ?? [];
  let otherSources = 0;
  let selectionCount = 0;
  const sources: ImportedSource[] = [];
  sourceEls.forEach((el, k) => {
    const where = `Source ${k + 1}`;
    if (el.name !== 'TextSource') {
      otherSources++;
      return;
    }
    if (sources.length >= LIMITS.sources) fail('project_too_large', `This project has more than ${LIMITS.sources} text sources`);
    inOrder(el, SOURCE_PARTS, where, ['PlainTextSelection', 'Coding', 'NoteRef', 'VariableValue']);
    const guid = guidOf(el, where);
    const inline = el.children.find((c) => c.name === 'PlainTextContent');
    const path = el.attrs.plainTextPath;
    if (inline && path !== undefined) invalid(`${where} has its text both inside the project and in a file`);
    let original: string | null = inline ? inline.text : null;
    if (!inline) {
      const file = path === undefined ? null : internalEntryPath(path);
      original = file === null ? null : readSource(file);
      if (original === null) fail('project_source_missing', `${where} has no text in this file`);
    }
    if (original!.length > LIMITS.sourceChars) fail('project_too_large', `${where} is longer than a transcript may be`);
    const { text, at } = normalizeSourceText(original!);
    const sourceUser = userOf(el, where) ?? '';
    const out: ImportedSource = {
      guid,
      name: (el.attrs.name ?? '').trim().slice(0, LIMITS.label) || `Source ${k + 1}`,
      text,
      codings: [],
      passageNotes: [],
      noteGuids: el.children.filter((c) => c.name === 'NoteRef').map((n) => refOf(n, where)),
    };
    el.children
      .filter((c) => c.name === 'PlainTextSelection')
      .forEach((sel, j) => {
        const w = `Selection ${j + 1} of source ${k + 1}`;
        if (++selectionCount > LIMITS.selections)
          fail('project_too_large', `This project has more than ${LIMITS.selections} selections`);
        inOrder(sel, SELECTION_PARTS, w, ['Coding', 'NoteRef']);
        guidOf(sel, w);
        const startAt = integerOf(sel, 'startPosition', w);
        const endAt = integerOf(sel, 'endPosition', w);
        if (startAt < 0 || endAt <= startAt || endAt >= at.length)
          fail('project_selection_outside', `${w} lies outside its source’s text`);
        const start = at[startAt]!;
        const end = at[endAt]!;
        const selUser = userOf(sel, w) ?? sourceUser;
        for (const coding of sel.children.filter((c) => c.name === 'Coding')) {
          guidOf(coding, w);
          const ref = coding.children.filter((c) => c.name === 'CodeRef');
          if (ref.length !== 1 || coding.children.some((c) => c.name !== 'CodeRef' && c.name !== 'NoteRef'))
            invalid(`${w} has a coding without exactly one code`);
          const codeGuid = refOf(ref[0]!, w);
          if (!codeGuids.has(codeGuid)) fail('project_unknown_code', `${w} is coded with a code that is not in the codebook`);
          out.codings.push({
            codeGuid,
            userGuid: userOf(coding, w) ?? selUser,
            start,
            end,
            createdAt: dateOf(coding) ?? dateOf(sel),
          });
        }
        for (const n of sel.children.filter((c) => c.name === 'NoteRef'))
          out.passageNotes.push({ noteGuid: refOf(n, w), start, end });
      });
    sources.push(out);
  });

  const noteEls = part('Notes')?.children ?? [];
  if (noteEls.length > LIMITS.notes) fail('project_too_large', `This project has more than ${LIMITS.notes} notes`);
  const notes: ImportedNote[] = noteEls.map((n, k) => {
    const where = `Note ${k + 1}`;
    if (n.name !== 'Note') invalid(`The list of notes holds an element a project does not have (${n.name})`);
    inOrder(n, SOURCE_PARTS, where, ['PlainTextSelection', 'Coding', 'NoteRef', 'VariableValue']);
    const inline = n.children.find((c) => c.name === 'PlainTextContent');
    const file = n.attrs.plainTextPath === undefined ? null : internalEntryPath(n.attrs.plainTextPath);
    const text = inline ? inline.text : file === null ? '' : (readSource(file) ?? '');
    return {
      guid: guidOf(n, where),
      text: normalizeSourceText(text).text.trim(),
      userGuid: userOf(n, where) ?? '',
      createdAt: dateOf(n),
    };
  });
  return { name: root.attrs.name!, users, codes, codeNotes, sources, notes, cases, otherSources };
}

/** A memo Kindred will write: on the study (no transcript, no code), a code, a transcript or a passage of one. */
export interface PlannedMemo {
  text: string;
  authorId: string;
  codeId: string | null;
  /** The index of the transcript in `transcripts`, or null. */
  source: number | null;
  start: number | null;
  end: number | null;
}

export interface ProjectImportPlan {
  transcripts: { label: string; text: string; codings: { codeId: string; coderId: string; start: number; end: number }[] }[];
  memos: PlannedMemo[];
  /** Work of file users mapped to nobody (or to the file's unnamed user) that is not imported. */
  skippedCodings: number;
  skippedMemos: number;
}

/**
 * What a project brings into a study (ADR 0055): every text source becomes a transcript; each
 * coding is attributed to the team member its file user is mapped to, and a user mapped to nobody
 * brings nothing (counted). A coding already given by the same coder to the same span with the
 * same code is kept once. A note becomes one memo where it is first referred to (a passage, a
 * source, a code), or a memo on the study when nothing refers to it; empty notes are left out.
 */
export function planProjectImport(
  project: ImportedProject,
  codeIdByGuid: ReadonlyMap<string, string>,
  personOf: Readonly<Record<string, string | null | undefined>>,
): ProjectImportPlan {
  let skippedCodings = 0;
  let skippedMemos = 0;
  const byGuid = new Map([...codeIdByGuid].map(([g, id]) => [g.toLowerCase(), id]));
  const codeId = (guid: string) => byGuid.get(guid.toLowerCase()) ?? null;
  const transcripts = project.sources.map((s) => {
    const seen = new Set<string>();
    const codings: ProjectImportPlan['transcripts'][number]['codings'] = [];
    for (const c of s.codings) {
      const coderId = personOf[c.userGuid] ?? null;
      const id = codeId(c.codeGuid);
      if (!coderId || !id) {
        skippedCodings++;
        continue;
      }
      const key = `${coderId}:${id}:${c.start}:${c.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      codings.push({ codeId: id, coderId, start: c.start, end: c.end });
    }
    return { label: s.name, text: s.text, codings };
  });
  const where = new Map<string, Omit<PlannedMemo, 'text' | 'authorId'>>();
  const place = (noteGuid: string, at: Omit<PlannedMemo, 'text' | 'authorId'>) => {
    if (!where.has(noteGuid)) where.set(noteGuid, at);
  };
  project.sources.forEach((s, i) => {
    s.passageNotes.forEach((n) => place(n.noteGuid, { codeId: null, source: i, start: n.start, end: n.end }));
    s.noteGuids.forEach((g) => place(g, { codeId: null, source: i, start: null, end: null }));
  });
  project.codeNotes.forEach((n) => {
    const id = codeId(n.codeGuid);
    if (id) place(n.noteGuid, { codeId: id, source: null, start: null, end: null });
  });
  const memos: PlannedMemo[] = [];
  for (const n of project.notes) {
    if (n.text === '') continue;
    const authorId = personOf[n.userGuid] ?? null;
    if (!authorId) {
      skippedMemos++;
      continue;
    }
    memos.push({ text: n.text, authorId, ...(where.get(n.guid) ?? { codeId: null, source: null, start: null, end: null }) });
  }
  return { transcripts, memos, skippedCodings, skippedMemos };
}

/**
 * The held-spans rule (ADR 0055): an imported transcript's codings and passage memos wait on its
 * original text until a person confirms the de-identification; then each span moves with the
 * replacements (a boundary inside a replaced name moves to the stand-in's edge, so a span over a
 * name covers its pseudonym). A span left empty (only possible when nothing of it remains) is
 * dropped, and spans that land on the same characters with the same `key` are kept once.
 */
export function shiftHeldSpans<T extends { start: number; end: number }>(
  replacements: readonly Replacement[],
  spans: readonly T[],
  key: (span: T) => string = () => '',
): { kept: T[]; dropped: T[] } {
  const kept: T[] = [];
  const dropped: T[] = [];
  const seen = new Set<string>();
  for (const s of spans) {
    const start = remapOffset(replacements, s.start, 'start');
    const end = remapOffset(replacements, s.end, 'end');
    const moved = { ...s, start, end };
    const k = `${key(s)}:${start}:${end}`;
    if (end <= start || seen.has(k)) dropped.push(s);
    else {
      seen.add(k);
      kept.push(moved);
    }
  }
  return { kept, dropped };
}
