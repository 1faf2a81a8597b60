import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from './database';
import { rateLimits } from './ratelimit.table';

import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/** @fastify/rate-limit's store contract with `read` (Kindred uses neither `continueExceeding` nor back-off). */
export interface RateLimitStore extends FastifyRateLimitStore {
  read(key: string, cb: Callback, timeWindow: number, max: number): void;
}

const hashKey = (scope: string, key: string) => createHash('sha256').update(`${scope}\n${key}`).digest('hex');

/**
 * A @fastify/rate-limit store on the `rate_limits` table (ADR 0043), so every server sharing the
 * database counts against one limit. Each request is one atomic upsert: the first hit of a window
 * writes 1, a hit inside the window adds 1, a hit after it starts a new window. Windows run on the
 * database's clock, which all servers share. Keys are hashed with the route: the raw key is an IP
 * address. Each route with its own limit counts apart, as the plugin's in-memory store does.
 */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  const make = (scope: string): RateLimitStore => ({
    incr(key, cb, timeWindow) {
      const windowMs = Math.max(1, Math.trunc(timeWindow));
      db.execute(
        sql`insert into ${rateLimits} as r (key, hits, window_ends_at)
            values (${hashKey(scope, key)}, 1, now() + make_interval(secs => ${windowMs / 1000}))
            on conflict (key) do update set
              hits = case when r.window_ends_at <= now() then 1 else r.hits + 1 end,
              window_ends_at = case when r.window_ends_at <= now() then excluded.window_ends_at else r.window_ends_at end
            returning r.hits as hits, greatest(0, ceil(extract(epoch from (r.window_ends_at - now())) * 1000))::int as ttl`,
      ).then(
        (res) => {
          const row = rowsOf<{ hits: number; ttl: number }>(res)[0]!;
          cb(null, { current: Number(row.hits), ttl: Number(row.ttl) });
        },
        (err: Error) => cb(err),
      );
    },
    read(key, cb) {
      db.execute(
        sql`select hits, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::int as ttl
            from ${rateLimits} where key = ${hashKey(scope, key)} and window_ends_at > now()`,
      ).then(
        (res) => {
          const row = rowsOf<{ hits: number; ttl: number }>(res)[0];
          cb(null, row ? { current: Number(row.hits), ttl: Number(row.ttl) } : { current: 0, ttl: 0 });
        },
        (err: Error) => cb(err),
      );
    },
    child(routeOptions) {
      const info = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      return make(`${[info.method ?? ''].flat().join(',')} ${info.url ?? ''}`);
    },
  });
  // The plugin constructs the store with `new`; returning an object from a constructor is allowed.
  return function DatabaseRateLimitStore() {
    return make('global');
  } as unknown as FastifyRateLimitStoreCtor;
}

/** node-postgres answers `{ rows }`, PGlite answers `{ rows }` too but typed apart; both arrive here. */
function rowsOf<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? (res as T[])) as T[];
}

/** Deletes counters whose window has ended (run with the timed jobs); a later hit would start afresh anyway. */
export async function sweepRateLimits(db: Db): Promise<{ removed: number }> {
  const rows = await db
    .delete(rateLimits)
    .where(sql`${rateLimits.windowEndsAt} < now()`)
    .returning({ key: rateLimits.key });
  return { removed: rows.length };
}
