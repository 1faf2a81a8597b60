/**
 * The small Markdown subset the curriculum is written in: `###`/`####` headings, paragraphs,
 * bulleted (`- `) and numbered (`1. `) lists, `**bold**` and `*italic*`. Parsed into plain data so
 * the web app can render it as React elements, never as injected HTML.
 */

/** A run of text with its emphasis. */
export interface Inline {
  text: string;
  bold?: true;
  italic?: true;
}

export type Block =
  | { kind: 'heading'; level: 3 | 4; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s{0,3}[-*]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,3}[.)]\s+(.*)$/;

/** Splits text into runs: `**bold**` and `*italic*`; anything unmatched stays literal. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = /\*\*([^*]+?)\*\*|\*([^*\s][^*]*?)\*/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ text: m[1], bold: true });
    else if (m[2] !== undefined) out.push({ text: m[2], italic: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** Parses the subset into blocks. Lines the subset does not know are kept as paragraph text. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    paragraph = [];
    list = null;
  };

  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading && (heading[1]!.length === 3 || heading[1]!.length === 4)) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length as 3 | 4, content: parseInline(heading[2]!.trim()) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = numbered !== null;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[1]!.trim());
      continue;
    }
    if (list) {
      // A line right under an item continues it (as in CommonMark's lazy continuation).
      const items = list.items;
      items[items.length - 1] = `${items[items.length - 1]} ${line.trim()}`;
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

/**
 * What in a text falls outside the subset, one message per line at fault (1-based, relative to
 * the text). Raw HTML, links and code are refused so content stays plain and safe to render.
 */
export function markdownProblems(source: string): string[] {
  const problems: string[] = [];
  source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, i) => {
      const at = `line ${i + 1}`;
      const heading = HEADING.exec(line);
      if (heading && heading[1]!.length !== 3 && heading[1]!.length !== 4) {
        problems.push(`${at}: use ### or #### for headings inside a section`);
      }
      if (/<\/?[A-Za-z!]/.test(line)) problems.push(`${at}: raw HTML is not allowed`);
      if (/\]\(/.test(line)) problems.push(`${at}: links and images are not supported`);
      if (line.includes('`')) problems.push(`${at}: code is not supported`);
      if (/^\s{0,3}>/.test(line)) problems.push(`${at}: block quotes are not supported`);
    });
  return problems;
}

/** True when the text has at least one list item (talking points and questions are lists). */
export function hasListItem(source: string): boolean {
  return parseMarkdown(source).some((b) => b.kind === 'list' && b.items.length > 0);
}
