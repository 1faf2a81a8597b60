import { describe, expect, it } from 'vitest';
import { codePath, diffCodebooks, inTreeOrder, sameCodebook, type CodebookEntry } from '.';

const entry = (id: string, name: string, parentId: string | null = null, more: Partial<CodebookEntry> = {}): CodebookEntry => ({
  id,
  parentId,
  name,
  color: null,
  definition: null,
  whenToUse: null,
  whenNotToUse: null,
  example: null,
  ...more,
});

const v1 = [
  entry('b', 'Benefits'),
  entry('h', 'Hope', 'b', { definition: 'Hope is named' }),
  entry('r', 'Relief', 'b'),
  entry('x', 'Barriers'),
  entry('t', 'Transport', 'x', { example: 'The bus' }),
];

describe('the difference between two codebook versions', () => {
  it('names added, removed, renamed, moved and redefined codes by their paths', () => {
    const v2 = [
      entry('b', 'Gains'),
      entry('h', 'Hope', 'b', { definition: 'Hope or encouragement is named' }),
      entry('x', 'Barriers'),
      entry('t', 'Transport', 'b', { example: 'The bus', color: '#FF0000' }),
      entry('w', 'Work', 'x'),
      entry('s', 'Shifts', 'w'),
    ];
    expect(diffCodebooks(v1, v2)).toEqual({
      added: [
        { id: 'w', path: 'Barriers > Work' },
        { id: 's', path: 'Barriers > Work > Shifts' },
      ],
      removed: [{ id: 'r', path: 'Benefits > Relief' }],
      renamed: [{ id: 'b', from: 'Benefits', to: 'Gains' }],
      moved: [{ id: 't', from: 'Barriers', to: 'Gains' }],
      changed: [
        { id: 'h', path: 'Gains > Hope', fields: ['definition'] },
        { id: 't', path: 'Gains > Transport', fields: ['color'] },
      ],
    });
  });

  it('is empty between a version and itself, and runs backwards too', () => {
    expect(
      sameCodebook(
        v1,
        v1.map((e) => ({ ...e })),
      ),
    ).toBe(true);
    const v2 = [...v1, entry('n', 'New', 'x')];
    expect(sameCodebook(v1, v2)).toBe(false);
    expect(diffCodebooks(v2, v1).removed).toEqual([{ id: 'n', path: 'Barriers > New' }]);
    expect(diffCodebooks(v2, v1).added).toEqual([]);
  });

  it('a change of one of the four fields is named, each apart', () => {
    const v2 = v1.map((e) =>
      e.id === 'h' ? { ...e, definition: null, whenToUse: 'Always', whenNotToUse: 'Never', example: 'x' } : e,
    );
    expect(diffCodebooks(v1, v2).changed).toEqual([
      { id: 'h', path: 'Benefits > Hope', fields: ['definition', 'whenToUse', 'whenNotToUse', 'example'] },
    ]);
  });
});

describe('paths and order', () => {
  it('walks parents to the top, and lists parents before their children, siblings by name', () => {
    expect(codePath(v1, 't')).toBe('Barriers > Transport');
    expect(inTreeOrder(v1).map((e) => e.id)).toEqual(['x', 't', 'b', 'h', 'r']);
  });
});
