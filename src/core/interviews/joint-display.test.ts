import { describe, expect, it } from 'vitest';
import { jointDisplay, segmentsForAnalysis, type SegmentFacts } from './joint-display';

const seg = (codingId: string, codeId: string, transcriptId: string, start: number, end: number, participantId: string | null) =>
  ({ codingId, codeId, transcriptId, start, end, text: `${transcriptId}@${start}-${end}`, participantId }) satisfies SegmentFacts;

// Transcripts: t1 → p1 (high), t2 → p2 (high), t3 → p3 (low), t4 → nobody.
const segments = [
  seg('c1', 'connection', 't1', 0, 10, 'p1'),
  seg('c2', 'connection', 't1', 0, 10, 'p1'), // second coder, same span: one segment
  seg('c3', 'connection', 't1', 20, 50, 'p1'),
  seg('c4', 'encouragement', 't2', 5, 9, 'p2'),
  seg('c5', 'phone', 't3', 0, 40, 'p3'),
  seg('c6', 'connection', 't3', 60, 65, 'p3'),
  seg('c7', 'connection', 't4', 0, 5, null),
];
const groupOf = new Map([
  ['p1', 'high'],
  ['p2', 'high'],
  ['p3', 'low'],
]);

describe('jointDisplay', () => {
  it('counts people and distinct segments per theme and group, as by hand', () => {
    const d = jointDisplay(
      [
        { id: 'th1', name: 'Connection', codeIds: ['connection', 'encouragement'], exemplarCodingIds: ['c6'] },
        { id: 'th2', name: 'Barriers', codeIds: ['phone'], exemplarCodingIds: [] },
      ],
      segments,
      groupOf,
      ['high', 'low'],
      2,
    );
    const [connection, barriers] = d.rows;
    // high: p1 (t1 0-10, t1 20-50) and p2 (t2 5-9): 2 people, 3 segments.
    expect(connection!.cells[0]).toMatchObject({ group: 'high', people: 2, segments: 3 });
    // Longest first: t1 20-50 (30), then t1 0-10 (10); t2 5-9 is left out at 2 quotes.
    expect(connection!.cells[0]!.quotes.map((q) => q.text)).toEqual(['t1@20-50', 't1@0-10']);
    expect(connection!.cells[1]).toMatchObject({ group: 'low', people: 1, segments: 1 });
    expect(connection!.cells[1]!.quotes).toEqual([{ codingId: 'c6', transcriptId: 't3', text: 't3@60-65', isExemplar: true }]);
    expect(connection).toMatchObject({ people: 3, segments: 4 });
    expect(barriers!.cells.map((c) => [c.people, c.segments])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(d.unlinkedSegments).toBe(1); // t4's segment
  });

  it('puts a marked exemplar before longer quotes', () => {
    const d = jointDisplay(
      [{ id: 'th', name: 'Connection', codeIds: ['connection'], exemplarCodingIds: ['c2'] }],
      segments,
      groupOf,
      ['high', 'low'],
      1,
    );
    expect(d.rows[0]!.cells[0]!.quotes).toEqual([{ codingId: 'c2', transcriptId: 't1', text: 't1@0-10', isExemplar: true }]);
  });
});

describe('segmentsForAnalysis', () => {
  // t1 has a consensus version; t2 does not.
  const coders = [
    seg('a1', 'hope', 't1', 0, 10, 'p1'), // first coder
    seg('b1', 'hope', 't1', 5, 20, 'p1'), // second coder, overlapping
    seg('b2', 'phone', 't1', 30, 40, 'p1'), // second coder only, left out of the consensus
    seg('a2', 'hope', 't2', 0, 8, 'p2'),
  ];
  const consensus = [seg('k1', 'hope', 't1', 0, 20, 'p1'), seg('k2', 'hope', 't1', 5, 20, 'p1')];

  it('takes the consensus spans where there is one, and every coder’s codings elsewhere', () => {
    const out = segmentsForAnalysis(coders, consensus);
    expect(out.map((s) => [s.transcriptId, s.codeId, s.start, s.end])).toEqual([
      ['t2', 'hope', 0, 8],
      ['t1', 'hope', 0, 20],
      ['t1', 'hope', 5, 20],
    ]);
  });

  it('gives a consensus span the coding of the same stretch, so an exemplar still marks it, and no coding otherwise', () => {
    const out = segmentsForAnalysis(coders, consensus, new Set(['b1']));
    expect(out.map((s) => s.codingId)).toEqual(['a2', null, 'b1']);
    const d = jointDisplay([{ id: 'th', name: 'Hope', codeIds: ['hope'], exemplarCodingIds: ['b1'] }], out, groupOf, ['high'], 1);
    // p1 and p2 are both "high": three segments, the exemplar first though it is not the longest.
    expect(d.rows[0]!.cells[0]).toMatchObject({ people: 2, segments: 3 });
    expect(d.rows[0]!.cells[0]!.quotes).toEqual([{ codingId: 'b1', transcriptId: 't1', text: 't1@5-20', isExemplar: true }]);
  });
});
