import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only record of every read and write of personal data. A database trigger (see the
 * migrations) rejects UPDATE and DELETE, so not even a bug in the application can rewrite it.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    programId: uuid('program_id'),
    ip: text('ip'),
    requestId: text('request_id'),
  },
  (t) => [index('audit_program_at_idx').on(t.programId, t.at), index('audit_entity_idx').on(t.entityType, t.entityId)],
);
