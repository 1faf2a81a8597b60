/**
 * A strict reader of the one-event iCalendar objects Kindred sends, for tests: unfolds lines,
 * requires CRLF line ends, one VCALENDAR with one VEVENT, and returns their properties (name →
 * value, parameters kept apart).
 */
export interface IcsProperty {
  value: string;
  params: Record<string, string>;
}
export interface ParsedIcs {
  calendar: Record<string, IcsProperty>;
  event: Record<string, IcsProperty>;
}

export function parseIcs(text: string): ParsedIcs {
  if (!text.endsWith('\r\n')) throw new Error('iCalendar must end with CRLF');
  if (/[^\r]\n/.test(text)) throw new Error('iCalendar lines must end with CRLF');
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
  const calendar: Record<string, IcsProperty> = {};
  const event: Record<string, IcsProperty> = {};
  const stack: string[] = [];
  let events = 0;
  for (const line of lines) {
    const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    if (colon < 0) throw new Error(`not a content line: ${line}`);
    const [name = '', ...paramParts] = line.slice(0, colon).split(';');
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') events++;
      continue;
    }
    if (name === 'END') {
      if (stack.pop() !== value) throw new Error(`unbalanced END:${value}`);
      continue;
    }
    const params = Object.fromEntries(
      paramParts.map((p) => {
        const i = p.indexOf('=');
        return [p.slice(0, i), p.slice(i + 1).replace(/^"|"$/g, '')];
      }),
    );
    const target = stack[stack.length - 1] === 'VEVENT' ? event : stack[stack.length - 1] === 'VCALENDAR' ? calendar : null;
    if (!target) throw new Error(`property outside a component: ${name}`);
    target[name] = { value, params };
  }
  if (stack.length !== 0) throw new Error('unterminated component');
  if (events !== 1) throw new Error(`expected one VEVENT, found ${events}`);
  return { calendar, event };
}
