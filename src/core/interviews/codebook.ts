import { parseXml, XmlError, type XmlElement } from './xml';

/**
 * Reading a REFI-QDA codebook (`.qdc`, urn:QDA-XML:codebook:1.0; ADR 0053) into Kindred's code
 * tree. Nested Code elements keep their hierarchy; name and color are kept; a code's Description is
 * split into Kindred's four fields by the labels `describeCode` writes ("When to use:", "When not
 * to use:", "Example:" at the start of a line; also "Inclusion criteria:", "Exclusion criteria:"); the text before the first label is the
 * definition, and a description with no label is all definition. So Kindred's own export comes back
 * as it left. Pure: no I/O.
 */

export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';
/** The largest codebook read: a codebook of a thousand codes with long descriptions is well under it. */
export const MAX_CODEBOOK_CHARS = 1_000_000;
export const MAX_CODEBOOK_CODES = 2000;
export const MAX_CODEBOOK_DEPTH = 20;

export interface CodeFields {
  definition: string | null;
  whenToUse: string | null;
  whenNotToUse: string | null;
  example: string | null;
}

export interface ImportedCode extends CodeFields {
  /** The code's GUID in the file (kept only to report; Kindred gives each imported code its own id). */
  guid: string;
  name: string;
  /** `#RRGGBB` (a `#RGB` in the file is widened), or null. */
  color: string | null;
  children: ImportedCode[];
}

export type CodebookRefusal =
  | 'codebook_too_large'
  | 'codebook_not_xml'
  | 'codebook_not_refi'
  | 'codebook_invalid'
  | 'codebook_empty'
  | 'codebook_duplicate_names';

export class CodebookError extends Error {
  constructor(
    readonly reason: CodebookRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'CodebookError';
  }
}

/** A GUID as REFI-QDA writes one (with or without braces). */
export const REFI_GUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/;
const RGB = /^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$/;
const LIMITS = { name: 120, field: 4000 };

/** The labels of a description's parts, as Kindred writes them and as other tools commonly do. */
const LABELS: { field: Exclude<keyof CodeFields, 'definition'>; pattern: string }[] = [
  { field: 'whenNotToUse', pattern: "when not to use|do not use when|don't use when|exclusion criteria|exclusions?" },
  { field: 'whenToUse', pattern: 'when to use|use when|inclusion criteria|inclusions?' },
  { field: 'example', pattern: 'examples?' },
];
const LABEL = new RegExp(`(?:^|\\n)[ \\t]*(${LABELS.map((l) => l.pattern).join('|')})[ \\t]*:[ \\t]*`, 'gi');

/** Splits a code's description into definition, when to use, when not to use and example. */
export function readDescription(description: string | null): CodeFields {
  const out: Record<keyof CodeFields, string[]> = { definition: [], whenToUse: [], whenNotToUse: [], example: [] };
  const text = description ?? '';
  let field: keyof CodeFields = 'definition';
  let from = 0;
  for (const m of text.matchAll(LABEL)) {
    out[field].push(text.slice(from, m.index));
    const label = m[1]!.toLowerCase();
    field = LABELS.find((l) => new RegExp(`^(${l.pattern})$`).test(label))!.field;
    from = m.index + m[0].length;
  }
  out[field].push(text.slice(from));
  const join = (parts: string[]) => {
    const s = parts
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .join('\n\n');
    return s === '' ? null : s;
  };
  return {
    definition: join(out.definition),
    whenToUse: join(out.whenToUse),
    whenNotToUse: join(out.whenNotToUse),
    example: join(out.example),
  };
}

const only = (el: XmlElement, allowed: string[], where: string) => {
  for (const c of el.children)
    if (c.ns !== el.ns || !allowed.includes(c.name))
      throw new CodebookError('codebook_invalid', `${where} holds an element a codebook does not have (${c.name})`);
};

/**
 * Reads a `.qdc` file. Refuses (CodebookError, with a stable reason and plain words naming the code
 * by its position, not its words) a file too large, not XML, not a REFI-QDA codebook, not valid
 * against the codebook schema's rules, empty, or with two codes of one name under the same parent.
 */
export function parseCodebook(xml: string): ImportedCode[] {
  if (xml.length > MAX_CODEBOOK_CHARS)
    throw new CodebookError('codebook_too_large', 'This codebook is too large to import (the limit is about 1 MB)');
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) throw new CodebookError('codebook_not_xml', `This file is not a codebook: ${e.message}`);
    throw e;
  }
  if (root.name !== 'CodeBook' || root.ns !== CODEBOOK_NS)
    throw new CodebookError('codebook_not_refi', 'This file is not a REFI-QDA codebook (.qdc)');
  only(root, ['Codes', 'Sets'], 'The codebook');
  const codesEls = root.children.filter((c) => c.name === 'Codes');
  if (codesEls.length > 1 || (codesEls.length === 1 && root.children[0]!.name !== 'Codes'))
    throw new CodebookError('codebook_invalid', 'The codebook holds its codes more than once or out of order');
  const top = codesEls[0];
  if (!top || top.children.length === 0) throw new CodebookError('codebook_empty', 'This codebook has no codes');
  return readCodes(top);
}

/**
 * Reads a `Codes` element (of a `.qdc`, or of a project's CodeBook) into the code tree, with the
 * refusals of `parseCodebook` (CodebookError).
 */
