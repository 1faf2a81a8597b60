// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { pieces, selectedSpan } from './selection';
import { TranscriptText } from './TranscriptPages';

// As the server lays a transcript out: one line per turn, "Speaker: " then the words.
const text = 'Interviewer: How was the week?\n[Participant 1]: I walked every morning with my dog.';
const turns = [
  { speaker: 'Interviewer', start: 0, end: 30, textStart: 13, startMs: 1000, endMs: 5000 },
  { speaker: '[Participant 1]', start: 31, end: text.length, textStart: 48, startMs: 6000, endMs: 14000 },
];

function renderText(highlights: { start: number; end: number; title: string }[] = []) {
  const { container } = render(<TranscriptText text={text} turns={turns} highlights={highlights} label="Transcript" />);
  return container.querySelector<HTMLElement>('.transcript')!;
}

/** A selection over `words`, which may start and end in different pieces. */
function selectWords(region: HTMLElement, words: string): Selection {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.parentElement?.closest('[data-start]')) nodes.push(n as Text);
  // The rendered words in order, with where each text node begins in them.
  let all = '';
  const at = nodes.map((n) => {
    const start = all.length;
    all += n.data;
    return start;
  });
  const from = all.indexOf(words);
  const to = from + words.length;
  const locate = (pos: number, side: 'start' | 'end') => {
    const i = nodes.findIndex((n, k) => (side === 'start' ? pos < at[k]! + n.length : pos <= at[k]! + n.length));
    return [nodes[i]!, pos - at[i]!] as const;
  };
  const range = document.createRange();
  range.setStart(...locate(from, 'start'));
  range.setEnd(...locate(to, 'end'));
  const sel = document.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
  return sel;
}

afterEach(cleanup);

describe('selection to offsets', () => {
  it('gives the offsets of the selected words in the transcript’s text', () => {
    const region = renderText();
    const span = selectedSpan(region, selectWords(region, 'walked every morning'));
    expect(span).not.toBeNull();
    expect(text.slice(span!.start, span!.end)).toBe('walked every morning');
  });

  it('counts across highlighted pieces and the speaker label, and across turns', () => {
    // A highlight cuts the words into pieces; the selection starts in one piece and ends in another.
    const region = renderText([{ start: text.indexOf('every'), end: text.indexOf(' with'), title: 'Activity' }]);
    const inPieces = selectedSpan(region, selectWords(region, 'walked every morning with'));
    expect(text.slice(inPieces!.start, inPieces!.end)).toBe('walked every morning with');
    const acrossTurns = selectedSpan(region, selectWords(region, 'week?[Participant 1]: I walked'));
    expect(text.slice(acrossTurns!.start, acrossTurns!.end)).toBe('week?\n[Participant 1]: I walked');
  });

  it('gives nothing for an empty selection or one outside the transcript', () => {
    const region = renderText();
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    expect(selectedSpan(region, sel)).toBeNull();
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.append(outside);
    const range = document.createRange();
    range.setStart(outside.firstChild!, 0);
    range.setEnd(outside.firstChild!, 4);
    sel.addRange(range);
    expect(selectedSpan(region, sel)).toBeNull();
  });

  it('cuts the words at every highlight boundary', () => {
    const cut = pieces(10, 30, [
      { start: 5, end: 15 },
      { start: 12, end: 20 },
    ]);
    expect(cut.map((p) => [p.start, p.end, p.covering.length])).toEqual([
      [10, 12, 1],
      [12, 15, 2],
      [15, 20, 1],
      [20, 30, 0],
    ]);
  });
});
