import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageQuery } from './paging';

describe('keyset cursors', () => {
  const row = { at: new Date('2026-03-02T15:00:00.123Z'), id: '0b7c6f2e-3a57-4d8e-9b1a-2f4c5d6e7f80' };

  it('round-trips the instant and the id, as URL-safe text', () => {
    const c = encodeCursor(row);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c)).toEqual(row);
  });

  it('refuses anything Kindred did not make', () => {
    expect(decodeCursor('not a cursor')).toBeNull();
    expect(decodeCursor(btoa('2026-03-02T15:00:00.123Z|x'))).toBeNull();
    expect(decodeCursor(btoa(`yesterday|${row.id}`))).toBeNull();
    expect(decodeCursor(btoa(`2026-03-02T15:00:00.123Z|${row.id}|more`))).toBeNull();
    expect(pageQuery(50).safeParse({ before: 'garbage!' }).success).toBe(false);
    expect(pageQuery(50).parse({})).toEqual({ limit: 50 });
    expect(pageQuery(50).safeParse({ limit: '501' }).success).toBe(false);
  });
});
