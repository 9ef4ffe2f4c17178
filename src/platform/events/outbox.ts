// Domain events through an outbox: a service writes the event in the transaction of the change, and
// a NOTIFY sent in the same transaction (delivered only if it commits) wakes the consumers at once.
// A consumer that missed a wake-up loses nothing: the events wait in the table.
import { and, asc, gt, or, eq, sql } from 'drizzle-orm';
import type { RequestContext } from '../context';
import { insertRows } from '../db/bulk';
import type { Database, Executor, Tx } from '../db/database';
import { domainEvents } from './events.tables';

export const EVENTS_CHANNEL = 'probity_events';

export const domainEventTypes = [
  'BenefitSubmitted',
  'BenefitApproved',
  'BenefitPaid',
  'BenefitClosed',
  'BenefitEnded',
  'BlackoutDeclared',
  'RelationshipAdded',
] as const;
export type DomainEventType = (typeof domainEventTypes)[number];

export interface DomainEventInput {
  type: DomainEventType;
  entityType: string;
  entityId: string;
  payload?: Record<string, unknown>;
}

export type DomainEvent = typeof domainEvents.$inferSelect;

export async function publishEvents(tx: Tx, ctx: RequestContext, events: readonly DomainEventInput[]): Promise<void> {
  if (events.length === 0) return;
  // In chunks through one statement each: an import may publish a hundred thousand at once.
  await insertRows(tx, domainEvents, events.map((e) => ({ type: e.type, entityType: e.entityType, entityId: e.entityId, payload: e.payload ?? {}, actorId: ctx.principal?.userId ?? null })));
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, '')`);
}

export interface OutboxPosition {
  xid: number;
  id: number;
}

/**
 * The next events after `after`, in order, of transactions that have all ended: nothing older can still
 * appear behind them, so a reader that moves its position to the last one read never skips one.
 */
export async function eventsAfter(executor: Executor, after: OutboxPosition, limit: number): Promise<{ events: DomainEvent[]; held: boolean }> {
  // One read: the next rows with the horizon beside them. In (xid, id) order every row a running
  // transaction holds back comes after all those it does not, so the first held row ends the batch.
  const rows = await executor
    .select({ event: domainEvents, horizon: sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text` })
    .from(domainEvents)
    .where(or(gt(domainEvents.xid, after.xid), and(eq(domainEvents.xid, after.xid), gt(domainEvents.id, after.id))))
    .orderBy(asc(domainEvents.xid), asc(domainEvents.id))
    .limit(limit + 1);
  const horizon = rows.length > 0 ? Number(rows[0]!.horizon) : 0;
  const readable = rows.filter((r) => r.event.xid < horizon).map((r) => r.event);
  /** Events remain that a transaction still running holds back: they will be read once it ends. */
  const held = readable.length < rows.length;
  return { events: readable.slice(0, limit), held };
}

/** Calls `onEvents` whenever a transaction that published events commits; returns how to stop listening. */
export async function listenForEvents(database: Database, onEvents: () => void): Promise<() => Promise<void>> {
  if (database.kind === 'pglite') {
    const unlisten = await database.client.listen(EVENTS_CHANNEL, onEvents);
    return unlisten;
  }
  const client = await database.pool.connect();
  client.on('notification', onEvents);
  await client.query(`LISTEN ${EVENTS_CHANNEL}`);
  return async () => {
    client.off('notification', onEvents);
    await client.query(`UNLISTEN ${EVENTS_CHANNEL}`).catch(() => undefined);
    client.release();
  };
}
