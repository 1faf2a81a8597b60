import { describe, expect, it } from 'vitest';
import {
  AMBIGUOUS_NAME,
  applyReplacements,
  checkReplacements,
  proposeReplacements,
  remapOffset,
  type KnownPerson,
} from './deidentify';
import { parseTranscript } from './transcript';

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const C1 = '00000000-0000-4000-8000-000000000003';
const S1 = '00000000-0000-4000-8000-000000000004';
const people: KnownPerson[] = [
  { id: P1, kind: 'participant', givenName: 'Sam', familyName: 'Reed' },
  { id: P2, kind: 'participant', givenName: 'Ana', familyName: 'Ortiz' },
  { id: C1, kind: 'coach', givenName: 'Bill', familyName: 'Hart' },
  { id: S1, kind: 'staff', givenName: 'Ana', familyName: 'Wu' },
];

describe('proposeReplacements', () => {
  const text =
    'Sam Reed: my coach bill HART called me on 3/14/2026 and again March 2nd, 2026. ' +
    'Bill gave me his number, (555) 123-4567, and bill.hart@example.org. Sam, Samuel and Ana were there; Reed too.';
  const proposals = proposeReplacements(text, people);
  const found = proposals.map((p) => [text.slice(p.start, p.end), p.kind, p.replacement]);

  it('flags full names, first names and family names as whole words in any case, with one pseudonym per person', () => {
    expect(found).toEqual([
      ['Sam Reed', 'name', '[Participant 1]'],
      ['bill HART', 'name', '[Coach 1]'],
      ['3/14/2026', 'date', '[Date]'],
      ['March 2nd, 2026', 'date', '[Date]'],
      ['Bill', 'name', '[Coach 1]'],
      ['(555) 123-4567', 'phone', '[Phone]'],
      ['bill.hart@example.org', 'email', '[Email]'],
      ['Sam', 'name', '[Participant 1]'],
      // "Samuel" is not Sam: whole words only.
      ['Ana', 'name', AMBIGUOUS_NAME],
      ['Reed', 'name', '[Participant 1]'],
    ]);
  });

  it('leaves a shared first name for a person to decide, listing everyone it could be', () => {
    expect(proposals.find((p) => p.replacement === AMBIGUOUS_NAME)!.personIds.sort()).toEqual([P2, S1].sort());
  });

  it('numbers pseudonyms by kind in order of first appearance', () => {
    const later = proposeReplacements('Ana Ortiz met Sam, then Ana Wu.', people).map((p) => p.replacement);
    expect(later).toEqual(['[Participant 1]', '[Participant 2]', '[Staff 1]']);
  });

  it('flags the places the program knows, facility names and street addresses, never a plain word', () => {
    const said =
      'Then Riverside VA Clinic sent me to Walter Reed National Military Medical Center. ' +
      'I live at 42 North Oak Street in springfield, near the clinic; the Hospital was fine. Springfielder is a word.';
    const places = proposeReplacements(said, [], ['Springfield', ' ', 'Riverside VA Clinic']).map((p) => [
      said.slice(p.start, p.end),
      p.kind,
      p.replacement,
    ]);
    expect(places).toEqual([
      // "Then" starts the sentence; it is not part of the clinic's name.
      ['Riverside VA Clinic', 'place', '[Place]'],
      ['Walter Reed National Military Medical Center', 'place', '[Place]'],
      ['42 North Oak Street', 'place', '[Place]'],
      // A known town in any case, as a whole word only; "the clinic" and "the Hospital" name no place.
      ['springfield', 'place', '[Place]'],
    ]);
    // A person's name inside a facility's name: the longer span, the place, wins.
    const named = proposeReplacements('Bill Hart Memorial Hospital', people).map((p) => p.replacement);
    expect(named).toEqual(['[Place]']);
  });
});

describe('applyReplacements', () => {
  it('makes the coded copy and moves turn offsets and speakers with the text', () => {
    const doc = parseTranscript('text', 'Interviewer: Hello Sam.\nSam Reed: Hi. Call 555-123-4567.\nInterviewer: Thanks.');
    const confirmed = proposeReplacements(doc.text, people).map(({ start, end, replacement }) => ({ start, end, replacement }));
    const out = applyReplacements(doc, confirmed);
    expect(out.text).toBe('Interviewer: Hello [Participant 1].\n[Participant 1]: Hi. Call [Phone].\nInterviewer: Thanks.');
    expect(out.turns.map((t) => t.speaker)).toEqual(['Interviewer', '[Participant 1]', 'Interviewer']);
    for (const t of out.turns) {
      expect(out.text.slice(t.start, t.end).startsWith(t.speaker!)).toBe(true);
      expect(out.text[t.end] ?? '\n').toBe('\n');
    }
    expect(out.text.slice(out.turns[1]!.textStart, out.turns[1]!.end)).toBe('Hi. Call [Phone].');
  });

  it('refuses overlapping, empty or outside spans', () => {
    expect(
      checkReplacements(10, [
        { start: 0, end: 5, replacement: 'x' },
        { start: 4, end: 6, replacement: 'y' },
      ]),
    ).toBe('overlapping');
    expect(checkReplacements(10, [{ start: 3, end: 3, replacement: 'x' }])).toBe('empty_span');
    expect(checkReplacements(10, [{ start: 8, end: 11, replacement: 'x' }])).toBe('out_of_range');
    expect(checkReplacements(10, [])).toBeNull();
    expect(() => applyReplacements({ text: 'abc', turns: [] }, [{ start: 0, end: 9, replacement: 'x' }])).toThrow(RangeError);
  });

  it('remaps offsets before, after and inside a replaced span', () => {
    // "Hello Sam Reed!" → "Hello [P]!" : the span 6..14 (8 characters) becomes 3.
    const r = [{ start: 6, end: 14, replacement: '[P]' }];
    expect(remapOffset(r, 2, 'start')).toBe(2);
    expect(remapOffset(r, 6, 'start')).toBe(6);
    expect(remapOffset(r, 14, 'end')).toBe(9);
    expect(remapOffset(r, 15, 'end')).toBe(10);
    expect(remapOffset(r, 10, 'start')).toBe(6);
    expect(remapOffset(r, 10, 'end')).toBe(9);
  });
});
