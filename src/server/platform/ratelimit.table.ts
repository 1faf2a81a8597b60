import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters for @fastify/rate-limit, kept in the database so that every server behind a
 * reverse proxy counts against the same limit (ADR 0043). One row per route and caller key (a hash:
 * the key is an IP address); `window_ends_at` past means the next request starts a new window.
 */
export const rateLimits = pgTable('rate_limits', {
  /** SHA-256 of the route and the caller's key, hex. */
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
});
