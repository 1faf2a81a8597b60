import { describeCode, type QdaCode } from './refi';

/**
 * Codebook versions (ADR 0053): a published version is a frozen snapshot of the study's codes. The
 * difference between two versions is worked out here, by code id (a code keeps its id from version
 * to version, whatever is changed about it). Pure: no I/O.
 */

/** One code as a version holds it. */
export interface CodebookEntry {
  id: string;
  parentId: string | null;
  name: string;
  color: string | null;
  definition: string | null;
  whenToUse: string | null;
  whenNotToUse: string | null;
  example: string | null;
}

/** The parts of a code whose change a diff names (its name and place are reported apart). */
export const describedFields = ['definition', 'whenToUse', 'whenNotToUse', 'example', 'color'] as const;
export type DescribedField = (typeof describedFields)[number];

export interface CodebookDiff {
  added: { id: string; path: string }[];
  removed: { id: string; path: string }[];
  renamed: { id: string; from: string; to: string }[];
  moved: { id: string; from: string; to: string }[];
  changed: { id: string; path: string; fields: DescribedField[] }[];
}

/** "Benefits > Hope": a code's names from the top of the tree. */
export function codePath(entries: readonly CodebookEntry[], id: string): string {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let c = byId.get(id); c && !seen.has(c.id); c = c.parentId ? byId.get(c.parentId) : undefined) {
    seen.add(c.id);
    names.unshift(c.name);
  }
  return names.join(' > ');
}

/** The entries in tree order (parents first, siblings by name), as the codebook page shows them. */
export function inTreeOrder<T extends { id: string; parentId: string | null; name: string }>(entries: readonly T[]): T[] {
  const out: T[] = [];
  const ids = new Set(entries.map((e) => e.id));
  const walk = (parentId: string | null) => {
    for (const e of entries
      .filter((x) => (parentId === null ? x.parentId === null || !ids.has(x.parentId) : x.parentId === parentId))
      .sort((a, b) => a.name.localeCompare(b.name))) {
      out.push(e);
      walk(e.id);
    }
  };
  walk(null);
  return out;
}

/** What changed from one version (`from`) to another (`to`), each list in the tree order of its version. */
export function diffCodebooks(from: readonly CodebookEntry[], to: readonly CodebookEntry[]): CodebookDiff {
  const before = new Map(from.map((e) => [e.id, e]));
  const after = new Map(to.map((e) => [e.id, e]));
  const diff: CodebookDiff = { added: [], removed: [], renamed: [], moved: [], changed: [] };
  for (const e of inTreeOrder(from)) if (!after.has(e.id)) diff.removed.push({ id: e.id, path: codePath(from, e.id) });
  for (const e of inTreeOrder(to)) {
    const old = before.get(e.id);
    if (!old) {
      diff.added.push({ id: e.id, path: codePath(to, e.id) });
      continue;
    }
    if (old.name !== e.name) diff.renamed.push({ id: e.id, from: old.name, to: e.name });
    const parentPath = (entries: readonly CodebookEntry[], parentId: string | null) =>
      parentId ? codePath(entries, parentId) : '';
    if (old.parentId !== e.parentId)
      diff.moved.push({ id: e.id, from: parentPath(from, old.parentId), to: parentPath(to, e.parentId) });
    const fields = describedFields.filter((f) => (old[f] ?? null) !== (e[f] ?? null));
    if (fields.length) diff.changed.push({ id: e.id, path: codePath(to, e.id), fields });
  }
  return diff;
}

/** Whether two snapshots hold the same codes with the same names, places and descriptions. */
export function sameCodebook(a: readonly CodebookEntry[], b: readonly CodebookEntry[]): boolean {
  const d = diffCodebooks(a, b);
  return Object.values(d).every((list) => list.length === 0);
}

/** Codes (a live codebook's or a version's) as the REFI-QDA code tree, with the memos on each code if given. */
export function qdaCodeTree(
  codes: readonly CodebookEntry[],
  noteGuidsOf: (codeId: string) => string[] = () => [],
  parentId: string | null = null,
): QdaCode[] {
  return codes
    .filter((c) => c.parentId === parentId)
    .map((c) => ({
      guid: c.id,
      name: c.name,
      description: describeCode(c),
      color: c.color,
      noteGuids: noteGuidsOf(c.id),
      children: qdaCodeTree(codes, noteGuidsOf, c.id),
    }));
}
