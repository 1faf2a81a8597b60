import type { PGlite, Transaction } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Db } from '../platform/database';
import * as schema from '../schema';

/**
 * A Drizzle instance over a PGlite instance that records every statement the database receives,
 * one entry per round trip: queries, raw SQL, and a transaction's BEGIN and COMMIT (or ROLLBACK),
 * which PGlite sends itself and Drizzle's logger never sees.
 */
export function countingDb(pglite: PGlite): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const seen = (sql: string) => statements.push(sql.replace(/\s+/g, ' ').trim());
  const countingTx = (tx: Transaction): Transaction =>
    ({
      ...tx,
      query: (sql: string, ...rest: unknown[]) => (seen(sql), (tx.query as (...a: unknown[]) => unknown)(sql, ...rest)),
      exec: (sql: string, ...rest: unknown[]) => (seen(sql), (tx.exec as (...a: unknown[]) => unknown)(sql, ...rest)),
      get closed() {
        return tx.closed;
      },
    }) as Transaction;
  const client = {
    query: (sql: string, ...rest: unknown[]) => (
      seen(sql),
      (pglite.query as (...a: unknown[]) => unknown).call(pglite, sql, ...rest)
    ),
    exec: (sql: string, ...rest: unknown[]) => (
      seen(sql),
      (pglite.exec as (...a: unknown[]) => unknown).call(pglite, sql, ...rest)
    ),
    transaction: async <T>(run: (tx: Transaction) => Promise<T>): Promise<T> => {
      seen('BEGIN');
      let failed = false;
      try {
        return await pglite.transaction((tx) =>
          run(countingTx(tx)).catch((err: unknown) => {
            failed = true;
            throw err;
          }),
        );
      } finally {
        // PGlite ends every transaction itself: COMMIT, or ROLLBACK when the body threw.
        seen(failed ? 'ROLLBACK' : 'COMMIT');
      }
    },
  };
  return { db: drizzle(client as unknown as PGlite, { schema }) as unknown as Db, statements };
}