export function readCodes(top: XmlElement): ImportedCode[] {
  only(top, ['Code'], 'The list of codes');
  let count = 0;
  const read = (el: XmlElement, path: number[]): ImportedCode => {
    const where = `Code ${path.join('.')}`;
    if (++count > MAX_CODEBOOK_CODES)
      throw new CodebookError('codebook_too_large', `This codebook has more than ${MAX_CODEBOOK_CODES} codes`);
    if (path.length > MAX_CODEBOOK_DEPTH)
      throw new CodebookError('codebook_too_large', `This codebook nests codes more than ${MAX_CODEBOOK_DEPTH} deep`);
    only(el, ['Description', 'NoteRef', 'Code'], where);
    const order = el.children.map((c) => ['Description', 'NoteRef', 'Code'].indexOf(c.name));
    if (order.some((o, k) => k > 0 && o < order[k - 1]!) || order.filter((o) => o === 0).length > 1)
      throw new CodebookError('codebook_invalid', `${where} has its parts out of order`);
    const { guid, name, isCodable, color } = el.attrs;
    if (!guid || !REFI_GUID.test(guid.trim())) throw new CodebookError('codebook_invalid', `${where} has no valid guid`);
    if (isCodable === undefined || !['true', 'false', '1', '0'].includes(isCodable.trim()))
      throw new CodebookError('codebook_invalid', `${where} does not say whether it is codable`);
    if (color !== undefined && !RGB.test(color.trim()))
      throw new CodebookError('codebook_invalid', `${where} has a color that is not #RRGGBB`);
    const trimmed = (name ?? '').trim();
    if (trimmed === '') throw new CodebookError('codebook_invalid', `${where} has no name`);
    if (trimmed.length > LIMITS.name)
      throw new CodebookError('codebook_invalid', `${where} has a name longer than ${LIMITS.name} characters`);
    const description = el.children.find((c) => c.name === 'Description');
    if (description?.children.length) throw new CodebookError('codebook_invalid', `${where} has a description with markup`);
    const fields = readDescription(description?.text ?? null);
    if (Object.values(fields).some((f) => f !== null && f.length > LIMITS.field))
      throw new CodebookError('codebook_invalid', `${where} has a description part longer than ${LIMITS.field} characters`);
    const children = el.children.filter((c) => c.name === 'Code').map((c, k) => read(c, [...path, k + 1]));
    const seen = new Set<string>();
    for (const c of children) {
      const key = c.name.toLowerCase();
      if (seen.has(key))
        throw new CodebookError('codebook_duplicate_names', `${where} has two codes of the same name directly under it`);
      seen.add(key);
    }
    const hex = color?.trim().slice(1);
    return {
      guid: guid.trim(),
      name: trimmed,
      color: hex ? `#${(hex.length === 3 ? [...hex].map((d) => d + d).join('') : hex).toUpperCase()}` : null,
      ...fields,
      children,
    };
  };
  const codes = top.children.map((c, k) => read(c, [k + 1]));
  const names = new Set<string>();
  for (const c of codes) {
    if (names.has(c.name.toLowerCase()))
      throw new CodebookError('codebook_duplicate_names', 'The codebook has two top-level codes of the same name');
    names.add(c.name.toLowerCase());
  }
  return codes;
}

/** A code already in the study, by id, parent and name. */
export interface ExistingCode {
  id: string;
  parentId: string | null;
  name: string;
}

/** One code to create: its new id, its parent (an existing code's id or a new one's), and its fields. */
export interface PlannedCode extends CodeFields {
  id: string;
  parentId: string | null;
  name: string;
  color: string | null;
}

/**
 * What importing a codebook into a study does (ADR 0053): a code whose name (any case) is already
 * used under the same parent is not created again and keeps its own fields; the file's codes under
 * it are merged into it the same way. Everything else is created. Returns the codes to create, in
 * parent-first order, and the paths ("Benefits > Hope") of the codes already there.
 */
export function planCodebookImport(
  existing: readonly ExistingCode[],
  imported: readonly ImportedCode[],
  newId: () => string,
): { create: PlannedCode[]; alreadyThere: string[]; idByGuid: Map<string, string> } {
  const create: PlannedCode[] = [];
  const alreadyThere: string[] = [];
  // Where each of the file's codes lands (a new code or the one already there), for codings that refer to it.
  const idByGuid = new Map<string, string>();
  const walk = (codes: readonly ImportedCode[], parentId: string | null, parentPath: string, parentIsNew: boolean) => {
    for (const c of codes) {
      const path = parentPath ? `${parentPath} > ${c.name}` : c.name;
      const match = parentIsNew
        ? undefined
        : existing.find((e) => e.parentId === parentId && e.name.toLowerCase() === c.name.toLowerCase());
      if (match) {
        idByGuid.set(c.guid, match.id);
        alreadyThere.push(path);
        walk(c.children, match.id, path, false);
      } else {
        const id = newId();
        idByGuid.set(c.guid, id);
        create.push({
          id,
          parentId,
          name: c.name,
          color: c.color,
          definition: c.definition,
          whenToUse: c.whenToUse,
          whenNotToUse: c.whenNotToUse,
          example: c.example,
        });
        walk(c.children, id, path, true);
      }
    }
  };
  walk(imported, null, '', false);
  return { create, alreadyThere, idByGuid };
}
