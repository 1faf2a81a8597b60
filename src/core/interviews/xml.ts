/**
 * A small, strict XML 1.0 reader for exchange files (a `.qdc` codebook): elements, attributes, text,
 * CDATA, comments and processing instructions, with namespaces resolved. A document type
 * declaration is refused (no entities to expand, so no entity bombs); so is anything not
 * well-formed. Pure; throws `XmlError` with a line number, never the file's words.
 */

export interface XmlElement {
  /** The local name (without a prefix). */
  name: string;
  /** The namespace URI, or '' for none. */
  ns: string;
  /** Attributes by their name as written, namespace declarations left out. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), entities decoded. */
  text: string;
}

export class XmlError extends Error {
  constructor(readonly line: number) {
    super(`The file is not well-formed XML (line ${line})`);
    this.name = 'XmlError';
  }
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Reads a document into its root element. */
export function parseXml(input: string): XmlElement {
  // XML reads every line end as a line feed (a written &#13; stays a carriage return).
  const source = input.replace(/\r\n?/g, '\n');
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (): never => {
    throw new XmlError(source.slice(0, i).split('\n').length);
  };
  const decode = (s: string): string =>
    s.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) fail();
      if (ref in ENTITIES) return ENTITIES[ref]!;
      const n = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#\d+$/.test(ref) ? Number(ref.slice(1)) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) fail();
      return String.fromCodePoint(n);
    });
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  /** Comments, processing instructions and white space between elements. */
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i + 4);
        if (end < 0) fail();
        i = end + 3;
      } else if (source.startsWith('<?', i)) {
        const end = source.indexOf('?>', i + 2);
        if (end < 0) fail();
        i = end + 2;
      } else if (source.startsWith('<!DOCTYPE', i)) fail();
      else return;
    }
  };
  const readName = (): string => {
    const m = NAME.exec(source.slice(i, i + 200));
    if (!m) fail();
    i += m![0].length;
    return m![0];
  };

  const element = (scope: Record<string, string>, depth: number): XmlElement => {
    if (depth > 100 || source[i] !== '<') fail();
    i++;
    const qname = readName();
    const raw: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (source[i] === '>' || source.startsWith('/>', i)) break;
      if (i === before) fail();
      const attr = readName();
      skipSpace();
      if (source[i] !== '=') fail();
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail();
      const end = source.indexOf(quote!, i + 1);
      if (end < 0) fail();
      const value = source.slice(i + 1, end);
      if (value.includes('<') || attr in raw) fail();
      raw[attr] = decode(value).replace(/[\t\n\r]/g, ' ');
      i = end + 1;
    }
    const inner = { ...scope };
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (k === 'xmlns') inner[''] = v;
      else if (k.startsWith('xmlns:')) inner[k.slice(6)] = v;
      else attrs[k] = v;
    }
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    if (colon >= 0 && !(prefix in inner)) fail();
    const el: XmlElement = { name: qname.slice(colon + 1), ns: inner[prefix] ?? '', attrs, children: [], text: '' };
    if (source.startsWith('/>', i)) {
      i += 2;
      return el;
    }
    i++;
    for (;;) {
      if (i >= source.length) fail();
      if (source.startsWith('</', i)) {
        i += 2;
        if (readName() !== qname) fail();
        skipSpace();
        if (source[i] !== '>') fail();
        i++;
        return el;
      }
      if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i + 9);
        if (end < 0) fail();
        el.text += source.slice(i + 9, end);
        i = end + 3;
      } else if (source.startsWith('<!--', i) || source.startsWith('<?', i)) {
        const close = source.startsWith('<!--', i) ? '-->' : '?>';
        const end = source.indexOf(close, i + 2);
        if (end < 0) fail();
        i = end + close.length;
      } else if (source[i] === '<') {
        el.children.push(element(inner, depth + 1));
      } else {
        const end = source.indexOf('<', i);
        if (end < 0) fail();
        const chunk = source.slice(i, end);
        if (chunk.includes(']]>')) fail();
        el.text += decode(chunk);
        i = end;
      }
    }
  };

  skipMisc();
  const root = element({ xml: 'http://www.w3.org/XML/1998/namespace' }, 0);
  skipMisc();
  if (i < source.length) fail();
  return root;
}
