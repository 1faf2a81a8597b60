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
