import { describe, expect, it } from 'vitest';
import { otherToolProject, otherToolSourceGuid, otherToolSourceText } from './fixtures/projects';
import { normalizeSourceText, parseProject, planProjectImport, ProjectImportError, shiftHeldSpans } from './project-import';

const ROSA = 'a1b2c3d4-0001-4000-8000-000000000001';
const SAM = 'a1b2c3d4-0002-4000-8000-000000000002';
const read = (name: string) => (name === `${otherToolSourceGuid}.txt` ? otherToolSourceText : null);
const refusal = (xml: string, reader = read) => {
  try {
    parseProject(xml, reader);
  } catch (e) {
    if (e instanceof ProjectImportError) return e.reason;
    throw e;
  }
  return null;
};

describe('reading a REFI-QDA project (ADR 0055)', () => {
  it('reads another tool’s project: codes, the source with its line ends made \\n, codings by user on the right words', () => {
    const p = parseProject(otherToolProject, read);
    expect(p.name).toBe('Peer support interviews');
    expect(p.users).toEqual([
      { guid: ROSA, name: 'Rosa' },
      { guid: SAM, name: 'Sam' },
    ]);
    expect(p.codes.map((c) => [c.name, c.children.map((x) => x.name)])).toEqual([
      ['Benefits', ['Hope', 'Connection']],
      ['Barriers', ['Reaching each other']],
    ]);
    expect(p.cases).toBe(1);
    const [s] = p.sources;
    expect(s!.text).not.toContain('\r');
    // Positions count characters (the emoji is one), offsets are UTF-16 (the emoji is two).
    const words = s!.codings.map((c) => [c.userGuid, s!.text.slice(c.start, c.end)]);
    expect(words).toEqual([
      [ROSA, 'It gave me hope.'],
      [SAM, 'Carl called me on Sundays.'],
      [SAM, 'Pat Person: 🙂 It gave me hope'],
      [ROSA, 'Getting hold of him by phone.'],
      [SAM, 'Getting hold of him by phone.'],
    ]);
    expect(p.codeNotes).toEqual([
      { codeGuid: 'c0de0000-0001-4000-8000-000000000001', noteGuid: '0a7e0000-0002-4000-8000-000000000002' },
    ]);
    expect(s!.noteGuids).toEqual(['0a7e0000-0003-4000-8000-000000000003']);
    expect(s!.text.slice(s!.passageNotes[0]!.start, s!.passageNotes[0]!.end)).toBe('It gave me hope.');
  });

  it('maps character positions through a byte order mark, \\r\\n and astral characters', () => {
    const { text, at } = normalizeSourceText('\uFEFFa\r\n😀b\rc');
    expect(text).toBe('a\n😀b\nc');
    expect(at).toEqual([0, 0, 1, 1, 2, 4, 5, 6, 7]);
  });

  it('refuses with stable reasons', () => {
    expect(refusal('<Project')).toBe('project_not_refi');
    expect(refusal('<!DOCTYPE x [<!ENTITY a "b">]><Project xmlns="urn:QDA-XML:project:1.0" name="p"/>')).toBe('project_not_refi');
    expect(refusal('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>')).toBe('project_not_refi');
    expect(refusal(otherToolProject.replace('<Users>', '<Gadgets/><Users>'))).toBe('project_invalid');
    expect(refusal(otherToolProject.replace('<Description>Interviews', '<Users/><Description>Interviews'))).toBe(
      'project_invalid',
    );
    expect(refusal(otherToolProject.replace('guid="5E1E0000-0001-4000-8000-000000000001"', ''))).toBe('project_invalid');
    expect(refusal(otherToolProject, () => null)).toBe('project_source_missing');
    expect(refusal(otherToolProject.replace('endPosition="162"', 'endPosition="163"'))).toBe('project_selection_outside');
    expect(refusal(otherToolProject.replace('startPosition="47"', 'startPosition="-1"'))).toBe('project_selection_outside');
    expect(refusal(otherToolProject.replace('<CodeRef targetGUID="C0DE0000-0003', '<CodeRef targetGUID="C0DE0000-0009'))).toBe(
      'project_unknown_code',
    );
  });

  it('attributes codings and notes by the lead’s mapping; an unmapped user brings nothing', () => {
    const p = parseProject(otherToolProject, read);
    const ids = new Map<string, string>();
    const walk = (cs: typeof p.codes) => cs.forEach((c) => (ids.set(c.guid, `code:${c.name}`), walk(c.children)));
    walk(p.codes);
    const plan = planProjectImport(p, ids, { [ROSA]: 'person-rosa', [SAM]: null });
    expect(plan.transcripts[0]!.codings.map((c) => [c.coderId, c.codeId])).toEqual([
      ['person-rosa', 'code:Hope'],
      ['person-rosa', 'code:Reaching each other'],
    ]);
    expect(plan.skippedCodings).toBe(3);
    expect(plan.skippedMemos).toBe(1);
    expect(plan.memos.map((m) => [m.text, m.source, m.codeId, m.start !== null])).toEqual([
      ['Hope comes with the calls.', 0, null, true],
      ['Recorded by phone; some noise.', 0, null, false],
    ]);
    const both = planProjectImport(p, ids, { [ROSA]: 'person-rosa', [SAM]: 'person-sam' });
    expect(both.transcripts[0]!.codings).toHaveLength(5);
    expect(both.memos.find((m) => m.codeId)).toMatchObject({ codeId: 'code:Benefits', authorId: 'person-sam' });
  });
});

describe('the held-spans rule: codings wait on the original and move with the confirmed replacements (ADR 0055)', () => {
  // "Pat Person said Carl helped." → "[P1] said [C1] helped."
  const original = 'Pat Person said Carl helped.';
  const replacements = [
    { start: 0, end: 10, replacement: '[P1]' },
    { start: 16, end: 20, replacement: '[C1]' },
  ];
  const after = '[P1] said [C1] helped.';

  it('keeps each span on the same words, and a span over a name covers its pseudonym', () => {
    const spans = [
      { id: 'said', start: original.indexOf('said'), end: original.indexOf('said') + 4 },
      { id: 'helped', start: original.indexOf('helped'), end: original.indexOf('helped') + 6 },
      { id: 'all', start: 0, end: original.length },
      // Starts inside "Person" and ends inside "Carl": widened to the pseudonyms' edges.
      { id: 'inside', start: 5, end: 18 },
    ];
    const { kept, dropped } = shiftHeldSpans(replacements, spans);
    expect(dropped).toEqual([]);
    expect(Object.fromEntries(kept.map((s) => [s.id, after.slice(s.start, s.end)]))).toEqual({
      said: 'said',
      helped: 'helped',
      all: after,
      inside: '[P1] said [C1]',
    });
  });

  it('keeps once two spans of one key that land on the same characters; spans of other keys stay', () => {
    const spans = [
      { who: 'a', start: 0, end: 3 },
      { who: 'a', start: 0, end: 10 },
      { who: 'b', start: 0, end: 10 },
    ];
    const { kept, dropped } = shiftHeldSpans(replacements, spans, (s) => s.who);
    expect(kept.map((s) => [s.who, s.start, s.end])).toEqual([
      ['a', 0, 4],
      ['b', 0, 4],
    ]);
    expect(dropped).toEqual([{ who: 'a', start: 0, end: 10 }]);
  });

  it('changes nothing without replacements', () => {
    expect(shiftHeldSpans([], [{ start: 2, end: 5 }]).kept).toEqual([{ start: 2, end: 5 }]);
  });
});
