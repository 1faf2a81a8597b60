import { describe, expect, it } from 'vitest';
import { programPages } from './routes';

describe('the program’s pages, as data', () => {
  it('gives every page one address', () => {
    const paths = programPages.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('guards every page: none is open to every member of the program by accident', () => {
    expect(programPages.filter((p) => !p.action && !p.when).map((p) => p.path)).toEqual([]);
  });
});
