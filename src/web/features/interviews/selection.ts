/**
 * From a selection in the rendered transcript to character offsets in the transcript's text.
 *
 * The transcript is rendered as spans that each carry `data-start`: the offset of their first
 * character in the text (the speaker label, the words, and each highlighted piece of the words).
 * A point inside such a span is that offset plus the characters before it in the span; a point
 * outside every span (between turns, on a time) moves to the next span's start or the previous
 * span's end. Offsets are the same UTF-16 positions the server counts in.
 */
export interface Span {
  start: number;
  end: number;
}

const SPAN = '[data-start]';

function spanOf(node: Node, container: Element): HTMLElement | null {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const span = el?.closest<HTMLElement>(SPAN) ?? null;
  return span && container.contains(span) ? span : null;
}

/** Characters in `span` before the point (node, offset). */
function charsBefore(span: HTMLElement, node: Node, offset: number): number {
  if (node.nodeType === Node.TEXT_NODE) {
    let n = 0;
    const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (t === node) return n + offset;
      n += t.textContent?.length ?? 0;
    }
    return n;
  }
  // An element point: the text of its children before `offset`.
  let n = 0;
  const children = node.childNodes;
  for (let i = 0; i < offset && i < children.length; i++) n += children[i]!.textContent?.length ?? 0;
  if (node === span) return n;
  const range = document.createRange();
  range.setStart(span, 0);
  range.setEnd(node, 0);
  return range.toString().length + n;
}

function startOf(span: HTMLElement): number {
  return Number(span.dataset.start);
}

/** The offset of a boundary point, or null when it is not in or near the transcript. */
export function offsetOf(container: Element, node: Node, offset: number, side: 'start' | 'end'): number | null {
  const span = spanOf(node, container);
  if (span) return startOf(span) + Math.min(charsBefore(span, node, offset), span.textContent?.length ?? 0);
  if (!container.contains(node)) return null;
  // Between spans: the next span's start (a selection's start) or the previous span's end (its end).
  const spans = Array.from(container.querySelectorAll<HTMLElement>(SPAN));
  const point = document.createRange();
  point.setStart(node, offset);
  if (side === 'start') {
    for (const s of spans) if (point.comparePoint(s, 0) >= 0) return startOf(s);
    return null;
  }
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i]!;
    if (point.comparePoint(s, s.childNodes.length) <= 0) return startOf(s) + (s.textContent?.length ?? 0);
  }
  return null;
}

/** The selected characters in the transcript, or null when nothing (or nothing of it) is selected. */
export function selectedSpan(container: Element, selection: Selection | null): Span | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const start = offsetOf(container, range.startContainer, range.startOffset, 'start');
  const end = offsetOf(container, range.endContainer, range.endOffset, 'end');
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/**
 * Cuts [from, to) at every highlight boundary: the pieces the words are rendered in, each with
 * the highlights that cover it.
 */
export function pieces<T extends Span>(
  from: number,
  to: number,
  highlights: readonly T[],
): { start: number; end: number; covering: T[] }[] {
  const cuts = new Set([from, to]);
  for (const h of highlights) {
    if (h.start > from && h.start < to) cuts.add(h.start);
    if (h.end > from && h.end < to) cuts.add(h.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: { start: number; end: number; covering: T[] }[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    out.push({ start, end, covering: highlights.filter((h) => h.start < end && h.end > start) });
  }
  return out;
}
