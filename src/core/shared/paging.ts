import { z } from 'zod';

/**
 * Keyset paging for lists that grow (issue #12): newest first by an instant, ties broken by id. The
 * cursor is opaque to clients — base64url of "<ISO instant>|<id>" — and names the last row of the
 * page before; the next page holds the rows strictly older than it.
 */
export interface Cursor {
  at: Date;
  id: string;
}

/** The cursor that continues after `row`. */
export function encodeCursor(row: Cursor): string {
  const raw = `${row.at.toISOString()}|${row.id}`;
  let b64 = '';
  for (const byte of new TextEncoder().encode(raw)) b64 += String.fromCharCode(byte);
  return btoa(b64).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor a client sent back, or null when it is not one Kindred made. */
export function decodeCursor(cursor: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  let raw: string;
  try {
    raw = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const [iso, id, ...rest] = raw.split('|');
  if (rest.length > 0 || iso === undefined || id === undefined || !UUID.test(id)) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) || at.toISOString() !== iso ? null : { at, id };
}

/** A page query: how many rows, and the cursor of the page before (none for the first page). */
export const pageQuery = (defaultLimit: number, maxLimit = 500) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
    before: z
      .string()
      .max(200)
      .refine((c) => decodeCursor(c) !== null, 'Not a cursor from this list: use the one the previous page gave')
      .optional(),
  });

/** One page: the rows, the cursor of the next page (null on the last), and how many rows the whole list has. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}
