import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The outbox: what happened, written in the same transaction as the change itself, for consumers
 * (monitoring, analytics) to react to after commit. Append-only. `xid` is the writing transaction's
 * id: consumers read in (xid, id) order and only below the oldest transaction still running, so an
 * event committed late is never skipped.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    xid: bigint('xid', { mode: 'number' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text)::bigint`),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    payload: jsonb('payload').notNull(),
    actorId: uuid('actor_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('domain_events_order_idx').on(t.xid, t.id), index('domain_events_entity_idx').on(t.entityType, t.entityId)],
);
