import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import es from './messages/es.json';
import { pseudoMessage } from './pseudo';

/**
 * The catalogs (ADR 0041): every English message has an id, a description for the translator and
 * valid ICU; Spanish has every message that is not staff-only (ids under `staff.`), with the same
 * arguments, and nothing the English no longer has.
 */
const english = en as Record<string, { defaultMessage: string; description: string }>;
const spanish = es as Record<string, string>;

/** The argument names a message uses, nested plurals and selects included. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time)
      into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(el.value);
      for (const o of Object.values(el.options)) argumentsOf(o.value, into);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}

describe('message catalogs', () => {
  it('gives every English message a description, in valid ICU', () => {
    for (const [id, m] of Object.entries(english)) {
      expect(m.description, id).toMatch(/\S/);
      expect(() => parse(m.defaultMessage), id).not.toThrow();
    }
  });

  it('has a Spanish message for every participant-facing English one, with the same arguments', () => {
    const needed = Object.keys(english).filter((id) => !id.startsWith('staff.'));
    expect(needed.filter((id) => !(id in spanish))).toEqual([]);
    expect(Object.keys(spanish).filter((id) => !(id in english))).toEqual([]);
    for (const [id, text] of Object.entries(spanish)) {
      expect(() => parse(text), id).not.toThrow();
      expect([...argumentsOf(parse(text))].sort(), id).toEqual([...argumentsOf(parse(english[id]!.defaultMessage))].sort());
    }
  });

  it('makes a pseudo-locale message that keeps arguments and plurals and accents the words', () => {
    expect(pseudoMessage('You last talked {ago}.')).toBe('⟦Ýöû ĺàšţ ţàĺķéđ {ago}.⟧');
    expect(pseudoMessage('{n, plural, one {1 day} other {# days}}')).toBe('⟦{n,plural,one{1 đàý} other{# đàýš}}⟧');
  });
});
