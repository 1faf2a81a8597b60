/**
 * A pseudo-locale for tests (ADR 0041): every message from the English catalog with each letter
 * swapped for an accented look-alike and the whole wrapped in ⟦ ⟧, its ICU arguments, plurals and
 * tags kept. A page rendered with these shows any word that did not come through a message as
 * plain ASCII letters.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

const LOWER = 'àƀćđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýž';
const UPPER = 'ÀƁĆĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ';

/** Each ASCII letter as its accented look-alike. */
export function accent(text: string): string {
  return text.replace(/[a-zA-Z]/g, (c) => {
    const code = c.charCodeAt(0);
    return code >= 97 ? (LOWER[code - 97] ?? c) : (UPPER[code - 65] ?? c);
  });
}

function transform(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: accent(el.value) };
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      return {
        ...el,
        options: Object.fromEntries(Object.entries(el.options).map(([k, o]) => [k, { ...o, value: transform(o.value) }])),
      };
    }
    if (el.type === TYPE.tag) return { ...el, children: transform(el.children) };
    return el;
  });
}

/** One message in the pseudo-locale: accented and wrapped, its ICU structure unchanged. */
export function pseudoMessage(message: string): string {
  return `⟦${printAST(transform(parse(message)))}⟧`;
}

/** A whole catalog in the pseudo-locale. */
export function pseudoMessages(messages: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).map(([id, m]) => [id, pseudoMessage(m)]));
}

/** Text still in plain English: what is left with ASCII letters once the allowed words and patterns are taken out. */
function untranslated(text: string, allowed: readonly string[], patterns: readonly RegExp[]): string | null {
  let rest = text;
  for (const w of allowed) rest = rest.split(w).join(' ');
  for (const p of patterns) rest = rest.replace(p, ' ');
  return /[A-Za-z]{2,}/.test(rest) ? text.trim() : null;
}

/**
 * Every text node and every text attribute (aria-label, title, placeholder, alt) under `root` that is
 * not in the pseudo-locale, once `allowed` words (longest first) and `patterns` (dates, times) are
 * taken out: what the pseudo-locale page tests expect to be empty.
 */
export function untranslatedIn(root: HTMLElement, allowed: readonly string[], patterns: readonly RegExp[]): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('script, style')) continue;
    const bad = untranslated(node.textContent ?? '', allowed, patterns);
    if (bad) found.push(bad);
  }
  for (const el of root.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
      const bad = untranslated(el.getAttribute(attr) ?? '', allowed, patterns);
      if (bad) found.push(`${attr}="${bad}"`);
    }
  }
  return found;
}
