import { describe, expect, it } from 'vitest';
import { hasListItem, markdownProblems, parseInline, parseMarkdown } from './markdown';

describe('parseInline', () => {
  it('splits bold and italic runs and keeps the rest literal', () => {
    expect(parseInline('Rest **before** you *hurt*, not after.')).toEqual([
      { text: 'Rest ' },
      { text: 'before', bold: true },
      { text: ' you ' },
      { text: 'hurt', italic: true },
      { text: ', not after.' },
    ]);
  });

  it('leaves unmatched markers and lone asterisks as text', () => {
    expect(parseInline('2 * 3 = 6 and **open')).toEqual([{ text: '2 * 3 = 6 and **open' }]);
  });
});

describe('parseMarkdown', () => {
  it('reads headings, paragraphs joined across lines, and both kinds of list', () => {
    const md = '### Why it helps\nPacing keeps\nyou going.\n\n- one\n- two\n  continued\n\n1. first\n2. second\n\n#### Small';
    expect(parseMarkdown(md)).toEqual([
      { kind: 'heading', level: 3, content: [{ text: 'Why it helps' }] },
      { kind: 'paragraph', content: [{ text: 'Pacing keeps you going.' }] },
      { kind: 'list', ordered: false, items: [[{ text: 'one' }], [{ text: 'two continued' }]] },
      { kind: 'list', ordered: true, items: [[{ text: 'first' }], [{ text: 'second' }]] },
      { kind: 'heading', level: 4, content: [{ text: 'Small' }] },
    ]);
  });

  it('starts a new list when the kind changes and ends a paragraph at a list', () => {
    expect(parseMarkdown('Intro\n- a\n1. b').map((b) => b.kind)).toEqual(['paragraph', 'list', 'list']);
  });

  it('keeps HTML as plain text (the renderer never injects it)', () => {
    expect(parseMarkdown('<b>hi</b>')).toEqual([{ kind: 'paragraph', content: [{ text: '<b>hi</b>' }] }]);
  });
});

describe('markdownProblems', () => {
  it('accepts the subset', () => {
    expect(markdownProblems('### Title\nText with **bold**.\n\n- item\n1. item')).toEqual([]);
  });

  it('names each line outside the subset', () => {
    expect(markdownProblems('# Big\nok\n<img src=x>\n[link](http://x)\n`code`\n> quote\n##### tiny')).toEqual([
      'line 1: use ### or #### for headings inside a section',
      'line 3: raw HTML is not allowed',
      'line 4: links and images are not supported',
      'line 5: code is not supported',
      'line 6: block quotes are not supported',
      'line 7: use ### or #### for headings inside a section',
    ]);
  });
});

describe('hasListItem', () => {
  it('is true only when there is a list', () => {
    expect(hasListItem('- a')).toBe(true);
    expect(hasListItem('1. a')).toBe(true);
    expect(hasListItem('just text')).toBe(false);
  });
});
